package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/** Runs an anomaly pipeline and checks its target-point counters, which reconcile: in = scored + failed. */
final class TargetPoints {
  private TargetPoints() {}

  static PipelineResult runAndAssert(Pipeline pipeline, long in, long scored, long failed) {
    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    assertEquals("target_points_in", in, counter(run, "target_points_in"));
    assertEquals("target_points_scored", scored, counter(run, "target_points_scored"));
    assertEquals("target_points_failed", failed, counter(run, "target_points_failed"));
    return run;
  }

  /** A counter of namespace {@code timer_anomalies}. */
  static long counter(PipelineResult run, String name) {
    return TimerMetrics.counter(run, TimerMetrics.ANOMALY_NAMESPACE, name);
  }
}
