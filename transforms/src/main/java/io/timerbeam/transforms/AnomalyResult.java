package io.timerbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link TimerAnomalies} produces: one anomaly row per scored target point
 * ({@link Columns#anomalySchema}), and failure rows ({@link Columns#failureSchema}): a series that
 * could not be used, or a window of its target points that could not be forecast.
 */
public final class AnomalyResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<Row> anomalies;
  private final PCollection<Row> failures;

  AnomalyResult(Pipeline pipeline, PCollection<Row> anomalies, PCollection<Row> failures) {
    this.pipeline = pipeline;
    this.anomalies = anomalies;
    this.failures = failures;
  }

  public PCollection<Row> anomalies() {
    return anomalies;
  }

  public PCollection<Row> failures() {
    return failures;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(TimerForecast.ANOMALIES, anomalies, TimerForecast.FAILURES, failures);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
