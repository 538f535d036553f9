package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** Forecasting's outputs: one row per series and horizon step, one failure row per series. */
final class ForecastOutputs implements HeadOutputs {
  private static final long serialVersionUID = 1L;

  private final ForecastRows rows;
  private final TupleTag<Row> forecasts;
  private final TupleTag<Row> failures;

  ForecastOutputs(ForecastRows rows, TupleTag<Row> forecasts, TupleTag<Row> failures) {
    this.rows = rows;
    this.forecasts = forecasts;
    this.failures = failures;
  }

  @Override
  public void forecast(AssembledContext series, double[][] headOutput, String modelId, MultiOutputReceiver out) {
    for (Row row : rows.forecast(series, headOutput, modelId)) {
      out.get(forecasts).output(row);
    }
  }

  @Override
  public void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out) {
    out.get(failures).output(rows.failure(series.id(), rejection));
  }
}
