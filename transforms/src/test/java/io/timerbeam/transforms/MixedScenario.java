package io.timerbeam.transforms;

import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.Golden;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Good series (several lengths, gaps, a missing value) next to one series for each failure
 * reason: the forecasts must equal the bare engine's, each failure must carry its series' id
 * and reason, and series in = forecast + failed. Shared by the DirectRunner and Flink tests.
 */
final class MixedScenario {
  static final int HORIZON = 24;

  private final List<Row> input = new ArrayList<>();
  private final HashMap<String, double[][]> expectedForecasts = new HashMap<>();
  private final TreeSet<String> expectedFailures = new TreeSet<>();
  /** The engine whose forecast of each series alone the pipeline must write, and how close (Golden.relativeError). */
  private final ForecastModel engine;
  private final double tolerance;

  /** The float32 tiny model, held to the golden tolerance. */
  MixedScenario() {
    this(ModelFixture.TINY, Golden.TOLERANCE);
  }

  MixedScenario(ModelSpec engineSpec, double tolerance) {
    this.engine = ModelHolder.forSpec(engineSpec).model();
    this.tolerance = tolerance;
    good("good_a", SeriesRows.wave(200, 1));
    good("good_short", SeriesRows.wave(37, 2));
    good("good_long", SeriesRows.wave(700, 3));
    double[] gappy = SeriesRows.wave(120, 4);
    Arrays.fill(gappy, 50, 60, Double.NaN); // these days have no row at all
    gappy[80] = Double.NaN; // this day has a row with a null value
    for (int i = 0; i < gappy.length; i++) {
      if (i < 50 || i >= 60) {
        input.add(SeriesRows.point("good_gap", SeriesRows.START.plus(Duration.standardDays(i)), gappy[i]));
      }
    }
    expectedForecasts.put("good_gap", alone(gappy));

    bad("bad_duplicate", FailureCodes.DUPLICATE_TIMESTAMP, SeriesRows.daily("bad_duplicate", SeriesRows.wave(50, 5)),
        SeriesRows.point("bad_duplicate", SeriesRows.START.plus(Duration.standardDays(3)), 1.0));
    bad("bad_off_grid", FailureCodes.OFF_GRID, SeriesRows.daily("bad_off_grid", SeriesRows.wave(50, 6)),
        SeriesRows.point("bad_off_grid", SeriesRows.START.plus(Duration.standardHours(36)), 1.0));
    bad("bad_null_timestamp", FailureCodes.NULL_TIMESTAMP, SeriesRows.daily("bad_null_timestamp", SeriesRows.wave(30, 7)),
        SeriesRows.point("bad_null_timestamp", null, 1.0));
    double[] allMissing = new double[10];
    Arrays.fill(allMissing, Double.NaN);
    bad("bad_all_missing", FailureCodes.INVALID_VALUES, SeriesRows.daily("bad_all_missing", allMissing));
    double[] infinite = SeriesRows.wave(20, 8);
    infinite[7] = Double.POSITIVE_INFINITY;
    bad("bad_infinite", FailureCodes.INVALID_VALUES, SeriesRows.daily("bad_infinite", infinite));
    double[] huge = SeriesRows.wave(30, 9);
    huge[12] = 1e200;
    bad("bad_huge", FailureCodes.VALUE_OUT_OF_RANGE, SeriesRows.daily("bad_huge", huge));
    bad("bad_too_few", FailureCodes.TOO_FEW_OBSERVATIONS, SeriesRows.daily("bad_too_few", new double[] {1, 2}));
    bad("bad_single_point", FailureCodes.UNKNOWN_FREQUENCY, SeriesRows.daily("bad_single_point", new double[] {1}));
  }

  private void good(String id, double[] values) {
    input.addAll(SeriesRows.daily(id, values));
    expectedForecasts.put(id, alone(values));
  }

  private double[][] alone(double[] context) {
    return Golden.toDouble(engine.forecast(List.of(context), HORIZON)[0]);
  }

  private void bad(String id, String code, List<Row> rows, Row... extra) {
    input.addAll(rows);
    input.addAll(Arrays.asList(extra));
    expectedFailures.add(id + ":" + code);
  }

  int seriesCount() {
    return expectedForecasts.size() + expectedFailures.size();
  }

  /** Applies the transform with {@code spec} and registers the assertions. */
  void build(Pipeline pipeline, ModelSpec spec) {
    ForecastResult result = pipeline
        .apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(TimerForecast.forecasts()
            .withIdColumns("series")
            .withTimestampColumn("ts")
            .withValueColumn("value")
            .withHorizon(HORIZON)
            .withBatchSize(3)
            .withRawQuantiles()
            .withModel(spec));
    PAssert.that(result.forecasts()).satisfies(ForecastAssertions.matches(expectedForecasts, "series", tolerance));
    PAssert.that(result.failures()).satisfies(ForecastAssertions.failuresAre(expectedFailures, "series"));
  }

  /** series in = forecast + failed, in the transform's metrics. */
  void assertCountsReconcile(PipelineResult result) {
    assertEquals(seriesCount(), counter(result, ForecastMetrics.SERIES_IN));
    assertEquals(expectedForecasts.size(), counter(result, ForecastMetrics.SERIES_FORECAST));
    assertEquals(expectedFailures.size(), counter(result, ForecastMetrics.SERIES_FAILED));
    assertEquals(2, counter(result, ForecastMetrics.SERIES_FAILED_PREFIX + FailureCodes.INVALID_VALUES));
  }

  /** A counter of namespace {@code timer_forecast}. */
  static long counter(PipelineResult result, String name) {
    return TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, name);
  }

  /**
   * A metric's committed value where the runner has one, else its attempted value. The
   * DirectRunner commits what a bundle's {@code @FinishBundle} counted before it adds that to the
   * attempted values, so attempted values read as the pipeline ends can miss the last bundles.
   */
  static <T> T finalValue(MetricResult<T> metric) {
    try {
      return metric.getCommitted();
    } catch (UnsupportedOperationException e) {
      return metric.getAttempted();
    }
  }
}
