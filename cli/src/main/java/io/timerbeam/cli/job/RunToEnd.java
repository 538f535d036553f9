package io.timerbeam.cli.job;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/** A job's pipeline run to its end: one that ends other than DONE is an error naming how it ended. */
final class RunToEnd {
  private RunToEnd() {}

  static PipelineResult of(Pipeline pipeline) {
    PipelineResult result = pipeline.run();
    checkDone(result.waitUntilFinish());
    return result;
  }

  static void checkDone(PipelineResult.State state) {
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline ended " + state);
    }
  }
}
