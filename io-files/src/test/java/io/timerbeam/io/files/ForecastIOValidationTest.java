package io.timerbeam.io.files;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationSource;
import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.gcp.BigQueryForecastSink;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/** Misconfiguration fails at construction with a message naming the option or column. */
public class ForecastIOValidationTest {
  @Rule
  public final transient TestPipeline pipeline =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private static void expect(String phrase, ThrowingRunnable construction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
    assertTrue("'" + e.getMessage() + "' lacks '" + phrase + "'", e.getMessage().contains(phrase));
  }

  @Test
  public void readOptionsAreValidated() {
    expect("withTimeZone", () -> ForecastIO.readObservations().withTimeZone("Mars/Base"));
    expect("withTimestampFormat", () -> ForecastIO.readObservations().withTimestampFormat("yyyy-{"));
    expect("withIdColumns", () -> ForecastIO.readObservations().withIdColumns());
    expect("withDelimiter", () -> ObservationSource.csv("x.csv").withDelimiter('"'));
  }

  @Test
  public void writeOptionsAreValidated() {
    expect("withBatchSize", () -> DuckDb.sink("x.duckdb", "t").withBatchSize(0));
    expect("withNumShards", () -> FileForecastSink.ofCsv("/tmp/out/forecasts").withNumShards(0));
    expect("outputPrefix", () -> FileForecastSink.ofParquet("/tmp/out/"));
    expect("bigQuery: tableSpec", () -> BigQueryForecastSink.of("project:dataset.t$20240101"));

    PCollection<Row> forecasts =
        pipeline.apply(Create.of(ForecastFixtures.rows(1, 1, 0)).withRowSchema(ForecastFixtures.SCHEMA));
    expect("call to(ForecastSink)", () -> forecasts.apply(ForecastIO.writeForecasts()));
    expect(
        "no column 'sku'",
        () ->
            forecasts.apply(
                "declared ids",
                ForecastIO.writeForecasts()
                    .withIdColumns("sku")
                    .to(FileForecastSink.ofCsv("/tmp/out/forecasts"))));
  }

  @Test
  public void forecastRowsMustCarryTheKeyColumns() {
    Schema withoutModel =
        Schema.builder()
            .addStringField("store")
            .addDateTimeField("forecast_timestamp")
            .addDateTimeField("context_end_timestamp")
            .build();
    PCollection<Row> rows = pipeline.apply(Create.empty(withoutModel));
    expect(
        "no column 'model_id'",
        () -> rows.apply(ForecastIO.writeForecasts().to(FileForecastSink.ofCsv("/tmp/out/forecasts"))));
  }
}
