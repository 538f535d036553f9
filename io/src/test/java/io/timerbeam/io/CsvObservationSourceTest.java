package io.timerbeam.io;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CsvObservationSourceTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  /** As the read stamps it: each column with its role. */
  private static final Schema OBSERVATION =
      Schema.builder()
          .addField(role(Schema.Field.of("store", FieldType.STRING), "id"))
          .addField(role(Schema.Field.of("day", FieldType.DATETIME), "timestamp"))
          .addField(role(Schema.Field.nullable("sales", FieldType.DOUBLE), "value"))
          .build();

  private static Schema.Field role(Schema.Field field, String role) {
    return field.withOptions(Schema.Options.builder().setOption(ColumnRole.OPTION, FieldType.STRING, role));
  }

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
    // java.time parses ISO-8601's expanded years (+10000-...) as the writers print them.
    return Row.withSchema(OBSERVATION).addValues(store, new Instant(java.time.Instant.parse(instant).toEpochMilli()), sales).build();
  }

  private void writeBytes(String name, byte[] bytes) throws IOException {
    Files.write(folder.getRoot().toPath().resolve(name), bytes);
  }

  @Test
  public void goodRecordsAreReadAndEachBadRecordIsAFailureNamingFileAndLine() throws IOException {
    String path =
        write(
            "sales.csv",
            "store,day,sales",
            "a,2024-01-01,1.5",
            "a,2024-01-02,",
            "\"b,x\",2024-01-01 10:00,2",
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
    // 7 data records = 3 observations + 4 failures.
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of(
                    path + ":5", "non-numeric value 'abc'",
                    path + ":6", "unparseable timestamp '2024-13-45'",
                    path + ":7", "id column 'store' is null",
                    path + ":8", "expected 3 fields, found 2")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aDayTheMonthLacksIsAFailureNamingTheLineNotMovedToTheMonthsEnd() throws IOException {
    String iso = write("iso.csv", "store,day,sales", "a,2023-02-28,1", "a,2023-02-30,2", "a,2023-02-29,3",
        "a,2024-02-29,4", "a,2023-04-31 10:00,5", "a,2023-04-30T10:00:00+02:00,6");
    ObservationReadResult result = read(ObservationSource.csv(iso));
    PAssert.that(result.observations()).containsInAnyOrder(obs("a", "2023-02-28T00:00:00Z", 1.0),
        obs("a", "2024-02-29T00:00:00Z", 4.0), obs("a", "2023-04-30T08:00:00Z", 6.0));
    PAssert.that(result.failures()).satisfies(FailureChecks.expect(Map.of(
        iso + ":3", "unparseable timestamp '2023-02-30': Invalid date 'FEBRUARY 30' (expected ISO-8601)",
        iso + ":4", "unparseable timestamp '2023-02-29': Invalid date 'February 29' as '2023' is not a leap year",
        iso + ":6", "unparseable timestamp '2023-04-31 10:00': Invalid date 'APRIL 31'")));

    String patterned = write("patterned.csv", "store,day,sales", "b,28.02.2023,1", "b,30.02.2023,2");
    ObservationReadResult withPattern = pipeline.apply("ReadPatterned", ForecastIO.readObservations()
        .from(ObservationSource.csv(patterned)).withIdColumns("store").withTimestampColumn("day").withValueColumn("sales")
        .withTimestampFormat("dd.MM.yyyy"));
    PAssert.that(withPattern.observations()).containsInAnyOrder(obs("b", "2023-02-28T00:00:00Z", 1.0));
    PAssert.that(withPattern.failures()).satisfies(FailureChecks.expect(Map.of(
        patterned + ":3", "unparseable timestamp '30.02.2023': Invalid date 'FEBRUARY 30' (expected 'dd.MM.yyyy')")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void aTimestampFinerThanAMillisecondIsAFailureNotCut() throws IOException {
    String path = write("micros.csv", "store,day,sales", "a,2024-01-01T00:00:00.001,1", "a,2024-01-01T00:00:00.000250,2",
        "a,2024-01-01T00:00:00.000500Z,3");
    ObservationReadResult result = read(ObservationSource.csv(path));
    PAssert.that(result.observations()).containsInAnyOrder(obs("a", "2024-01-01T00:00:00.001Z", 1.0));
    PAssert.that(result.failures()).satisfies(FailureChecks.expect(Map.of(
        path + ":3", "timestamp column 'day': '2024-01-01T00:00:00.000250' is finer than a millisecond",
        path + ":4", "'2024-01-01T00:00:00.000500Z' is finer than a millisecond")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void theReadStampsRolesAndReadFailuresKeepTheIdsTheyHaveWithTheForecastFailureSchema() throws IOException {
    String path = write("ids.csv", "day,sales,store", "2024-01-01,abc,a", "2024-01-02,1,", "2024-01-03,1");

    ObservationReadResult result = read(ObservationSource.csv(path));

    Schema observations = result.observations().getSchema();
    assertEquals(List.of("store"), ColumnRole.ID.columns(observations));
    assertEquals(List.of("day"), ColumnRole.TIMESTAMP.columns(observations));
    assertEquals(List.of("sales"), ColumnRole.VALUE.columns(observations));
    assertEquals(Columns.failureSchema(Schema.builder().addStringField("store").build()), result.failures().getSchema());
    PAssert.that(result.failures().apply(MapElements.into(TypeDescriptors.strings())
            .via(f -> f.getString("store") + " | " + f.getString(Columns.ERROR_MESSAGE))))
        .containsInAnyOrder(
            "a | " + path + ":2: value column 'sales': non-numeric value 'abc'; record: 2024-01-01,abc,a",
            "null | " + path + ":3: id column 'store' is null or empty; record: 2024-01-02,1,",
            "null | " + path + ":4: expected 3 fields, found 2; record: 2024-01-03,1");
    pipeline.run().waitUntilFinish();
  }

  /** A failed record is printed as the file holds it: quoted where a field holds the delimiter, a quote or a line break. */
  @Test
  public void aFailedRecordIsPrintedQuotedAsTheFileHoldsIt() throws IOException {
    String path = write("quoted.csv", "store,day,sales", "\"a, north\",2024-01-01,\"1,5\"", "\"b \"\"x\"\"\",2024-01-02,n/a");
    ObservationReadResult result = read(ObservationSource.csv(path));
    PAssert.that(result.failures().apply(MapElements.into(TypeDescriptors.strings())
            .via(f -> f.getString(Columns.ERROR_MESSAGE))))
        .containsInAnyOrder(
            path + ":2: value column 'sales': non-numeric value '1,5'; record: \"a, north\",2024-01-01,\"1,5\"",
            path + ":3: value column 'sales': non-numeric value 'n/a'; record: \"b \"\"x\"\"\",2024-01-02,n/a");
    pipeline.run().waitUntilFinish();
  }

  /** Years past 9999 are ISO-8601's expanded form, {@code +10000-...}, which the forecast CSV writes. */
  @Test
  public void aYearPast9999ReadsInItsExpandedForm() throws IOException {
    String path = write("far.csv", "store,day,sales", "a,+10000-01-01T00:00:00.000Z,1", "a,+10000-01-02,2");
    ObservationReadResult result = read(ObservationSource.csv(path));
    PAssert.that(result.observations()).containsInAnyOrder(
        obs("a", "+10000-01-01T00:00:00Z", 1.0), obs("a", "+10000-01-02T00:00:00Z", 2.0));
    PAssert.that(result.failures()).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void withoutColumnOptionsTheNixtlaNamesAreRead() throws IOException {
    String path = write("nixtla.csv", "unique_id,ds,y", "a,2024-01-01,1.5");

    ObservationReadResult result = pipeline.apply(ForecastIO.readObservations().from(ObservationSource.csv(path)));

    assertEquals(List.of(Columns.UNIQUE_ID, Columns.DS, Columns.Y), result.observations().getSchema().getFieldNames());
    assertEquals(List.of(Columns.UNIQUE_ID), ColumnRole.ID.columns(result.observations().getSchema()));
    PAssert.that(result.observations().apply(MapElements.into(TypeDescriptors.strings())
            .via(r -> r.getString(Columns.UNIQUE_ID) + "/" + r.getDouble(Columns.Y))))
        .containsInAnyOrder("a/1.5");
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void wideRecordsMeltIntoOneRowPerColumnAndABadFieldFailsOnlyItsSeries() throws IOException {
    String path = write("wide.csv", "day,north,south", "2024-01-01,1,2", "2024-01-02,abc,", "2024-01-03,3,4");

    ObservationReadResult result = pipeline.apply(ForecastIO.readObservations()
        .from(ObservationSource.csv(path))
        .withIdColumns("store")
        .withTimestampColumn("day")
        .withValueColumn("sales")
        .withWideColumns());

    PAssert.that(result.observations())
        .containsInAnyOrder(
            obs("north", "2024-01-01T00:00:00Z", 1.0),
            obs("south", "2024-01-01T00:00:00Z", 2.0),
            obs("south", "2024-01-02T00:00:00Z", null),
            obs("north", "2024-01-03T00:00:00Z", 3.0),
            obs("south", "2024-01-03T00:00:00Z", 4.0));
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":3", "value column 'north': non-numeric value 'abc'")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void quotedFieldsSpanLinesAndLocationsNameTheLineARecordStartsOn() throws IOException {
    // A BOM, CRLF line ends, a quoted id holding two line breaks, a quote and a comma, a blank line.
    String text = "\uFEFFstore,day,sales\r\n\"multi\r\nline\n\"\"id\"\",x\",2024-01-01,1\r\n\r\n"
        + "a,2024-01-01,2\r\na,2024-01-02,bad\r\n";
    writeBytes("bom-crlf.csv", text.getBytes(StandardCharsets.UTF_8));
    String path = folder.getRoot() + "/bom-crlf.csv";

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations())
        .containsInAnyOrder(
            obs("multi\r\nline\n\"id\",x", "2024-01-01T00:00:00Z", 1.0),
            obs("a", "2024-01-01T00:00:00Z", 2.0));
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":7", "non-numeric value 'bad'")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void anUnclosedQuoteIsOneFailureForTheRestOfTheFile() throws IOException {
    String path = write("unclosed.csv", "store,day,sales", "a,2024-01-01,1", "a,\"unclosed,3", "a,2024-01-03,4");

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations()).containsInAnyOrder(obs("a", "2024-01-01T00:00:00Z", 1.0));
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":3", "the rest of the file was not read")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void idsAreKeptByteForByteAndANulIdIsRejectedWithAReason() throws IOException {
    String path = write("ids.csv", "store,day,sales", " a ,2024-01-01,1", "a,2024-01-01,2", "é\u0301,2024-01-01,3",
        "a\u0000x,2024-01-01,4", "a\u0000y,2024-01-01,5");

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations())
        .containsInAnyOrder(
            obs(" a ", "2024-01-01T00:00:00Z", 1.0),
            obs("a", "2024-01-01T00:00:00Z", 2.0),
            obs("é\u0301", "2024-01-01T00:00:00Z", 3.0));
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":5", "NUL character", path + ":6", "NUL character")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void textThatIsNotUtf8IsAFailureNotAReplacementCharacter() throws IOException {
    byte[] head = "store,day,sales\na,2024-01-01,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'b', (byte) 0xff, ',', '2', '0', '2', '4', '-', '0', '1', '-', '0', '1', ',', '2', '\n'};
    byte[] bytes = new byte[head.length + bad.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(bad, 0, bytes, head.length, bad.length);
    writeBytes("latin.csv", bytes);
    String path = folder.getRoot() + "/latin.csv";

    ObservationReadResult result = read(ObservationSource.csv(path));

    PAssert.that(result.observations()).containsInAnyOrder(obs("a", "2024-01-01T00:00:00Z", 1.0));
    PAssert.that(result.failures())
        .satisfies(FailureChecks.expect(Map.of(path + ":3", "not UTF-8")));
    pipeline.run().waitUntilFinish();
  }

  /** Problems with a whole file fail the pipeline's construction with one message, before any work. */
  private static String constructionError(String pattern) {
    try {
      Pipeline.create().apply(ForecastIO.readObservations().from(ObservationSource.csv(pattern))
          .withIdColumns("store").withTimestampColumn("day").withValueColumn("sales"));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + pattern);
  }

  @Test
  public void missingOrDuplicatedColumnsAndEmptyFilesFailBeforeThePipelineRuns() throws IOException {
    String noSales = write("no-sales.csv", "store,day,amount", "a,2024-01-01,1");
    String twice = write("twice.csv", "store,day,sales,sales", "a,2024-01-01,1,2");
    String bom = folder.getRoot() + "/bom.csv";
    writeBytes("bom.csv", "\uFEFFstore,day,sales\na,2024-01-01,1\n".getBytes(StandardCharsets.UTF_8));
    String empty = write("empty.csv");
    String headerOnly = write("header-only.csv", "store,day,sales");

    assertThat(constructionError(noSales), containsString(noSales + ":1: missing column(s) [sales]"));
    assertThat(constructionError(twice), containsString(twice + ":1: duplicate column(s) [sales]"));
    assertThat(constructionError(empty), containsString(empty + ":1: empty file: no header line"));
    assertThat(constructionError(headerOnly), containsString(headerOnly + ": no data records, only a header"));
    assertThat(constructionError(folder.getRoot() + "/nothing-*.csv"), containsString("no file matches"));
    assertThat(constructionError(folder.getRoot() + "/absent.csv"), containsString("no such file"));
    // All five files at once: one message, naming the first problem and counting the rest.
    assertThat(constructionError(folder.getRoot() + "/*.csv"), containsString("(and 3 more of the 5 files)"));
    // The BOM does not hide the first column.
    PAssert.that(read(ObservationSource.csv(bom)).observations())
        .containsInAnyOrder(obs("a", "2024-01-01T00:00:00Z", 1.0));
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
