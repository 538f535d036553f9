package io.timerbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * What {@link TimerAnomalies} produces: one anomaly row per scored target point
 * ({@link Columns#anomalySchema}), and failure rows ({@link Columns#failureSchema}): a series that
 * could not be used, or a window of its target points that could not be forecast.
 */
public final class AnomalyResult extends RowOutputs {
  AnomalyResult(Pipeline pipeline, PCollection<Row> anomalies, PCollection<Row> failures) {
    super(pipeline, Map.of(TimerAnomalies.ANOMALIES, anomalies, TimerForecast.FAILURES, failures));
  }

  public PCollection<Row> anomalies() {
    return part(TimerAnomalies.ANOMALIES);
  }

  public PCollection<Row> failures() {
    return part(TimerForecast.FAILURES);
  }
}
