package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.SeriesForecaster;
import java.io.Serializable;
import java.util.List;

/**
 * The accumulation shared by {@link TimerForecastFn} and {@link TimerForecastErrorFn}. Each of
 * them implements {@code AggregateFn} itself: Beam SQL reads the SQL types from the type
 * arguments of the class that names the interface.
 */
abstract class PointsAggregateFn implements Serializable {
  private static final long serialVersionUID = 1L;

  final SeriesForecaster forecaster;

  PointsAggregateFn(SeriesForecaster forecaster) {
    this.forecaster = forecaster;
  }

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
