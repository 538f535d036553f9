package io.timerbeam.io;

import org.apache.beam.sdk.schemas.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.commons.csv.CSVFormat;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** Converts typed source rows into observations, sending bad ones to the failure output. */
final class ConvertRowsFn extends DoFn<Row, Row> {
  private final ObservationConverter converter;
  private final Schema output;
  private final Schema failure;
  private final SerializableFunction<Row, String> location;

  ConvertRowsFn(
      ObservationConverter converter,
      Schema output,
      SerializableFunction<Row, String> location) {
    this.converter = converter;
    this.output = output;
    this.failure = ObservationReadResult.failureSchema(output);
    this.location = location;
  }

  @ProcessElement
  public void processElement(@Element Row raw, MultiOutputReceiver out) {
    try {
      out.get(ObservationReadResult.OBSERVATIONS).output(converter.convert(raw::getValue, output));
    } catch (InvalidObservationException e) {
      out.get(ObservationReadResult.FAILURES)
          .output(
              ObservationReadResult.failure(
                  failure, converter.idsOf(raw::getValue), location.apply(raw), e.getMessage(), record(raw)));
    }
  }

  /**
   * The record in one line, its user's columns only: the converter's columns (every column of a wide
   * source), not what a source adds to locate it (Parquet's {@code filename}, {@code file_row_number}).
   */
  private String record(Row raw) {
    List<String> columns = converter.wide() ? raw.getSchema().getFieldNames() : converter.requiredColumns();
    List<String> fields = new ArrayList<>();
    for (String column : columns) {
      Object value = raw.getSchema().hasField(column) ? raw.getValue(column) : null;
      fields.add(column + "=" + (value == null ? "NULL" : CSVFormat.DEFAULT.format(value.toString())));
    }
    return String.join(", ", fields);
  }
}
