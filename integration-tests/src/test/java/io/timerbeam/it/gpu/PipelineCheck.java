package io.timerbeam.it.gpu;

import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.ForecastResult;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * N daily series of different lengths through TimerForecast on the DirectRunner, on the given
 * device; counted at the outputs: every series forecast (HORIZON rows each) or failed, none lost.
 */
final class PipelineCheck {
  static final int HORIZON = 24;
  private static final String NS = "gpu_check";
  private static final Schema SCHEMA = Schema.builder().addStringField(Columns.UNIQUE_ID).addDateTimeField(Columns.DS)
      .addDoubleField(Columns.Y).build();

  private PipelineCheck() {}

  /** Prints {@code pipeline ...} with the counts; true when they reconcile. */
  static boolean run(Path checkpoint, String device, int series) {
    List<Row> rows = new ArrayList<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int s = 0; s < series; s++) {
      int length = 64 + (s * 37) % 900; // lengths vary so batches mix token counts
      for (int i = 0; i < length; i++) {
        double y = 10 + s % 7 + 3 * Math.sin(i * 0.3 + s) + 0.5 * Math.cos(i * 1.7 * (s % 5 + 1));
        rows.add(Row.withSchema(SCHEMA).addValues("s" + s, start.plus(Duration.standardDays(i)), y).build());
      }
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create()); // the DirectRunner
    ForecastResult result = p.apply(Create.of(rows).withRowSchema(SCHEMA))
        .apply(TimerForecast.forecasts().withHorizon(HORIZON).withModel(ModelSpec.of(checkpoint.toString()).withDevice(device)));
    result.forecasts().apply("CountRows", ParDo.of(new CountFn("forecast_rows")));
    result.forecasts().apply(MapElements.into(TypeDescriptors.strings()).via((Row r) -> r.getString(Columns.UNIQUE_ID)))
        .apply(Distinct.create()).apply("CountSeries", ParDo.of(new CountFn("series_forecast")));
    result.failures().apply("CountFailures", ParDo.of(new CountFn("series_failed")));
    long t0 = System.nanoTime();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long forecast = counter(run, "series_forecast");
    long failed = counter(run, "series_failed");
    long forecastRows = counter(run, "forecast_rows");
    boolean ok = forecast + failed == series && failed == 0 && forecastRows == (long) forecast * HORIZON;
    System.out.printf(Locale.ROOT, "pipeline device=%s series_in=%d series_forecast=%d series_failed=%d forecast_rows=%d wall_s=%.1f %s%n",
        device, series, forecast, failed, forecastRows, seconds, ok ? "ok" : "MISMATCH");
    return ok;
  }

  private static long counter(PipelineResult run, String name) {
    long total = 0;
    for (MetricResult<Long> c : run.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(NS, name)).build()).getCounters()) {
      total += c.getCommitted();
    }
    return total;
  }

  private static final class CountFn extends DoFn<Object, Void> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = Metrics.counter(NS, name);
    }

    @ProcessElement
    public void process() {
      counter.inc();
    }
  }
}
