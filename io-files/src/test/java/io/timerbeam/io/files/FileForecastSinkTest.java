package io.timerbeam.io.files;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.Assert.assertEquals;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.duckdb.DuckDb;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** CSV and Parquet forecast files: every column type round-trips; a rerun leaves one output. */
public class FileForecastSinkTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  /** Id columns of every supported kind, then the agreed forecast columns. */
  static final Schema ALL_TYPES =
      Schema.builder()
          .addStringField("store")
          .addInt64Field("item")
          .addInt32Field("shelf")
          .addLogicalTypeField("opened", SqlTypes.DATE)
          .addFields(ForecastFixtures.SCHEMA.getFields().subList(2, ForecastFixtures.SCHEMA.getFieldCount()))
          .build();

  static List<Row> allTypeRows(double offset) {
    List<Row> rows = new ArrayList<>();
    for (Row base : ForecastFixtures.rows(6, 4, offset)) {
      List<Object> values = new ArrayList<>();
      values.add(base.getString("store") + ", \"quoted\"");
      values.add(base.getInt64("item"));
      values.add((int) (base.getInt64("item") % 3));
      values.add(LocalDate.of(2020, 1, 1).plusDays(base.getInt64("item")));
      values.addAll(base.getValues().subList(2, base.getFieldCount()));
      rows.add(Row.withSchema(ALL_TYPES).addValues(values).build());
    }
    return rows;
  }

  private List<File> outputs(String name, String suffix) {
    File[] files = folder.getRoot().listFiles((dir, f) -> f.startsWith(name + "-") && f.endsWith(suffix));
    return files == null ? List.of() : Arrays.asList(files);
  }

  private static List<Row> readCsv(File file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.withFirstRecordAsHeader().parse(reader)) {
        Row.Builder row = Row.withSchema(ALL_TYPES);
        for (Schema.Field field : ALL_TYPES.getFields()) {
          row.addValue(parse(record.get(field.getName()), field.getType()));
        }
        rows.add(row.build());
      }
    }
    return rows;
  }

  private static Object parse(String text, FieldType type) {
    if (text.isEmpty()) {
      return null;
    }
    if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
      return LocalDate.parse(text);
    }
    switch (type.getTypeName()) {
      case INT32:
        return Integer.parseInt(text);
      case INT64:
        return Long.parseLong(text);
      case DOUBLE:
        return Double.parseDouble(text);
      case DATETIME:
        return Instant.parse(text);
      default:
        return text;
    }
  }

  @Test
  public void csvRoundTripsEveryColumnTypeAndRerunLeavesOneCompleteOutput() throws IOException {
    String prefix = new File(folder.getRoot(), "forecasts").getPath();
    ForecastFixtures.write(allTypeRows(0), ALL_TYPES, FileForecastSink.ofCsv(prefix).withNumShards(3));
    assertEquals(3, outputs("forecasts", ".csv").size());

    List<Row> second = allTypeRows(50);
    ForecastFixtures.write(second, ALL_TYPES, FileForecastSink.ofCsv(prefix));

    List<File> files = outputs("forecasts", ".csv");
    assertEquals(List.of("forecasts-00000-of-00001.csv"), files.stream().map(File::getName).toList());
    assertEquals(
        String.join(",", ALL_TYPES.getFieldNames()),
        Files.readAllLines(files.get(0).toPath()).get(0));
    assertThat(readCsv(files.get(0)), containsInAnyOrder(second.toArray()));
  }

  @Test
  public void withoutShardingWritesExactlyTheNamedFile() throws IOException {
    String prefix = new File(folder.getRoot(), "out").getPath();
    ForecastFixtures.write(allTypeRows(0), ALL_TYPES, FileForecastSink.ofCsv(prefix).withNumShards(2));
    List<Row> second = allTypeRows(7);
    ForecastFixtures.write(second, ALL_TYPES, FileForecastSink.ofCsv(prefix).withoutSharding());
    ForecastFixtures.write(second, ALL_TYPES, FileForecastSink.ofParquet(prefix).withoutSharding());

    // The earlier run's shards are gone; FileIO's emptied .temp-beam directory remains.
    assertEquals(List.of(".temp-beam", "out.csv", "out.parquet"),
        Arrays.stream(folder.getRoot().list()).sorted().toList());
    assertThat(readCsv(new File(folder.getRoot(), "out.csv")), containsInAnyOrder(second.toArray()));
  }

  @Test
  public void withTempDirectoryStagesThereAndNothingNextToTheOutput() throws IOException {
    File staging = new File(folder.getRoot(), "staging");
    String prefix = new File(folder.getRoot(), "out").getPath();
    List<Row> rows = allTypeRows(3);
    ForecastFixtures.write(rows, ALL_TYPES, FileForecastSink.ofCsv(prefix).withoutSharding().withTempDirectory(staging.getPath()));

    assertEquals(List.of("out.csv", "staging"), Arrays.stream(folder.getRoot().list()).sorted().toList());
    try (java.util.stream.Stream<java.nio.file.Path> left = Files.walk(staging.toPath())) {
      assertEquals("files left in staging", List.of(), left.filter(Files::isRegularFile).toList());
    }
    assertThat(readCsv(new File(folder.getRoot(), "out.csv")), containsInAnyOrder(rows.toArray()));
  }

  @Test
  public void parquetRoundTripsEveryColumnTypeAndRerunLeavesOneCompleteOutput() {
    String prefix = new File(folder.getRoot(), "forecasts").getPath();
    ForecastFixtures.write(allTypeRows(0), ALL_TYPES, FileForecastSink.ofParquet(prefix).withNumShards(2));
    List<Row> second = allTypeRows(50);
    ForecastFixtures.write(second, ALL_TYPES, FileForecastSink.ofParquet(prefix));
    assertEquals(1, outputs("forecasts", ".parquet").size());

    // Beam's own Avro reader maps a Parquet DATE column to DATETIME (midnight UTC); compare so.
    org.apache.avro.Schema avro = AvroUtils.toAvroSchema(ALL_TYPES);
    Schema asRead = AvroUtils.toBeamSchema(avro);
    List<Row> expected = new ArrayList<>();
    for (Row row : second) {
      List<Object> values = new ArrayList<>(row.getValues());
      LocalDate opened = (LocalDate) values.get(3);
      values.set(3, new Instant(opened.toEpochDay() * 86_400_000L));
      expected.add(Row.withSchema(asRead).addValues(values).build());
    }
    PCollection<Row> readBack =
        pipeline
            .apply(ParquetIO.read(avro).from(prefix + "-*.parquet"))
            .apply(
                MapElements.into(TypeDescriptors.rows())
                    .via(record -> AvroUtils.toBeamRowStrict(record, asRead)))
            .setRowSchema(asRead);
    PAssert.that(readBack).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void parquetForecastsReadBackAsObservationsThroughDuckDb() {
    String prefix = new File(folder.getRoot(), "forecasts").getPath();
    List<Row> rows = ForecastFixtures.rows(5, 3, 0);
    ForecastFixtures.write(rows, ForecastFixtures.SCHEMA, FileForecastSink.ofParquet(prefix));

    ObservationReadResult result =
        pipeline.apply(
            ForecastIO.readObservations()
                .from(DuckDb.parquet(prefix + "-*.parquet"))
                .withIdColumns("store", "item")
                .withTimestampColumn("forecast_timestamp")
                .withValueColumn("q10"));

    Schema observation =
        Schema.builder()
            .addStringField("store")
            .addInt64Field("item")
            .addDateTimeField("forecast_timestamp")
            .addNullableField("q10", FieldType.DOUBLE)
            .build();
    List<Row> expected = new ArrayList<>();
    for (Row row : rows) {
      expected.add(
          Row.withSchema(observation)
              .addValues(
                  row.getString("store"),
                  row.getInt64("item"),
                  row.getDateTime("forecast_timestamp"),
                  row.getDouble("q10"))
              .build());
    }
    PAssert.that(result.observations()).containsInAnyOrder(expected);
    PAssert.that(result.failures()).empty();
    pipeline.run().waitUntilFinish();
  }
}
