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
 * What {@link TimerForecast} produces: forecast rows, and one failure row per series that could
 * not be forecast ({@link Columns#failureSchema}: its id columns, {@code error_code}, {@code error_message}).
 */
public final class ForecastResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<Row> forecasts;
  private final PCollection<Row> failures;

  ForecastResult(Pipeline pipeline, PCollection<Row> forecasts, PCollection<Row> failures) {
    this.pipeline = pipeline;
    this.forecasts = forecasts;
    this.failures = failures;
  }

  public PCollection<Row> forecasts() {
    return forecasts;
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
    return Map.of(TimerForecast.FORECASTS, forecasts, TimerForecast.FAILURES, failures);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
