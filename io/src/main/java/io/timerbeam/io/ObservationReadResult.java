package io.timerbeam.io;

import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.RowOutputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The output of {@link ReadObservations}: the observations that parsed, and one failure row per
 * record that did not. Every record read lands in exactly one of the two.
 */
public final class ObservationReadResult extends RowOutputs {
  /** The {@code error_code} of every record that could not be read. */
  public static final String UNREADABLE_RECORD = "unreadable_record";

  static final TupleTag<Row> OBSERVATIONS = new TupleTag<Row>() {};
  static final TupleTag<Row> FAILURES = new TupleTag<Row>() {};

  private ObservationReadResult(
      Pipeline pipeline, PCollection<Row> observations, PCollection<Row> failures) {
    super(pipeline, ImmutableMap.of(OBSERVATIONS, observations, FAILURES, failures));
  }

  static ObservationReadResult in(PCollectionTuple tuple) {
    return new ObservationReadResult(
        tuple.getPipeline(), tuple.get(OBSERVATIONS), tuple.get(FAILURES));
  }

  /** The failure schema of a read whose observations have {@code observations}: {@link Columns#failureSchema} of its ids. */
  static Schema failureSchema(Schema observations) {
    Schema.Builder ids = Schema.builder();
    observations.getFields().stream().filter(ColumnRole.ID::of).forEach(ids::addField);
    return Columns.failureSchema(ids.build());
  }

  /**
   * The failure row of a record: its ids (null where unknown), {@link #UNREADABLE_RECORD}, and a
   * message saying where ({@code file:line}, table), why, and the record as read.
   */
  static Row failure(Schema failureSchema, List<Object> ids, String location, String reason, @Nullable String raw) {
    List<Object> values = new ArrayList<>(ids);
    values.add(UNREADABLE_RECORD);
    values.add(location + ": " + reason + (raw == null ? "" : "; record: " + raw));
    return Row.withSchema(failureSchema).attachValues(values);
  }

  /** Observation rows: id columns, timestamp (DATETIME) and value (nullable DOUBLE), stamped with their {@link ColumnRole}. */
  public PCollection<Row> observations() {
    return part(OBSERVATIONS);
  }

  /**
   * Records that could not be read, with {@link #failureSchema}: the schema forecasting's failures
   * have, so both flatten into one collection.
   */
  public PCollection<Row> failures() {
    return part(FAILURES);
  }
}
