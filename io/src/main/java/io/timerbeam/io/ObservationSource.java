package io.timerbeam.io;

import org.apache.beam.sdk.transforms.display.HasDisplayData;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Where {@link ReadObservations} reads from: {@link #csv} here; JDBC, DuckDB/Parquet and BigQuery
 * sources come with their connector modules ({@code JdbcObservationSource.ofTable}, {@code
 * DuckDb.parquet}, {@code BigQueryObservationSource.of}).
 */
public abstract class ObservationSource implements Serializable, HasDisplayData {
  ObservationSource() {}

  /**
   * Reads and converts records, emitting {@link ObservationReadResult#OBSERVATIONS} and {@link
   * ObservationReadResult#FAILURES}, both with schemas set.
   */
  abstract PCollectionTuple read(PBegin begin, ObservationConverter converter);

  /**
   * Checks what needs no pipeline (files exist, headers or queries hold the columns), so that a command fails
   * before its slow start-up; {@link #read} checks it too. Default: nothing, the read checks all.
   */
  void checkBeforeRead(ObservationConverter converter) {}

  /** Converts typed rows (JDBC, BigQuery) with {@link ConvertRowsFn}; {@code what} names the source in schema errors. */
  static PCollectionTuple convertRows(
      PCollection<Row> raw,
      ObservationConverter converter,
      String what,
      SerializableFunction<Row, String> location) {
    Schema output = converter.outputSchema(raw.getSchema(), what);
    return withSchemas(
        raw.apply(
            "To observations",
            ParDo.of(new ConvertRowsFn(converter, output, location))
                .withOutputTags(
                    ObservationReadResult.OBSERVATIONS,
                    TupleTagList.of(ObservationReadResult.FAILURES))),
        output);
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
