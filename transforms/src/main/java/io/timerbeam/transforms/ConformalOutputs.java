package io.timerbeam.transforms;

import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.model.series.SeriesRejection;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The model's outputs for conformal scoring: each window's point forecast (the median of a
 * quantile model, the forecast of a point model) beside its actuals, keyed by series
 * ({@link ConformalWindow}), for {@link ConformalScoring} once all of a series' windows are in. A
 * target window the engine cannot forecast is a failure row at once; a calibration window is
 * passed on as failed, so that its series' target fails with the reason.
 */
final class ConformalOutputs implements HeadOutputs {
  private static final long serialVersionUID = 1L;

  private final QuantileLayout layout;
  private final AnomalyRows rows;
  private final TupleTag<KV<Row, Row>> windows;
  private final TupleTag<Row> failures;

  ConformalOutputs(QuantileLayout layout, AnomalyRows rows, TupleTag<KV<Row, Row>> windows, TupleTag<Row> failures) {
    this.layout = layout;
    this.rows = rows;
    this.windows = windows;
    this.failures = failures;
  }

  @Override
  public void forecast(AssembledContext series, double[][] headOutput, String modelId, MultiOutputReceiver out) {
    WindowTarget target = series.target();
    double[] point = new double[target.actuals().length];
    for (int h = 0; h < point.length; h++) {
      point[h] = layout.isPointForecast() ? headOutput[0][h] : layout.step(headOutput, h)[layout.medianColumn()];
    }
    ConformalWindow window = target.isCalibrationWindow()
        ? ConformalWindow.calibration(series.forecastMillis(), target.actuals(), point)
        : ConformalWindow.target(series.forecastMillis(), target.actuals(), target.scoredSteps(), point);
    out.get(windows).output(KV.of(series.id(), window.toRow()));
  }

  @Override
  public void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out) {
    WindowTarget target = series.target();
    if (target.isCalibrationWindow()) {
      out.get(windows).output(KV.of(series.id(), ConformalWindow.calibrationFailure(series.forecastMillis(), target.actuals(),
          "the calibration window after " + java.time.Instant.ofEpochMilli(series.contextEndMillis()) + " could not be forecast: "
              + rejection.code() + ": " + rejection.getMessage()).toRow()));
    } else {
      out.get(failures).output(rows.windowFailure(series.id(), series.forecastMillis(), target.scoredSteps(),
          rejection.code(), rejection.getMessage()));
    }
  }
}
