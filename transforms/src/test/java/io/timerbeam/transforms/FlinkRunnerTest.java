package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The mixed-series pipeline on an embedded Flink cluster with parallelism 2. */
public class FlinkRunnerTest {
  @Test
  public void mixedSeriesOnFlinkLoadTheModelOncePerJvm() {
    // A spec no other test uses, so this JVM has not loaded it yet.
    ModelSpec spec = ModelFixture.TINY.withThreads(1);
    MixedScenario scenario = new MixedScenario();
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(2);
    Pipeline pipeline = Pipeline.create(options);
    scenario.build(pipeline, spec);
    int loadsBefore = ModelHolder.loadCount();

    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals("engine loads during the job", 1, ModelHolder.loadCount() - loadsBefore);
    scenario.assertCountsReconcile(result);
  }
}
