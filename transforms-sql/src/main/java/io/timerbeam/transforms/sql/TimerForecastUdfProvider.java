package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.OneSeriesDetector;
import io.timerbeam.transforms.OneSeriesEvaluator;
import io.timerbeam.transforms.OneSeriesForecaster;
import io.timerbeam.transforms.TimerAnomalies;
import io.timerbeam.transforms.TimerForecast;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;
import org.apache.beam.sdk.extensions.sql.udf.ScalarFn;
import org.apache.beam.sdk.extensions.sql.udf.UdfProvider;

/**
 * The functions of {@link TimerForecastSql} for {@code CREATE [AGGREGATE] FUNCTION ... USING JAR}.
 * Beam builds the provider itself, with no arguments, on the launcher and again on each worker,
 * so the checkpoint folder comes from the system property {@value #MODEL_PROPERTY} or the
 * environment variable {@value #MODEL_ENV}; other options keep {@link TimerForecast#forecasts()}'s
 * and {@link TimerForecast#backtest()}'s defaults. {@code TIMER_DETECT_ANOMALIES} is provided when
 * each series' target is set ({@value #DETECT_TARGET_LAST_PROPERTY} or
 * {@value #DETECT_TARGET_LAST_ENV}: its last N points), with {@link TimerForecast#anomalies()}'
 * defaults otherwise (threshold 0.95, the model's quantiles); conformal bands with
 * {@value #DETECT_CONFORMAL_PROPERTY} or {@value #DETECT_CONFORMAL_ENV} (calibration windows).
 */
public class TimerForecastUdfProvider implements UdfProvider {
  public static final String MODEL_PROPERTY = "timerbeam.sql.model";
  public static final String MODEL_ENV = "TIMERBEAM_SQL_MODEL";
  public static final String DETECT_TARGET_LAST_PROPERTY = "timerbeam.sql.detect.targetLast";
  public static final String DETECT_TARGET_LAST_ENV = "TIMERBEAM_SQL_DETECT_TARGET_LAST";
  public static final String DETECT_CONFORMAL_PROPERTY = "timerbeam.sql.detect.conformal";
  public static final String DETECT_CONFORMAL_ENV = "TIMERBEAM_SQL_DETECT_CONFORMAL";

  @Override
  public Map<String, ScalarFn> userDefinedScalarFunctions() {
    return Map.of(TimerForecastSql.POINT, new TimerPointFn(), TimerForecastSql.TIMESTAMP, new TimerTimestampFn());
  }

  @Override
  public Map<String, AggregateFn<?, ?, ?>> userDefinedAggregateFunctions() {
    ModelSpec model = ModelSpec.of(modelPath());
    OneSeriesForecaster forecaster = new OneSeriesForecaster(TimerForecast.forecasts().withModel(model));
    Map<String, AggregateFn<?, ?, ?>> functions = new HashMap<>(Map.of(TimerForecastSql.FORECAST, new TimerForecastFn(forecaster),
        TimerForecastSql.FORECAST_ERROR, new TimerForecastErrorFn(forecaster),
        TimerForecastSql.EVALUATE, new TimerEvaluateFn(new OneSeriesEvaluator(TimerForecast.backtest().withModel(model)))));
    Integer targetLast = intSetting(DETECT_TARGET_LAST_PROPERTY, DETECT_TARGET_LAST_ENV);
    if (targetLast != null) {
      TimerAnomalies detect = TimerForecast.anomalies().withModel(model).withTargetLast(targetLast);
      Integer conformal = intSetting(DETECT_CONFORMAL_PROPERTY, DETECT_CONFORMAL_ENV);
      functions.put(TimerForecastSql.DETECT_ANOMALIES,
          new TimerDetectAnomaliesFn(new OneSeriesDetector(conformal == null ? detect : detect.withConformal(conformal))));
    }
    return functions;
  }

  /** A whole number from the system property or, without it, the environment variable; null when neither is set. */
  private static Integer intSetting(String property, String env) {
    String text = System.getProperty(property, System.getenv(env));
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(property + " / " + env + ": not a whole number: '" + text + "'", e);
    }
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
