package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** Columns come from explicit options, else from the roles stamped on the input schema, else from the default names. */
public class ColumnRolesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final Schema STAMPED = Schema.builder()
      .addField(ColumnRole.ID.stamp(SeriesRows.SCHEMA.getField("series")))
      .addField(ColumnRole.TIMESTAMP.stamp(SeriesRows.SCHEMA.getField("ts")))
      .addField(ColumnRole.VALUE.stamp(SeriesRows.SCHEMA.getField("value")))
      .build();

  private static List<Row> points(Schema schema) {
    List<Row> rows = new ArrayList<>();
    for (String series : List.of("a", "b")) {
      for (Row row : SeriesRows.daily(series, SeriesRows.wave(40, series.charAt(0)))) {
        rows.add(Row.withSchema(schema).attachValues(row.getValues()));
      }
    }
    return rows;
  }

  private static PCollection<String> lines(String name, PCollection<Row> forecasts) {
    return forecasts.apply(name, MapElements.into(TypeDescriptors.strings()).via(Row::toString));
  }

  @Test
  public void aStampedInputNeedsNoColumnOptionsAndForecastsAsTheExplicitOptionsDo() {
    // One series per engine call in both: a forecast's last bits depend on its batch-mates (BatchingTest
    // holds that to the golden tolerance) and the DirectRunner's bundles, so its batches, vary run to run.
    TimerForecast.Forecasts forecast = TimerForecast.forecasts().withHorizon(3).withModel(ModelFixture.TINY).withBatchSize(1);
    ForecastResult stamped = pipeline.apply("Stamped", Create.of(points(STAMPED)).withRowSchema(STAMPED))
        .apply("FromRoles", forecast);
    ForecastResult explicit = pipeline.apply("Plain", Create.of(points(SeriesRows.SCHEMA)).withRowSchema(SeriesRows.SCHEMA))
        .apply("FromOptions", forecast.withIdColumns("series").withTimestampColumn("ts").withValueColumn("value"));

    assertEquals(explicit.forecasts().getSchema(), stamped.forecasts().getSchema());
    assertEquals(List.of("series"), ColumnRole.ID.columns(stamped.forecasts().getSchema()));
    // Every row (ids, times, every quantile) once from each: 2 series x 3 steps, each seen twice.
    PAssert.that(PCollectionList.of(lines("StampedLines", stamped.forecasts())).and(lines("ExplicitLines", explicit.forecasts()))
            .apply(Flatten.pCollections()).apply(Count.perElement()))
        .satisfies(counts -> {
          List<Long> seen = new ArrayList<>();
          counts.forEach(c -> seen.add(c.getValue()));
          assertEquals(seen.toString(), List.of(2L, 2L, 2L, 2L, 2L, 2L), seen);
          return null;
        });
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void withoutOptionsOrRolesTheNixtlaNamesAreUsed() {
    Schema nixtla = Schema.builder().addStringField(Columns.UNIQUE_ID).addNullableField(Columns.DS, FieldType.DATETIME)
        .addNullableField(Columns.Y, FieldType.DOUBLE).build();
    ForecastResult result = pipeline.apply(Create.of(points(nixtla)).withRowSchema(nixtla))
        .apply(TimerForecast.forecasts().withHorizon(2).withModel(ModelFixture.TINY));
    assertEquals(Columns.UNIQUE_ID, result.forecasts().getSchema().getField(0).getName());
    PAssert.that(result.forecasts().apply(MapElements.into(TypeDescriptors.strings())
            .via(r -> r.getString(Columns.UNIQUE_ID) + "/" + r.getInt32(Columns.HORIZON_STEP))))
        .containsInAnyOrder("a/1", "a/2", "b/1", "b/2");
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void explicitOptionsWinOverRoles() {
    Schema schema = Schema.builder().addFields(STAMPED.getFields()).addNullableField("other", FieldType.DOUBLE).build();
    InputColumns columns = InputColumns.of(schema, List.of(), null, "other");
    Row row = Row.withSchema(schema).addValues("a", SeriesRows.START, 1.0, 5.0).build();
    assertEquals(5.0, columns.value(row), 0);
    assertEquals(SeriesRows.START.getMillis(), (long) columns.epochMillis(row));
    assertEquals(List.of("series"), columns.idSchema().getFieldNames());
  }

  @Test
  public void noOptionRoleOrDefaultNameIsAnErrorNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputColumns.of(SeriesRows.SCHEMA, List.of(), "ts", "value"));
    assertTrue(e.getMessage(), e.getMessage().contains("withIdColumns(...) is required")
        && e.getMessage().contains(ColumnRole.OPTION + "=id") && e.getMessage().contains("'unique_id'"));
    Schema twoTimes = Schema.builder().addFields(STAMPED.getFields())
        .addField(ColumnRole.TIMESTAMP.stamp(Schema.Field.of("ts2", FieldType.DATETIME))).build();
    e = assertThrows(IllegalArgumentException.class, () -> InputColumns.of(twoTimes, List.of(), null, null));
    assertTrue(e.getMessage(), e.getMessage().startsWith("withTimestampColumn") && e.getMessage().contains("[ts, ts2]"));
  }

  @Test
  public void theFailureSchemaHasNullableStampedIdsThenTheErrorColumns() {
    Schema failure = Columns.failureSchema(Schema.builder().addInt32Field("store").build());
    assertEquals(List.of("store", Columns.ERROR_CODE, Columns.ERROR_MESSAGE), failure.getFieldNames());
    assertTrue(failure.getField("store").getType().getNullable());
    assertEquals(List.of("store"), ColumnRole.ID.columns(failure));
    assertEquals(List.of("q10", "q2_5", "q50"),
        List.of(0.1, 0.025, 0.5).stream().map(Columns::quantileColumn).collect(Collectors.toList()));
    assertTrue(Columns.isQuantileColumn("q2_5") && !Columns.isQuantileColumn("quantity"));
    assertTrue(Columns.isOutputColumn(Columns.lowerBoundColumn(0.8)) && !Columns.isOutputColumn("store"));
  }
}
