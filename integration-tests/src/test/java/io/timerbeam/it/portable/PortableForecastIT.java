package io.timerbeam.it.portable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.it.flink.ForecastRuns;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.ForecastResult;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.portability.PortableRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ExecutorOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PortablePipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The forecast pipeline on the portable path Dataflow's Runner v2 takes: the pipeline as a proto
 * ({@link PortableRunner}), coders by URN, DoFns serialized into an SDK harness. The job service is
 * Beam's Flink job server ({@link FlinkJobServer}, an embedded Flink cluster); the harness runs in
 * this JVM (LOOPBACK environment). Its forecast and failure rows must be the DirectRunner's.
 */
public class PortableForecastIT {
  private static final int HORIZON = 16;
  /** Relative to max(1, |v|), as the Flink cluster tests compare. */
  private static final double TOLERANCE = 1e-4;
  private static final MixedObservations INPUT = new MixedObservations(200, 5, 5);
  private static final Path CHECKPOINT = Fixtures.checkpoint(Fixtures.TINY);
  private static final org.joda.time.Duration JOB_LIMIT = org.joda.time.Duration.standardMinutes(5);

  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void forecastsAndFailuresThroughTheFlinkJobServerMatchTheDirectRunner() throws Exception {
    long start = System.nanoTime();
    Path directDir = folder.newFolder("direct").toPath();
    Path portableDir = folder.newFolder("portable").toPath();

    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    Pipeline directPipeline = Pipeline.create(direct);
    Schemas schemas = build(directPipeline, directDir);
    PipelineResult directResult = finish(directPipeline.run());
    long directDone = System.nanoTime();

    PipelineResult portableResult;
    long serverUp;
    try (FlinkJobServer server = FlinkJobServer.start(); HarnessExecutor harnessExecutor = new HarnessExecutor()) {
      serverUp = System.nanoTime();
      Pipeline portablePipeline = Pipeline.create(portableOptions(server.endpoint(), harnessExecutor));
      build(portablePipeline, portableDir);
      portableResult = finish(portablePipeline.run());
    }
    long portableDone = System.nanoTime();
    System.out.printf("PortableForecastIT: %d series; DirectRunner %.1f s, job server start %.1f s,"
            + " PortableRunner (Flink job server, LOOPBACK) %.1f s, test %.1f s%n",
        INPUT.seriesCount(), seconds(start, directDone), seconds(directDone, serverUp),
        seconds(serverUp, portableDone), seconds(start, portableDone));

    for (String counter : List.of("series_in", "series_forecast", "series_failed", "batches", "model_workers")) {
      System.out.printf("PortableForecastIT: %s DirectRunner %d, PortableRunner %d%n", counter,
          ForecastRuns.counter(directResult, counter), ForecastRuns.counter(portableResult, counter));
    }
    Map<String, double[]> directRows = ForecastLines.byKey(RowLines.read(directDir, "forecasts"), schemas.forecasts);
    Map<String, double[]> portableRows = ForecastLines.byKey(RowLines.read(portableDir, "forecasts"), schemas.forecasts);
    assertEquals("forecast rows", (long) (INPUT.seriesCount() - INPUT.expectedFailures().size()) * HORIZON,
        directRows.size());
    assertEquals("the same forecast rows (ids, timestamps, steps, model id)", directRows.keySet(), portableRows.keySet());
    double difference = ForecastLines.maxRelativeDifference(portableRows, directRows);
    System.out.printf("PortableForecastIT: %d forecast rows, max relative difference %.2e%n", portableRows.size(), difference);
    assertTrue("portable rows differ from the DirectRunner's by " + difference, difference <= TOLERANCE);

    Map<String, String> directFailures = failures(RowLines.read(directDir, "failures"), schemas.failures);
    Map<String, String> portableFailures = failures(RowLines.read(portableDir, "failures"), schemas.failures);
    assertEquals("failure codes", INPUT.expectedFailures(), codes(portableFailures));
    assertEquals("failure rows (id, code, message)", directFailures, portableFailures);

    Set<String> forecastIds = ForecastLines.ids(RowLines.read(portableDir, "forecasts"), schemas.forecasts);
    assertTrue("no series both forecast and failed", forecastIds.stream().noneMatch(portableFailures::containsKey));
    assertEquals("series in = forecast + failed (rows)", INPUT.seriesCount(), forecastIds.size() + portableFailures.size());
    assertEquals("DirectRunner series_in", INPUT.seriesCount(), ForecastRuns.counter(directResult, "series_in"));
    assertEquals("DirectRunner series_forecast", forecastIds.size(), ForecastRuns.counter(directResult, "series_forecast"));
    assertEquals("DirectRunner series_failed", portableFailures.size(), ForecastRuns.counter(directResult, "series_failed"));
    // The portable result lists each counter twice (apache/beam#32001); TimerMetrics counts each step once.
    assertEquals("portable series_in", INPUT.seriesCount(), ForecastRuns.counter(portableResult, "series_in"));
    assertEquals("portable series_forecast", forecastIds.size(), ForecastRuns.counter(portableResult, "series_forecast"));
    assertEquals("portable series_failed", portableFailures.size(), ForecastRuns.counter(portableResult, "series_failed"));

    assertGolden(portableRows, schemas.forecasts);
  }

  /** The one golden case of this horizon, forecast on the portable path, against its reference. */
  private static void assertGolden(Map<String, double[]> rows, Schema schema) throws Exception {
    Golden.Case golden = Golden.cases(Fixtures.TINY).stream().filter(c -> c.horizon == HORIZON).findFirst().orElseThrow();
    double[] levels = ModelConfigs.read(CHECKPOINT).quantileLevels();
    List<double[]> steps = ForecastLines.series(rows, MixedObservations.GOLDEN_PREFIX + golden.name);
    assertEquals(HORIZON, steps.size());
    double scale = 1;
    double worst = 0;
    for (int q = 0; q < levels.length; q++) {
      int column = ForecastLines.doubleIndex(schema, Columns.quantileColumn(levels[q]));
      for (int t = 0; t < HORIZON; t++) {
        scale = Math.max(scale, Math.abs(golden.forecast[q][t]));
        worst = Math.max(worst, Math.abs(steps.get(t)[column] - golden.forecast[q][t]));
      }
    }
    assertTrue(golden.name + " off its golden forecast by " + worst / scale, worst / scale <= Golden.TOLERANCE);
  }

  /** Golden contexts are forecast with their raw quantiles, so the columns are the model's own. */
  private static Schemas build(Pipeline pipeline, Path out) {
    ForecastResult result = pipeline
        .apply("Observations", Create.of(INPUT.rows()).withRowSchema(MixedObservations.SCHEMA))
        .apply("Forecast", TimerForecast.forecasts()
            .withHorizon(HORIZON)
            .withRawQuantiles()
            .withBatchSize(32)
            .withModel(ModelSpec.of(CHECKPOINT.toString()).withThreads(1)));
    RowLines.write(result.forecasts(), out, "forecasts");
    RowLines.write(result.failures(), out, "failures");
    return new Schemas(result.forecasts().getSchema(), result.failures().getSchema());
  }

  private static PipelineOptions portableOptions(String endpoint, HarnessExecutor harnessExecutor) {
    PortablePipelineOptions options = PipelineOptionsFactory.as(PortablePipelineOptions.class);
    options.setRunner(PortableRunner.class);
    options.setJobEndpoint(endpoint);
    options.setDefaultEnvironmentType("LOOPBACK");
    options.setFilesToStage(List.of()); // the harness is this JVM: nothing to stage
    options.as(ExecutorOptions.class).setScheduledExecutorService(harnessExecutor);
    options.as(FlinkPipelineOptions.class).setParallelism(2);
    return options;
  }

  /** Waits for the job, cancelling it past {@link #JOB_LIMIT}: a harness that never starts leaves the runner waiting. */
  private static PipelineResult finish(PipelineResult result) throws java.io.IOException {
    PipelineResult.State state = result.waitUntilFinish(JOB_LIMIT);
    if (state == null || !state.isTerminal()) {
      result.cancel();
      throw new AssertionError("job not finished after " + JOB_LIMIT + " (state " + state + ")");
    }
    assertEquals("job state", PipelineResult.State.DONE, state);
    return result;
  }

  /** Series id -> "error_code: error_message"; one failure row per series. */
  private static Map<String, String> failures(List<String[]> lines, Schema schema) {
    int id = schema.indexOf(MixedObservations.SERIES_ID);
    int code = schema.indexOf(Columns.ERROR_CODE);
    int message = schema.indexOf(Columns.ERROR_MESSAGE);
    Map<String, String> byId = new TreeMap<>();
    for (String[] line : lines) {
      String before = byId.put(line[id], line[code] + ": " + line[message]);
      assertEquals("one failure row for " + line[id], null, before);
      assertFalse("a reason for " + line[id], line[message].isEmpty() || line[message].equals("null"));
    }
    return byId;
  }

  private static Map<String, String> codes(Map<String, String> failures) {
    Map<String, String> codes = new TreeMap<>();
    failures.forEach((id, reason) -> codes.put(id, reason.substring(0, reason.indexOf(':'))));
    return codes;
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static final class Schemas {
    final Schema forecasts;
    final Schema failures;

    Schemas(Schema forecasts, Schema failures) {
      this.forecasts = forecasts;
      this.failures = failures;
    }
  }
}
