package io.timerbeam.io;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** Converts typed source rows into observations, sending bad ones to the failure output. */
final class ConvertRowsFn extends DoFn<Row, Row> {
  private final ObservationConverter converter;
  private final Schema output;
  private final String sourceName;
  private final SerializableFunction<Row, String> location;

  ConvertRowsFn(
      ObservationConverter converter,
      Schema output,
      String sourceName,
      SerializableFunction<Row, String> location) {
    this.converter = converter;
    this.output = output;
    this.sourceName = sourceName;
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
                  sourceName, location.apply(raw), e.getMessage(), raw.toString()));
    }
  }
}
