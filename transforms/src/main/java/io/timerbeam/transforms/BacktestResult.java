package io.timerbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

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
public final class BacktestResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<Row> metrics;
  private final PCollection<Row> forecasts;
  private final PCollection<Row> summary;
  private final PCollection<Row> failures;

  BacktestResult(Pipeline pipeline, PCollection<Row> metrics, PCollection<Row> forecasts, PCollection<Row> summary,
      PCollection<Row> failures) {
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.forecasts = forecasts;
    this.summary = summary;
    this.failures = failures;
  }

  public PCollection<Row> metrics() {
    return metrics;
  }

  public PCollection<Row> forecasts() {
    return forecasts;
  }

  public PCollection<Row> summary() {
    return summary;
  }

  public PCollection<Row> failures() {
    return failures;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(TimerForecast.METRICS, metrics, TimerForecast.WINDOW_FORECASTS, forecasts,
        TimerForecast.SUMMARY, summary, TimerForecast.FAILURES, failures);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
