package io.timerbeam.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Forecast rows in the layout agreed with the transforms module, with two id columns. */
public final class ForecastFixtures {
  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("store")
          .addInt64Field("item")
          .addDateTimeField("forecast_timestamp")
          .addInt32Field("horizon_step")
          .addDoubleField("forecast_value")
          .addNullableField("q10", FieldType.DOUBLE)
          .addNullableField("q50", FieldType.DOUBLE)
          .addNullableField("q90", FieldType.DOUBLE)
          .addDoubleField("prediction_interval_lower_bound")
          .addDoubleField("prediction_interval_upper_bound")
          .addDoubleField("confidence_level")
          .addDateTimeField("context_end_timestamp")
          .addStringField("model_id")
          .build();

  /** The primary key a sink upserts {@link #SCHEMA}'s rows by. */
  public static final List<String> KEY_COLUMNS = ForecastKeys.keyColumns(List.of("store", "item"));

  public static final Instant CONTEXT_END = Instant.parse("2024-03-31T00:00:00Z");

  private ForecastFixtures() {}

  /** Runs one pipeline writing {@code rows}; each run is its own pipeline, as reruns are tested. */
  public static void write(List<Row> rows, Schema schema, ForecastSink sink) {
    write(rows, schema, sink, TestPipeline.testingPipelineOptions());
  }

  public static void write(List<Row> rows, Schema schema, ForecastSink sink, PipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    p.apply(Create.of(rows).withRowSchema(schema)).apply(ForecastIO.writeForecasts().to(sink));
    p.run().waitUntilFinish();
  }

  /**
   * Writes the rows in one bundle, in list order: they travel as one element and are emitted by a
   * DoFn fused with the sink, so batch boundaries are known (Create alone splits unpredictably).
   */
  public static void writeInOneBundle(List<Row> rows, ForecastSink sink) {
    Pipeline p = Pipeline.create(TestPipeline.testingPipelineOptions());
    p.apply(Create.of(1))
        .apply(ParDo.of(new DoFn<Integer, Row>() {
          @ProcessElement
          public void emitAll(OutputReceiver<Row> out) {
            rows.forEach(out::output);
          }
        }))
        .setRowSchema(SCHEMA)
        .apply(ForecastIO.writeForecasts().to(sink));
    p.run().waitUntilFinish();
  }

  /** {@code series} series of {@code horizon} steps each; values shifted by {@code offset}. */
  public static List<Row> rows(int series, int horizon, double offset) {
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      for (int h = 1; h <= horizon; h++) {
        rows.add(row("store-" + (s % 7), s, h, offset + s + h / 8.0, "timer-s1"));
      }
    }
    return rows;
  }

  public static Row row(String store, long item, int step, double value, String model) {
    return Row.withSchema(SCHEMA)
        .addValues(
            store,
            item,
            CONTEXT_END.plus(Duration.standardDays(step)),
            step,
            value,
            step % 5 == 0 ? null : value - 1.25,
            value,
            value + 1.25,
            value - 2.5,
            value + 2.5,
            0.8,
            CONTEXT_END,
            model)
        .build();
  }
}
