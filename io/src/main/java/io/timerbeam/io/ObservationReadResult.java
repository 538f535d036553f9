package io.timerbeam.io;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * The output of {@link ReadObservations}: the observations that parsed, and one failure row per
 * record that did not. Every record read lands in exactly one of the two.
 */
public final class ObservationReadResult implements POutput {
  /** Failure rows: which source, where (file:line, or table), why, and the raw record text. */
  public static final Schema FAILURE_SCHEMA =
      Schema.builder()
          .addStringField("source")
          .addStringField("location")
          .addStringField("reason")
          .addNullableField("raw", Schema.FieldType.STRING)
          .build();

  static final TupleTag<Row> OBSERVATIONS = new TupleTag<Row>() {};
  static final TupleTag<Row> FAILURES = new TupleTag<Row>() {};

  private final Pipeline pipeline;
  private final PCollection<Row> observations;
  private final PCollection<Row> failures;

  private ObservationReadResult(
      Pipeline pipeline, PCollection<Row> observations, PCollection<Row> failures) {
    this.pipeline = pipeline;
    this.observations = observations;
    this.failures = failures;
  }

  static ObservationReadResult in(PCollectionTuple tuple) {
    return new ObservationReadResult(
        tuple.getPipeline(), tuple.get(OBSERVATIONS), tuple.get(FAILURES));
  }

  static Row failure(String source, String location, String reason, String raw) {
    return Row.withSchema(FAILURE_SCHEMA).addValues(source, location, reason, raw).build();
  }

  /** Observation rows: id columns, timestamp (DATETIME) and value (nullable DOUBLE). */
  public PCollection<Row> observations() {
    return observations;
  }

  /** Records that could not be read, with {@link #FAILURE_SCHEMA}. */
  public PCollection<Row> failures() {
    return failures;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return ImmutableMap.of(OBSERVATIONS, observations, FAILURES, failures);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
