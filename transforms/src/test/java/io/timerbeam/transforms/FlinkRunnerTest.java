package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
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

  /**
   * Every parallel instance of the model stage gets batches: they are spread evenly after
   * forming, so model_workers equals the parallelism (it was capped by a fixed shard count).
   */
  @Test
  public void everyParallelInstanceRunsTheModel() {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(4);
    Pipeline pipeline = Pipeline.create(options);
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < 240; s++) {
      input.addAll(SeriesRows.daily("s" + s, SeriesRows.wave(20, s)));
    }
    pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(TimerForecast.forecasts().withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
            .withHorizon(4).withBatchSize(10).withModel(ModelFixture.TINY.withThreads(4)));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(240, MixedScenario.counter(result, ForecastMetrics.SERIES_FORECAST));
    assertEquals("model workers", 4, MixedScenario.counter(result, ForecastMetrics.MODEL_WORKERS));
  }
}
