package io.timerbeam.transforms.sql;

import java.io.Serializable;
import java.util.List;

/**
 * The accumulation shared by {@link TimerForecastFn}, {@link TimerForecastErrorFn},
 * {@link TimerEvaluateFn} and {@link TimerDetectAnomaliesFn}. Each of them implements
 * {@code AggregateFn} itself: Beam SQL reads the
 * SQL types from the type arguments of the class that names the interface.
 */
abstract class PointsAggregateFn implements Serializable {
  private static final long serialVersionUID = 1L;

  public ForecastPoints createAccumulator() {
    return new ForecastPoints();
  }

  public ForecastPoints addInput(ForecastPoints points, List<Double> point) {
    return points.add(point);
  }

  public ForecastPoints mergeAccumulators(ForecastPoints points, Iterable<ForecastPoints> others) {
    return points.merge(others);
  }
}
