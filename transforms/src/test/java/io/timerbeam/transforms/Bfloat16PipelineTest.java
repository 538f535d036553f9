package io.timerbeam.transforms;

import io.timerbeam.model.ComputePrecision;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.Rule;
import org.junit.Test;

/**
 * TimerForecast with bfloat16 compute writes the engine's bfloat16 forecast of each series alone,
 * on the DirectRunner and on Flink [local]. Batches of 3 mix series of different lengths, which
 * changes the matmuls' shapes and so bfloat16's roundings: held to the tiny fixture's bfloat16
 * bound (4.2e-2, twice PyTorch autocast's error against the float64 reference).
 */
public class Bfloat16PipelineTest {
  private static final double BFLOAT16_BOUND = 4.2e-2;
  private static final ModelSpec BFLOAT16 = ModelFixture.TINY.withCompute(ComputePrecision.BFLOAT16);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void directRunnerWritesTheBfloat16EngineNumbers() {
    MixedScenario scenario = new MixedScenario(BFLOAT16, BFLOAT16_BOUND);
    scenario.build(pipeline, BFLOAT16);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    scenario.assertCountsReconcile(result);
  }

  @Test
  public void flinkWritesTheBfloat16EngineNumbers() {
    MixedScenario scenario = new MixedScenario(BFLOAT16, BFLOAT16_BOUND);
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(2);
    Pipeline flink = Pipeline.create(options);
    scenario.build(flink, BFLOAT16);
    PipelineResult result = flink.run();
    result.waitUntilFinish();
    scenario.assertCountsReconcile(result);
  }
}
