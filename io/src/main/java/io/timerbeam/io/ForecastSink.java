package io.timerbeam.io;

import org.apache.beam.sdk.transforms.display.HasDisplayData;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Where {@link WriteForecasts} writes. Every sink is idempotent: writing the same forecasts again
 * leaves each (id columns, context_end_timestamp, forecast_timestamp, model_id) once, or each
 * value of the key given by {@link WriteForecasts#withKeyColumns} for rows of another shape. The
 * sinks come with the connector modules: {@code jdbc.SqlForecastSink.of} (JDBC), {@code
 * duckdb.DuckDb.sink}, {@code files.FileForecastSink.ofCsv} / {@code ofParquet}, {@code
 * gcp.BigQueryForecastSink.of}.
 */
public abstract class ForecastSink implements Serializable, HasDisplayData {
  protected ForecastSink() {}

  /** Expands the write; {@code keyColumns} (the rows' primary key) are already validated against the rows' schema. */
  public abstract void write(PCollection<Row> forecasts, List<String> keyColumns);
}
