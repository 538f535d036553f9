package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.MetricAggregate;
import io.timerbeam.transforms.evaluation.WindowForecast;
import io.timerbeam.transforms.evaluation.WindowMetrics;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Backtesting's outputs for one window: the model's and the seasonal-naive baseline's metric rows,
 * their per-step forecast rows, and each model's one-window aggregate (the baseline's against
 * itself, so its relative figures are 1). A window the engine cannot forecast fails for both
 * models, so that both summaries cover the same windows.
 */
final class BacktestOutputs implements HeadOutputs {
  private static final long serialVersionUID = 1L;

  private final EvaluationRows rows;
  private final QuantileLayout layout;
  private final String modelId;
  private final TupleTag<Row> metrics;
  private final TupleTag<Row> forecasts;
  private final TupleTag<KV<String, MetricAggregate>> aggregates;

  BacktestOutputs(EvaluationRows rows, QuantileLayout layout, String modelId,
      TupleTag<Row> metrics, TupleTag<Row> forecasts, TupleTag<KV<String, MetricAggregate>> aggregates) {
    this.rows = rows;
    this.layout = layout;
    this.modelId = modelId;
    this.metrics = metrics;
    this.forecasts = forecasts;
    this.aggregates = aggregates;
  }

  /** {@code engineModelId} is ignored: the rows carry the id fixed at construction, as the cut step's failure rows do. */
  @Override
  public void forecast(AssembledContext series, double[][] headOutput, String engineModelId, MultiOutputReceiver out) {
    WindowTarget target = series.target();
    double[] actuals = target.actuals();
    int steps = actuals.length;
    double[] point;
    double[][] quantiles = null;
    WindowForecast model;
    if (layout.isPointForecast()) {
      point = headOutput[0];
      model = WindowForecast.point(point);
    } else {
      quantiles = new double[layout.size()][steps];
      for (int h = 0; h < steps; h++) {
        double[] q = layout.step(headOutput, h);
        for (int i = 0; i < q.length; i++) {
          quantiles[i][h] = q[i];
        }
      }
      point = quantiles[layout.medianColumn()];
      model = WindowForecast.quantiles(point, layout.levels(), quantiles,
          quantiles[layout.lowerColumn(0)], quantiles[layout.upperColumn(0)], layout.confidenceLevels()[0]);
    }
    WindowMetrics modelMetrics = WindowMetrics.score(actuals, model, target.scale());
    WindowMetrics baselineMetrics = WindowMetrics.score(
        actuals, WindowForecast.baseline(target.baseline(), layout.levels()), target.scale());
    Row id = series.id();
    long cutoff = series.contextEndMillis();
    long[] times = series.forecastMillis();
    out.get(metrics).output(rows.metricRow(id, cutoff, modelId, steps, modelMetrics));
    out.get(metrics).output(rows.metricRow(id, cutoff, EvaluationRows.SEASONAL_NAIVE, steps, baselineMetrics));
    for (Row row : rows.forecastRows(id, cutoff, actuals, times, modelId, point, quantiles)) {
      out.get(forecasts).output(row);
    }
    for (Row row : rows.forecastRows(id, cutoff, actuals, times, EvaluationRows.SEASONAL_NAIVE, target.baseline(), null)) {
      out.get(forecasts).output(row);
    }
    out.get(aggregates).output(KV.of(modelId, seriesCount(target).add(modelMetrics, baselineMetrics)));
    out.get(aggregates).output(KV.of(EvaluationRows.SEASONAL_NAIVE, seriesCount(target).add(baselineMetrics, baselineMetrics)));
  }

  /** An empty aggregate that counts the window's series if this window is the one that counts it. */
  private static MetricAggregate seriesCount(WindowTarget target) {
    MetricAggregate aggregate = new MetricAggregate();
    return target.countsSeries() ? aggregate.addSeries() : aggregate;
  }

  @Override
  public void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out) {
    String reason = rejection.code() + ": " + rejection.getMessage();
    int steps = series.forecastMillis().length;
    for (String model : new String[] {modelId, EvaluationRows.SEASONAL_NAIVE}) {
      out.get(metrics).output(rows.failureRow(series.id(), series.contextEndMillis(), model, steps, reason));
    }
  }
}
