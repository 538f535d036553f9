package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesEvaluator;
import io.timerbeam.transforms.OneSeriesOutcome;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;

/**
 * {@code TIMER_EVALUATE(TIMER_POINT(ts, value, horizon))}: one GROUP BY group's rolling-origin
 * backtest, the model and the seasonal-naive baseline, as an array of metric rows (see
 * {@link EvaluationElements}), for {@code CROSS JOIN UNNEST}. Every group has rows: a window or a
 * series that cannot be scored has its reason in the evaluate_status element.
 */
public class TimerEvaluateFn extends PointsAggregateFn
    implements AggregateFn<List<Double>, ForecastPoints, List<List<String>>> {
  private static final long serialVersionUID = 1L;

  private final OneSeriesEvaluator evaluator;

  public TimerEvaluateFn(OneSeriesEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public List<List<String>> extractOutput(ForecastPoints points) {
    OneSeriesOutcome outcome =
        evaluator.evaluate(points.times(), points.values(), points.nullTimestamps(), points.horizon());
    return EvaluationElements.of(outcome, evaluator.modelId(), points.horizon());
  }
}
