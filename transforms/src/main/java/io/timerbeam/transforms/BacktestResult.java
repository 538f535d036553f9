package io.timerbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * What {@link TimerForecast#backtest()} produces (schemas: {@code EvaluationRows}):
 *
 * <ul>
 *   <li>{@link #metrics()}: one row per (ids, cutoff, model), model = the checkpoint's id or
 *       {@code seasonal_naive}; a window that could not be scored has null metrics and its reason
 *       in {@code evaluate_status}. Per model, series x windows = metric rows, less the series in
 *       {@link #failures()};
 *   <li>{@link #forecasts()}: one row per (ids, cutoff, model, horizon step) of every scored window;
 *   <li>{@link #summary()}: one row per model, the aggregates over its scored windows;
 *   <li>{@link #failures()}: one row per series that could not be assembled at all (as
 *       {@link ForecastResult#failures()}), so none of its windows has a metric row.
 * </ul>
 */
public final class BacktestResult extends RowOutputs {
  BacktestResult(Pipeline pipeline, PCollection<Row> metrics, PCollection<Row> forecasts, PCollection<Row> summary,
      PCollection<Row> failures) {
    super(pipeline, Map.of(TimerBacktest.METRICS, metrics, TimerBacktest.WINDOW_FORECASTS, forecasts,
        TimerBacktest.SUMMARY, summary, TimerForecast.FAILURES, failures));
  }

  public PCollection<Row> metrics() {
    return part(TimerBacktest.METRICS);
  }

  public PCollection<Row> forecasts() {
    return part(TimerBacktest.WINDOW_FORECASTS);
  }

  public PCollection<Row> summary() {
    return part(TimerBacktest.SUMMARY);
  }

  public PCollection<Row> failures() {
    return part(TimerForecast.FAILURES);
  }
}
