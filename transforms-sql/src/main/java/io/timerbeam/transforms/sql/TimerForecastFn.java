package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesForecaster;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;

/**
 * {@code TIMER_FORECAST(TIMER_POINT(ts, value, horizon))}: one GROUP BY group's forecast as an
 * array of steps (see {@link ForecastSteps}), for {@code CROSS JOIN UNNEST}. A group that cannot
 * be forecast gives an empty array; {@code TIMER_FORECAST_ERROR} says why.
 */
public class TimerForecastFn extends PointsAggregateFn
    implements AggregateFn<List<Double>, ForecastPoints, List<List<Double>>> {
  private static final long serialVersionUID = 1L;

  private final OneSeriesForecaster forecaster;

  public TimerForecastFn(OneSeriesForecaster forecaster) {
    this.forecaster = forecaster;
  }

  @Override
  public List<List<Double>> extractOutput(ForecastPoints points) {
    return ForecastSteps.of(forecaster.forecast(
        points.times(), points.values(), points.nullTimestamps(), points.horizon()).rows());
  }
}
