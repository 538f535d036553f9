package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.output.QuantileLayout;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Anomaly scoring's outputs for one target window forecast by the model: one row per target
 * point, scored against the step's quantiles (sorted); a window the engine cannot forecast is one
 * failure row for its target points.
 */
final class AnomalyOutputs implements HeadOutputs {
  private static final long serialVersionUID = 1L;

  private final AnomalyRows rows;
  private final QuantileLayout layout;
  private final TupleTag<Row> anomalies;
  private final TupleTag<Row> failures;

  AnomalyOutputs(AnomalyRows rows, QuantileLayout layout, TupleTag<Row> anomalies, TupleTag<Row> failures) {
    this.rows = rows;
    this.layout = layout;
    this.anomalies = anomalies;
    this.failures = failures;
  }

  /** {@code engineModelId} is ignored: the rows carry the id fixed at construction. */
  @Override
  public void forecast(AssembledContext series, double[][] headOutput, String engineModelId, MultiOutputReceiver out) {
    WindowTarget target = series.target();
    boolean[] scored = target.scoredSteps();
    long[] times = series.forecastMillis();
    for (int h = 0; h < scored.length; h++) {
      if (scored[h]) {
        out.get(anomalies).output(rows.scored(series.id(), times[h], target.actuals()[h], layout.levels(), layout.step(headOutput, h)));
      }
    }
  }

  @Override
  public void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out) {
    out.get(failures).output(rows.windowFailure(series.id(), series.forecastMillis(), series.target().scoredSteps(),
        rejection.code(), rejection.getMessage()));
  }
}
