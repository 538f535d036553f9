package io.timerbeam.transforms;

import io.timerbeam.transforms.evaluation.QuantileDistribution;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The anomaly rows ({@link Columns#anomalySchema}) and the failure rows of target windows, with the
 * counters that reconcile them: {@code target_points_in = target_points_scored + target_points_failed}
 * (namespace {@value #NAMESPACE}). A target point is a grid step of the target holding an input
 * row, its value observed or null.
 */
final class AnomalyRows implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String NAMESPACE = TimerMetrics.ANOMALY_NAMESPACE;
  static final Counter targetPointsIn = Metrics.counter(NAMESPACE, "target_points_in");
  static final Counter targetPointsScored = Metrics.counter(NAMESPACE, "target_points_scored");
  static final Counter targetPointsFailed = Metrics.counter(NAMESPACE, "target_points_failed");
  static final Counter anomalies = Metrics.counter(NAMESPACE, "anomalies");
  /** Windows forecast to score target points, and (conformal bands) to calibrate: each is one series in an engine batch. */
  static final Counter targetWindows = Metrics.counter(NAMESPACE, "target_windows");
  static final Counter calibrationWindows = Metrics.counter(NAMESPACE, "calibration_windows");

  private final Schema schema;
  private final Schema failureSchema;
  private final double threshold;
  private final String modelId;

  AnomalyRows(Schema idSchema, String timestampColumn, String valueColumn, double threshold, String modelId) {
    this.schema = Columns.anomalySchema(idSchema, timestampColumn, valueColumn);
    this.failureSchema = Columns.failureSchema(idSchema);
    this.threshold = threshold;
    this.modelId = modelId;
  }

  Schema schema() {
    return schema;
  }

  Schema failureSchema() {
    return failureSchema;
  }

  String modelId() {
    return modelId;
  }

  /**
   * The row of one target point scored against its step's forecast quantiles.
   *
   * @param value NaN when the point's value is missing: no probability, no verdict
   * @param levels ascending; {@code quantiles} their values, ascending
   */
  Row scored(Row id, long millis, double value, double[] levels, double[] quantiles) {
    QuantileDistribution forecast = QuantileDistribution.of(levels, quantiles);
    double lowerLevel = (1 - threshold) / 2;
    double upperLevel = (1 + threshold) / 2;
    boolean missing = Double.isNaN(value);
    double probability = forecast.anomalyProbability(value);
    boolean anomaly = probability > threshold;
    List<Object> values = new ArrayList<>(schema.getFieldCount());
    values.addAll(id.getValues());
    values.add(new org.joda.time.Instant(millis));
    values.add(missing ? null : value);
    values.add(missing ? null : anomaly);
    values.add(forecast.quantile(lowerLevel));
    values.add(forecast.quantile(upperLevel));
    values.add(missing ? null : probability);
    values.add(forecast.extrapolates(lowerLevel) || forecast.extrapolates(upperLevel));
    values.add(modelId);
    targetPointsScored.inc();
    if (anomaly) {
      anomalies.inc();
    }
    return Row.withSchema(schema).attachValues(values);
  }

  /** The failure row of the target points of one window ({@code times} where {@code scored}), which it counts as failed. */
  Row windowFailure(Row id, long[] times, boolean[] scored, String code, String reason) {
    int first = -1;
    int last = -1;
    int count = 0;
    for (int h = 0; h < scored.length; h++) {
      if (scored[h]) {
        first = first < 0 ? h : first;
        last = h;
        count++;
      }
    }
    targetPointsFailed.inc(count);
    return ForecastRows.failure(failureSchema, id, code, count + " target point(s) from " + Instant.ofEpochMilli(times[first])
        + " to " + Instant.ofEpochMilli(times[last]) + " not scored: " + reason);
  }
}
