package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;

/**
 * What {@link ForecastFn} makes of the engine's answer for one series: forecast rows
 * ({@link ForecastOutputs}) or a backtest window's scores ({@link BacktestOutputs}). The engine
 * path (batching, retries, checks) is the same for both.
 */
interface HeadOutputs extends Serializable {
  /** The head output [row][step] of one series in the data's units, all finite: quantile rows, or one point row. */
  void forecast(AssembledContext series, double[][] headOutput, String modelId, MultiOutputReceiver out);

  /** A series the engine could not forecast. */
  void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out);
}
