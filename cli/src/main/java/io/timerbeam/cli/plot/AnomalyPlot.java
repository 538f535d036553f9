package io.timerbeam.cli.plot;

import java.time.Instant;
import java.util.List;

/**
 * One series to draw in an {@link AnomalyChart}: its observations, and for each scored target
 * point its bounds and whether it is an anomaly.
 *
 * @param times the observations' times, ascending; {@code values} theirs (NaN: missing)
 * @param targetTimes the scored points' times, ascending; {@code lower}, {@code upper} and
 *     {@code anomaly} one per point
 */
public record AnomalyPlot(String id, List<Instant> times, double[] values, List<Instant> targetTimes, double[] lower,
    double[] upper, boolean[] anomaly) {
  public AnomalyPlot {
    if (times.size() != values.length) {
      throw new IllegalArgumentException(id + ": " + times.size() + " times for " + values.length + " values");
    }
    if (targetTimes.isEmpty() || lower.length != targetTimes.size() || upper.length != targetTimes.size()
        || anomaly.length != targetTimes.size()) {
      throw new IllegalArgumentException(id + ": need one lower, upper and verdict per scored point (at least one), got "
          + targetTimes.size() + " points, " + lower.length + " lower, " + upper.length + " upper, " + anomaly.length + " verdicts");
    }
    times = List.copyOf(times);
    targetTimes = List.copyOf(targetTimes);
  }
}
