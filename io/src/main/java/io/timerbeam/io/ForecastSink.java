package io.timerbeam.io;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Where {@link WriteForecasts} writes. Every sink is idempotent: writing the same forecasts again
 * leaves each (id columns, context_end_timestamp, forecast_timestamp, model_id) once, or each
 * value of the key given by {@link WriteForecasts#withKeyColumns} for rows of another shape. The
 * sinks come with the connector modules: {@code jdbc.SqlForecastSink.of} (JDBC), {@code
 * duckdb.DuckDb.sink}, {@code files.FileForecastSink.ofCsv} / {@code ofParquet}, {@code
 * gcp.BigQueryForecastSink.of}.
 *
 * <p>To write elsewhere, extend this class and implement {@link #write}.
 */
public abstract class ForecastSink implements Serializable, HasDisplayData {
  protected ForecastSink() {}

  /**
   * Applies the write to {@code forecasts}, upserting by {@code keyColumns} (the rows' primary key,
   * already checked against their schema). Returns the output of the write's last step, complete
   * only once every row is written (it may hold no elements): {@link ForecastWriteResult#written()}.
   */
  public abstract PCollection<Void> write(PCollection<Row> forecasts, List<String> keyColumns);

  /** Default: no display data. */
  @Override
  public void populateDisplayData(DisplayData.Builder builder) {}
}
