package io.timerbeam.flinksql;

import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.output.EngineScale;
import io.timerbeam.model.output.QuantileLayout;
import java.util.Arrays;
import java.util.List;

/**
 * The values the Beam transform writes for one context, recomputed with model/ directly (the
 * transform's own path: EngineScale, the engine alone, QuantileLayout), to hold ML_PREDICT's rows to.
 */
final class TransformRows {
  private TransformRows() {}

  /** [step][quantile column, ascending] for a quantile model, [step][0] = the point forecast otherwise. */
  static double[][] of(ForecastModel model, QuantileLayout layout, double[] context, int horizon) {
    int exponent = EngineScale.exponent(context);
    double[] scaled = Arrays.stream(context).map(v -> Math.scalb(v, exponent)).toArray();
    double[][] head = EngineScale.inDataUnits(model.forecast(List.of(scaled), horizon)[0], exponent);
    double[][] rows = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      rows[h] = layout.isPointForecast() ? new double[] {head[0][h]} : layout.step(head, h);
    }
    return rows;
  }
}
