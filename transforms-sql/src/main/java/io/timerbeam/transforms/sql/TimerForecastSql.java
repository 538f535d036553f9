package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesDetector;
import io.timerbeam.transforms.OneSeriesEvaluator;
import io.timerbeam.transforms.OneSeriesForecaster;
import io.timerbeam.transforms.TimerAnomalies;
import io.timerbeam.transforms.TimerBacktest;
import io.timerbeam.transforms.TimerForecast;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.SqlTransform;

/**
 * Timer-S1 forecasts and backtests in Beam SQL: registers {@code TIMER_POINT},
 * {@code TIMER_FORECAST}, {@code TIMER_FORECAST_ERROR} and {@code TIMER_TIMESTAMP}, or
 * {@code TIMER_POINT}, {@code TIMER_EVALUATE} and {@code TIMER_TIMESTAMP}, or {@code TIMER_POINT},
 * {@code TIMER_DETECT_ANOMALIES} and {@code TIMER_TIMESTAMP}, on a
 * {@link SqlTransform}. See README-sql.md for the statements and why they have this shape.
 *
 * <pre>{@code
 * rows.apply(TimerForecastSql.register(SqlTransform.query(sql),
 *     TimerForecast.forecasts().withModel(ModelSpec.of("/models/timer-s1"))));
 * rows.apply(TimerForecastSql.register(SqlTransform.query(evaluation),
 *     TimerForecast.backtest().withModel(ModelSpec.of("/models/timer-s1")).withWindows(3)));
 * rows.apply(TimerForecastSql.register(SqlTransform.query(detection),
 *     TimerForecast.anomalies().withModel(ModelSpec.of("/models/timer-s1")).withTargetLast(24)));
 * }</pre>
 */
public final class TimerForecastSql {
  public static final String POINT = "TIMER_POINT";
  public static final String FORECAST = "TIMER_FORECAST";
  public static final String FORECAST_ERROR = "TIMER_FORECAST_ERROR";
  public static final String TIMESTAMP = "TIMER_TIMESTAMP";
  public static final String EVALUATE = "TIMER_EVALUATE";
  public static final String DETECT_ANOMALIES = "TIMER_DETECT_ANOMALIES";

  private TimerForecastSql() {}

  /**
   * The functions, forecasting with {@code options}' model and settings (context length,
   * frequency, confidence level, quantiles, minimum observations, duplicates, resampling); the
   * horizon comes from {@code TIMER_POINT} and the id, timestamp and value columns from the SQL.
   */
  public static SqlTransform register(SqlTransform sql, TimerForecast.Forecasts options) {
    OneSeriesForecaster forecaster = new OneSeriesForecaster(options);
    return sql
        .registerUdf(POINT, TimerPointFn.class)
        .registerUdf(TIMESTAMP, TimerTimestampFn.class)
        .registerUdaf(FORECAST, new ForecastCombineFn(new TimerForecastFn(forecaster)))
        .registerUdaf(FORECAST_ERROR, new ForecastErrorCombineFn(new TimerForecastErrorFn(forecaster)));
  }

  /**
   * The evaluation functions, backtesting with {@code options}' model and settings (windows,
   * step, season, context length, frequency, confidence level, minimum observations...); the
   * horizon comes from {@code TIMER_POINT} and the id, timestamp and value columns from the SQL.
   */
  public static SqlTransform register(SqlTransform sql, TimerBacktest options) {
    return sql
        .registerUdf(POINT, TimerPointFn.class)
        .registerUdf(TIMESTAMP, TimerTimestampFn.class)
        .registerUdaf(EVALUATE, new EvaluateCombineFn(new TimerEvaluateFn(new OneSeriesEvaluator(options))));
  }

  /**
   * The anomaly detection functions, with {@code options}' forecaster (model or seasonal naive),
   * target, threshold and settings (season, context length, frequency, minimum observations...);
   * the steps per window come from {@code TIMER_POINT} and the id, timestamp and value columns
   * from the SQL.
   */
  public static SqlTransform register(SqlTransform sql, TimerAnomalies options) {
    return sql
        .registerUdf(POINT, TimerPointFn.class)
        .registerUdf(TIMESTAMP, TimerTimestampFn.class)
        .registerUdaf(DETECT_ANOMALIES, new DetectCombineFn(new TimerDetectAnomaliesFn(new OneSeriesDetector(options))));
  }

  private static final class ForecastCombineFn extends AggregateCombineFn<List<Double>, List<List<Double>>> {
    private static final long serialVersionUID = 1L;

    ForecastCombineFn(TimerForecastFn fn) {
      super(fn);
    }
  }

  private static final class ForecastErrorCombineFn extends AggregateCombineFn<List<Double>, String> {
    private static final long serialVersionUID = 1L;

    ForecastErrorCombineFn(TimerForecastErrorFn fn) {
      super(fn);
    }
  }

  private static final class EvaluateCombineFn extends AggregateCombineFn<List<Double>, List<List<String>>> {
    private static final long serialVersionUID = 1L;

    EvaluateCombineFn(TimerEvaluateFn fn) {
      super(fn);
    }
  }

  private static final class DetectCombineFn extends AggregateCombineFn<List<Double>, List<List<String>>> {
    private static final long serialVersionUID = 1L;

    DetectCombineFn(TimerDetectAnomaliesFn fn) {
      super(fn);
    }
  }
}
