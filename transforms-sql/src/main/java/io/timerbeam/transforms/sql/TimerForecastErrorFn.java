package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesOutcome;
import io.timerbeam.transforms.OneSeriesForecaster;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;

/**
 * {@code TIMER_FORECAST_ERROR(TIMER_POINT(ts, value, horizon))}: why {@code TIMER_FORECAST} gives
 * this group no steps, as {@code "error_code: message"} with the transform's codes, or null when
 * it can be forecast. Runs the series assembly only, not the model.
 */
public class TimerForecastErrorFn extends PointsAggregateFn
    implements AggregateFn<List<Double>, ForecastPoints, String> {
  private static final long serialVersionUID = 1L;

  private final OneSeriesForecaster forecaster;

  public TimerForecastErrorFn(OneSeriesForecaster forecaster) {
    this.forecaster = forecaster;
  }

  @Override
  public String extractOutput(ForecastPoints points) {
    OneSeriesOutcome outcome =
        forecaster.check(points.times(), points.values(), points.nullTimestamps(), points.horizon());
    return outcome.errorCode() == null ? null : outcome.errorCode() + ": " + outcome.errorMessage();
  }
}
