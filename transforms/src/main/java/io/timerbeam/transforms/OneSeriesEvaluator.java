package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Backtests one series at a time with {@link TimerBacktest}'s own steps, for callers that see one
 * series per call (the Beam SQL aggregate {@code TIMER_EVALUATE}): the same window cutting
 * ({@link WindowCutter}), the same engine step ({@link ForecastFn}, the series' windows in one
 * engine call up to the batch size) and the same scoring ({@link BacktestOutputs}). Options other
 * than the horizon (model, windows, step, season, context length, frequency, confidence level...)
 * come from a {@link TimerBacktest}; its id, timestamp and value columns are not used.
 */
public final class OneSeriesEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Row NO_ID = Row.withSchema(Schema.of()).build();

  private final TimerBacktest options;
  private final String modelId;

  public OneSeriesEvaluator(TimerBacktest options) {
    if (options.forecast().model() == null) {
      throw new IllegalArgumentException("OneSeriesEvaluator: withModel(...) is required");
    }
    this.options = options;
    this.modelId = options.forecast().model().outputModelId();
  }

  /** The {@code model} of the model's metric rows (the baseline's are {@link EvaluationRows#SEASONAL_NAIVE}). */
  public String modelId() {
    return modelId;
  }

  /**
   * Backtests one series from its points: epoch milliseconds, values (NaN = missing) and a count
   * of points that had no timestamp: rows of {@link EvaluationRows#metricSchema()} without id
   * columns, windows oldest first, in each the model's row then the baseline's. A window that
   * cannot be scored, engine failures included (model_error), is a row with its reason in
   * {@code evaluate_status}, as in the transform.
   */
  public OneSeriesOutcome evaluate(long[] times, double[] values, int nullTimestamps, int horizon) {
    TimerBacktest backtest = options.withHorizon(horizon);
    TimerForecast.Forecasts forecast = backtest.forecast();
    QuantileLayout layout = forecast.quantileLayout(ModelHolder.forSpec(forecast.model()).model().quantileLevels());
    EvaluationRows rows = TimerBacktest.evaluationRows(Schema.of(), layout);
    SeriesPoints points = SeriesPoints.of(WindowCutter.retainedSteps(backtest.rollingWindows()), times, values, nullTimestamps);
    CollectedOutputs out = new CollectedOutputs();
    List<AssembledContext> windows;
    try {
      windows = backtest.windowCutter(rows, modelId).of(NO_ID, points, out);
    } catch (SeriesRejection rejection) {
      return OneSeriesOutcome.rejected(rejection);
    }
    new ForecastFn(forecast.model(), TimerBacktest.outputs(rows, layout, modelId))
        .forecastAll(windows, forecast.batchSize(), out);
    List<Row> metrics = new ArrayList<>(out.of(TimerBacktest.METRICS));
    // Cut failures come out before the scored windows; a stable sort keeps model-then-baseline.
    metrics.sort(Comparator.comparingLong(row -> row.getDateTime(EvaluationRows.CUTOFF).getMillis()));
    return OneSeriesOutcome.of(metrics);
  }
}
