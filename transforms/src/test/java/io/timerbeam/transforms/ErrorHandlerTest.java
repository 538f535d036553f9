package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler.BadRecordErrorHandler;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * withErrorHandler: each series that cannot be forecast (or backtested) is one BadRecord in the
 * pipeline's registered handler, its record the failure row, its description the code and reason;
 * the failures output keeps the same rows.
 */
public class ErrorHandlerTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  /** The handler's sink: each bad record as "description | JSON record | the encoded record decoded". */
  private static final class Describe extends PTransform<PCollection<BadRecord>, PCollection<String>> {
    private static final long serialVersionUID = 1L;
    private final Schema failureSchema;

    Describe(Schema failureSchema) {
      this.failureSchema = failureSchema;
    }

    @Override
    public PCollection<String> expand(PCollection<BadRecord> records) {
      RowCoder coder = RowCoder.of(failureSchema);
      return records.apply(MapElements.into(TypeDescriptors.strings()).via(r -> {
        try {
          Row decoded = coder.decode(new java.io.ByteArrayInputStream(r.getRecord().getEncodedRecord()));
          return r.getFailure().getDescription() + " | " + r.getRecord().getHumanReadableJsonRecord() + " | "
              + decoded.getString("series") + "/" + decoded.getString("error_code");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }));
    }
  }

  /** The id nullable (a record that could not be read may have none) and stamped with its role. */
  private static final Schema FAILURE_SCHEMA = Schema.builder()
      .addField(Schema.Field.nullable("series", Schema.FieldType.STRING)
          .withOptions(Schema.Options.builder().setOption("timerbeam.role", Schema.FieldType.STRING, "id")))
      .addStringField("error_code").addStringField("error_message").build();

  private static List<Row> input() {
    List<Row> input = new ArrayList<>(SeriesRows.daily("good", SeriesRows.wave(60, 1)));
    input.addAll(SeriesRows.daily("short", new double[] {1, Double.NaN, Double.NaN, 2}));
    input.add(SeriesRows.point("dup", SeriesRows.START, 1));
    input.add(SeriesRows.point("dup", SeriesRows.START, 2));
    input.addAll(SeriesRows.daily("huge", new double[] {1, 2, 3, 1e31}));
    return input;
  }

  private static final String SHORT = "too_few_observations: 2 observed point(s) in the context, withMinObservations is 3";
  private static final String DUP = "unknown_frequency: cannot infer a frequency from 1 distinct timestamp(s);"
      + " set the frequency (withFrequency(...))";
  private static final String HUGE = "value_out_of_range: value 1.0E31 at 2024-01-04T00:00:00Z exceeds the supported magnitude 1.0E30";

  @Test
  public void eachFailedSeriesIsOneBadRecordWithItsFailureRowAndReason() {
    PCollection<Row> points = pipeline.apply(Create.of(input()).withRowSchema(SeriesRows.SCHEMA));
    ForecastResult result;
    BadRecordErrorHandler<PCollection<String>> handler;
    try (BadRecordErrorHandler<PCollection<String>> h = pipeline.registerBadRecordErrorHandler(new Describe(FAILURE_SCHEMA))) {
      handler = h;
      result = points.apply(TimerForecast.forecasts().withIdColumns("series").withTimestampColumn("ts")
          .withValueColumn("value").withHorizon(4).withModel(ModelFixture.TINY).withErrorHandler(h));
    }
    assertEquals(FAILURE_SCHEMA, result.failures().getSchema());
    PAssert.that(handler.getOutput()).containsInAnyOrder(
        record("short", SHORT), record("dup", DUP), record("huge", HUGE));
    PAssert.that(result.failures().apply(MapElements.into(TypeDescriptors.strings())
        .via(f -> f.getString("series") + "/" + f.getString("error_code"))))
        .containsInAnyOrder("short/too_few_observations", "dup/unknown_frequency", "huge/value_out_of_range");
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theBacktestSendsItsFailedSeriesToo() {
    List<Row> input = new ArrayList<>(SeriesRows.daily("good", SeriesRows.wave(60, 1)));
    input.add(SeriesRows.point("dup", SeriesRows.START, 1));
    input.add(SeriesRows.point("dup", SeriesRows.START, 2));
    PCollection<Row> points = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA));
    BadRecordErrorHandler<PCollection<String>> handler;
    try (BadRecordErrorHandler<PCollection<String>> h = pipeline.registerBadRecordErrorHandler(new Describe(FAILURE_SCHEMA))) {
      handler = h;
      points.apply(TimerForecast.backtest().withIdColumns("series").withTimestampColumn("ts")
          .withValueColumn("value").withHorizon(4).withModel(ModelFixture.TINY).withErrorHandler(h));
    }
    PAssert.that(handler.getOutput()).containsInAnyOrder(record("dup", DUP));
    pipeline.run().waitUntilFinish();
  }

  /** The expected line: the description, the failure row as Beam's BadRecord writes JSON (indented), its decoding. */
  private static String record(String series, String description) {
    String code = description.substring(0, description.indexOf(':'));
    String message = description.substring(code.length() + 2);
    return description + " | {\n  \"series\" : \"" + series + "\",\n  \"error_code\" : \"" + code
        + "\",\n  \"error_message\" : \"" + message + "\"\n} | " + series + "/" + code;
  }
}
