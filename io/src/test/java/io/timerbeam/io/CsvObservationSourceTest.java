package io.timerbeam.io;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CsvObservationSourceTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private static final Schema OBSERVATION =
      Schema.builder()
          .addStringField("store")
          .addDateTimeField("day")
          .addNullableField("sales", FieldType.DOUBLE)
          .build();

  private String write(String name, String... lines) throws IOException {
    File file = folder.newFile(name);
    Files.write(file.toPath(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return file.getAbsolutePath();
  }

  private ObservationReadResult read(ObservationSource source) {
    return pipeline.apply(
        ForecastIO.readObservations()
            .from(source)
            .withIdColumns("store")
            .withTimestampColumn("day")
            .withValueColumn("sales"));
  }

  private static Row obs(String store, String instant, Double sales) {
    return Row.withSchema(OBSERVATION).addValues(store, Instant.parse(instant), sales).build();
  }

  @Test
  public void goodLinesAreReadAndEachBadLineIsAFailureNamingFileAndLine() throws IOException {
    String path =
        write(
            "sales.csv",
            "store,day,sales",
            "a,2024-01-01,1.5",
            "a,2024-01-02,",
            "\"b,x\",2024-01-01 10:00,2",
            "a,\"unclosed,3",
            "a,2024-01-03,abc",
            "a,2024-13-45,1",
            ",2024-01-04,1",
            "a,2024-01-05");

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations())
        .containsInAnyOrder(
            obs("a", "2024-01-01T00:00:00Z", 1.5),
            obs("a", "2024-01-02T00:00:00Z", null),
            obs("b,x", "2024-01-01T10:00:00Z", 2.0));
    // 8 data lines = 3 observations + 5 failures.
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of(
                    path + ":5", "malformed CSV line",
                    path + ":6", "non-numeric value 'abc'",
                    path + ":7", "unparseable timestamp '2024-13-45'",
                    path + ":8", "id column 'store' is null",
                    path + ":9", "expected 3 fields, found 2")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void missingColumnFailsEveryLineNamingTheColumn() throws IOException {
    String path = write("no-sales.csv", "store,day,amount", "a,2024-01-01,1", "b,2024-01-01,2");

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations()).empty();
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of(path + ":2", "missing column(s) [sales]", path + ":3", "missing column(s) [sales]")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void emptyFileIsReportedAsAFailure() throws IOException {
    String empty = write("empty.csv");
    String headerOnly = write("header-only.csv", "store,day,sales");

    ObservationReadResult result = read(ObservationSource.csv(folder.getRoot() + "/*.csv"));

    PAssert.that(result.observations()).empty();
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of(
                    empty + ":1", "empty file: no header line",
                    headerOnly + ":1", "empty file: no data lines")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void delimiterQuoteHeaderlessZoneAndFormatOptionsApply() throws IOException {
    String path = write(
            "berlin.csv",
            "'a;1';03.07.2024 14:30;2.5",
            "b;01.01.2024 00:00;7",
            "c;01.01.2024 00:00;2,5");

    ObservationReadResult result =
        pipeline.apply(
            ForecastIO.readObservations()
                .from(
                    ObservationSource.csv(path)
                        .withDelimiter(';')
                        .withQuote('\'')
                        .withoutHeader("store", "day", "sales"))
                .withIdColumns("store")
                .withTimestampColumn("day")
                .withValueColumn("sales")
                .withTimeZone("Europe/Berlin")
                .withTimestampFormat("dd.MM.yyyy HH:mm"));

    PAssert.that(result.observations())
        .containsInAnyOrder(
            obs("a;1", "2024-07-03T12:30:00Z", 2.5), obs("b", "2023-12-31T23:00:00Z", 7.0));
    // "2,5" is not a number in this library (no locale-specific decimals): a failure, not a guess.
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":3", "non-numeric value '2,5'")));
    pipeline.run().waitUntilFinish();
  }
}
