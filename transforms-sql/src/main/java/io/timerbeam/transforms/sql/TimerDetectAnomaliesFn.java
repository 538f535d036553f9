package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesDetector;
import io.timerbeam.transforms.OneSeriesOutcome;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;

/**
 * {@code TIMER_DETECT_ANOMALIES(TIMER_POINT(ts, value, horizon))}: one GROUP BY group's target
 * points scored against rolling forecasts of {@code horizon} steps, as an array of anomaly rows
 * (see {@link AnomalyElements}), for {@code CROSS JOIN UNNEST}. A series or a target window that
 * cannot be scored has its reason in the detect_status element.
 */
public class TimerDetectAnomaliesFn extends PointsAggregateFn
    implements AggregateFn<List<Double>, ForecastPoints, List<List<String>>> {
  private static final long serialVersionUID = 1L;

  private final OneSeriesDetector detector;

  public TimerDetectAnomaliesFn(OneSeriesDetector detector) {
    this.detector = detector;
  }

  @Override
  public List<List<String>> extractOutput(ForecastPoints points) {
    OneSeriesOutcome outcome = detector.detect(points.times(), points.values(), points.nullTimestamps(), points.horizon());
    return AnomalyElements.of(outcome, detector.modelId());
  }
}
