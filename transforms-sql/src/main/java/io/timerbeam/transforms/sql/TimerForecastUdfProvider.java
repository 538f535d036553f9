package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.SeriesEvaluator;
import io.timerbeam.transforms.SeriesForecaster;
import io.timerbeam.transforms.TimerForecast;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;
import org.apache.beam.sdk.extensions.sql.udf.ScalarFn;
import org.apache.beam.sdk.extensions.sql.udf.UdfProvider;

/**
 * The functions of {@link TimerForecastSql} for {@code CREATE [AGGREGATE] FUNCTION ... USING JAR}.
 * Beam builds the provider itself, with no arguments, on the launcher and again on each worker,
 * so the checkpoint folder comes from the system property {@value #MODEL_PROPERTY} or the
 * environment variable {@value #MODEL_ENV}; other options keep {@link TimerForecast#quantiles()}'s
 * and {@link TimerForecast#backtest()}'s defaults.
 */
public class TimerForecastUdfProvider implements UdfProvider {
  public static final String MODEL_PROPERTY = "timerbeam.sql.model";
  public static final String MODEL_ENV = "TIMERBEAM_SQL_MODEL";

  @Override
  public Map<String, ScalarFn> userDefinedScalarFunctions() {
    return Map.of(TimerForecastSql.POINT, new TimerPointFn(), TimerForecastSql.TIMESTAMP, new TimerTimestampFn());
  }

  @Override
  public Map<String, AggregateFn<?, ?, ?>> userDefinedAggregateFunctions() {
    ModelSpec model = ModelSpec.of(modelPath());
    SeriesForecaster forecaster = new SeriesForecaster(TimerForecast.quantiles().withModel(model));
    return Map.of(TimerForecastSql.FORECAST, new TimerForecastFn(forecaster),
        TimerForecastSql.FORECAST_ERROR, new TimerForecastErrorFn(forecaster),
        TimerForecastSql.EVALUATE, new TimerEvaluateFn(new SeriesEvaluator(TimerForecast.backtest().withModel(model))));
  }

  private static String modelPath() {
    String path = System.getProperty(MODEL_PROPERTY, System.getenv(MODEL_ENV));
    if (path == null || path.isEmpty()) {
      throw new IllegalStateException("TIMER_FORECAST: set -D" + MODEL_PROPERTY + " or " + MODEL_ENV
          + " to the checkpoint folder (Timer-S1 or Timer-XL) on the launcher and every worker");
    }
    return path;
  }
}
