package io.timerbeam.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * What {@link TimerForecast} produces: forecast rows, and one failure row per series that could
 * not be forecast ({@link Columns#failureSchema}: its id columns, {@code error_code}, {@code error_message}).
 */
public final class ForecastResult extends RowOutputs {
  ForecastResult(Pipeline pipeline, PCollection<Row> forecasts, PCollection<Row> failures) {
    super(pipeline, Map.of(TimerForecast.FORECASTS, forecasts, TimerForecast.FAILURES, failures));
  }

  public PCollection<Row> forecasts() {
    return part(TimerForecast.FORECASTS);
  }

  public PCollection<Row> failures() {
    return part(TimerForecast.FAILURES);
  }
}
