package io.timerbeam.io;

import java.io.Serializable;
import java.util.OptionalLong;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Where {@link ReadObservations} reads from: {@link #csv} here; JDBC, DuckDB/Parquet and BigQuery
 * sources come with their connector modules ({@code jdbc.JdbcObservationSource.ofTable}, {@code
 * duckdb.DuckDb.parquet}, {@code gcp.BigQueryObservationSource.of}).
 *
 * <p>To read from elsewhere, extend this class: {@link #read} reads the records as schema'd rows
 * and hands them to {@link #convertRows}, which makes the observations and failure rows.
 */
public abstract class ObservationSource implements Serializable, HasDisplayData {
  protected ObservationSource() {}

  /**
   * Reads and converts the records: the observations and the failures, both with schemas set
   * ({@link #convertRows} gives both from typed rows).
   */
  public abstract ObservationReadResult read(PBegin begin, ObservationConverter converter);

  /**
   * Checks what needs no pipeline (files exist, headers or queries hold the columns), so that a command fails
   * before its slow start-up; {@link #read} checks it too. Default: nothing, the read checks all.
   */
  public void checkBeforeRead(ObservationConverter converter) {}

  /**
   * About how many records the source holds, found without reading them (file sizes, a row-count
   * query), so that a caller can size the run (the command line picks its runner by it); empty
   * when the source cannot tell cheaply. Default: empty.
   */
  public OptionalLong estimatedRows() {
    return OptionalLong.empty();
  }

  /** Default: no display data. */
  @Override
  public void populateDisplayData(DisplayData.Builder builder) {}

  /**
   * Converts typed rows into observations with {@code converter}; a row that cannot be converted
   * becomes a failure row located by {@code location}. {@code what} names the source in schema errors.
   */
  protected static ObservationReadResult convertRows(
      PCollection<Row> raw,
      ObservationConverter converter,
      String what,
      SerializableFunction<Row, String> location) {
    Schema output = converter.outputSchema(raw.getSchema(), what);
    return ObservationReadResult.in(withSchemas(
        raw.apply(
            "To observations",
            ParDo.of(new ConvertRowsFn(converter, output, location))
                .withOutputTags(
                    ObservationReadResult.OBSERVATIONS,
                    TupleTagList.of(ObservationReadResult.FAILURES))),
        output));
  }

  static PCollectionTuple withSchemas(PCollectionTuple result, Schema observations) {
    result.get(ObservationReadResult.OBSERVATIONS).setRowSchema(observations);
    result.get(ObservationReadResult.FAILURES).setRowSchema(ObservationReadResult.failureSchema(observations));
    return result;
  }

  /** CSV files matching {@code filePattern}; options via {@link CsvObservationSource}. */
  public static CsvObservationSource csv(String filePattern) {
    return CsvObservationSource.of(filePattern);
  }
}
