package io.timerbeam.transforms;

import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.output.FailureCodes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.ModelConfigs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The whole transform on the DirectRunner against the bare engine and the golden forecasts. */
public class TimerForecastPipelineTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimerForecast.Forecasts forecast(int horizon) {
    return TimerForecast.forecasts()
        .withIdColumns("series")
        .withTimestampColumn("ts")
        .withValueColumn("value")
        .withHorizon(horizon)
        .withModel(ModelFixture.TINY);
  }

  @Test
  public void goodSeriesMatchTheEngineAndEachBadSeriesFailsWithItsReason() {
    MixedScenario scenario = new MixedScenario();
    scenario.build(pipeline, ModelFixture.TINY);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    scenario.assertCountsReconcile(result);
  }

  /** Timer-XL, a point forecaster, through the same transform: forecast_value is its forecast, no band. */
  @Test
  public void timerXlGoldenCasesThroughTheTransform() throws java.io.IOException {
    ModelSpec xl = ModelSpec.of(Fixtures.timerXl(Fixtures.TINY).toString()).withThreads(2);
    for (Golden.Case c : Golden.cases(Fixtures.timerXl(Fixtures.TINY))) {
      HashMap<String, double[][]> expected = new HashMap<>();
      expected.put(c.name, c.forecast);
      PCollection<Row> forecasts = pipeline
          .apply("Input " + c.name, Create.of(SeriesRows.daily(c.name, c.context)).withRowSchema(SeriesRows.SCHEMA))
          .apply("Forecast " + c.name, forecast(c.horizon).withModel(xl).withMinObservations(1))
          .forecasts();
      PAssert.that("golden " + c.name, forecasts).satisfies(ForecastAssertions.matches(expected, "series", Golden.TOLERANCE));
    }
    // Shorter than one patch: Timer-XL's own rule fails the series, not its batch.
    int patch = ModelConfigs.read(Fixtures.timerXl(Fixtures.TINY)).patchLength();
    List<Row> input = new ArrayList<>(SeriesRows.daily("short", SeriesRows.wave(patch - 1, 1)));
    input.addAll(SeriesRows.daily("long", SeriesRows.wave(3 * patch, 2)));
    ForecastResult mixed = pipeline.apply("Short and long", Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply("Forecast short and long", forecast(4).withModel(xl).withBatchSize(8));
    PAssert.that(mixed.failures()).satisfies(ForecastAssertions.failuresAre(
        new java.util.TreeSet<>(List.of("short:" + FailureCodes.TOO_FEW_OBSERVATIONS)), "series"));
    PAssert.that(mixed.forecasts().apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("series"))))
        .containsInAnyOrder("long", "long", "long", "long");
    pipeline.run();
  }

  @Test
  public void goldenCasesThroughTheTransform() {
    for (Golden.Case c : Golden.cases(Fixtures.TINY)) {
      HashMap<String, double[][]> expected = new HashMap<>();
      expected.put(c.name, c.forecast);
      PCollection<Row> forecasts = pipeline
          .apply("Input " + c.name, Create.of(SeriesRows.daily(c.name, c.context)).withRowSchema(SeriesRows.SCHEMA))
          .apply("Forecast " + c.name, forecast(c.horizon).withRawQuantiles().withMinObservations(1))
          .forecasts();
      PAssert.that("golden " + c.name, forecasts).satisfies(ForecastAssertions.matches(expected, "series", Golden.TOLERANCE));
    }
    pipeline.run();
  }

  /** Transforms that differ only in context length share one copy of the weights per JVM. */
  @Test
  public void contextLengthsShareOneEngine() {
    ModelSpec spec = ModelFixture.TINY.withThreads(5); // a spec no other test uses
    List<Row> input = SeriesRows.daily("a", SeriesRows.wave(60, 1));
    PCollection<Row> rows = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA));
    rows.apply("Context 20", forecast(4).withModel(spec).withContextLength(20));
    rows.apply("Context 40", forecast(4).withModel(spec).withContextLength(40));
    int loadsBefore = ModelHolder.loadCount();
    pipeline.run().waitUntilFinish();
    assertEquals("engine loads", 1, ModelHolder.loadCount() - loadsBefore);
  }

  /**
   * Batches fill on the DirectRunner although it gives every key its own bundle after a
   * grouping: they form in keyed state, one partial batch at most per token bucket and shard.
   */
  @Test
  public void batchesFillOnTheDirectRunner() {
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < 400; s++) {
      input.addAll(SeriesRows.daily("s" + s, SeriesRows.wave(40, s)));
    }
    pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA)).apply(forecast(4).withBatchSize(50));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    long batches = MixedScenario.counter(result, ForecastMetrics.BATCHES);
    System.out.printf("DirectRunner: 400 series in %d batches of at most 50, model_workers=%d%n",
        batches, MixedScenario.counter(result, ForecastMetrics.MODEL_WORKERS));
    assertEquals(400, MixedScenario.counter(result, ForecastMetrics.SERIES_FORECAST));
    assertTrue("400 series of one length in batches of 50: " + batches + " batches", batches >= 8 && batches <= 16);
  }

  @Test
  public void outputDoesNotDependOnBundlesOrBatches() {
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < 30; s++) {
      input.addAll(SeriesRows.daily("s" + s, SeriesRows.wave(5 + 37 * s, s)));
    }
    PCollection<Row> rows = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA));
    List<PCollection<KV<String, String>>> variants = List.of(
        summarise("default", rows.apply("Default batches", forecast(12))),
        summarise("one", rows.apply("One series per batch", forecast(12).withBatchSize(1))),
        summarise("tokens", rows.apply("Small token budget",
            forecast(12).withBatchSize(7).withMaxTokensPerBatch(200))));
    PCollection<KV<String, Iterable<String>>> grouped = PCollectionList.of(variants)
        .apply(Flatten.pCollections())
        .apply(GroupByKey.create());
    PAssert.that(grouped).satisfies(groups -> {
      int keys = 0;
      for (KV<String, Iterable<String>> g : groups) {
        List<String> values = new ArrayList<>();
        g.getValue().forEach(values::add);
        assertEquals(g.getKey() + " in every variant", 3, values.size());
        String[] first = values.get(0).split("\\|");
        for (String other : values) {
          String[] parts = other.split("\\|");
          assertEquals(g.getKey() + " timestamps and model id", first[0], parts[0]);
          assertTrue(g.getKey() + ": " + values,
              Golden.relativeError(new float[][] {floats(parts[1])}, new double[][] {doubles(first[1])}) <= Golden.TOLERANCE);
        }
        keys++;
      }
      assertEquals(30 * 12, keys);
      return null;
    });
    pipeline.run();
  }

  /**
   * (series|step, "timestamps and model id|numbers") per forecast row. The engine agrees across
   * batch shapes to float32 rounding, not bit for bit, so numbers are compared with the golden measure.
   */
  private static PCollection<KV<String, String>> summarise(String name, ForecastResult result) {
    return result.forecasts().apply("Summarise " + name, MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
        .via(r -> {
          StringBuilder numbers = new StringBuilder();
          for (String q : ForecastAssertions.quantileColumns(r.getSchema())) {
            numbers.append(r.getDouble(q)).append(',');
          }
          return KV.of(r.getString("series") + "|" + r.getInt32(Columns.HORIZON_STEP),
              r.getDateTime(Columns.FORECAST_TIMESTAMP) + " " + r.getDateTime(Columns.CONTEXT_END_TIMESTAMP)
                  + " " + r.getString(Columns.MODEL_ID) + "|" + numbers);
        }));
  }

  private static double[] doubles(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static float[] floats(String csv) {
    double[] d = doubles(csv);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  @Test
  public void idsOfSeveralTypesAndColumnsKeepTheirNamesAndTypes() {
    Schema schema = Schema.builder()
        .addStringField("region")
        .addInt32Field("store")
        .addInt64Field("sku")
        .addLogicalTypeField("launch", SqlTypes.DATE)
        .addField("day", FieldType.logicalType(SqlTypes.DATE))
        .addNullableField("sales", FieldType.INT64)
        .build();
    LocalDate launch = LocalDate.of(2020, 5, 1);
    double[] a = SeriesRows.wave(60, 11);
    double[] b = SeriesRows.wave(60, 12);
    List<Row> input = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      LocalDate day = LocalDate.of(2024, 1, 1).plusDays(i);
      input.add(Row.withSchema(schema).addValues("eu", 1, 10L, launch, day, Math.round(a[i] * 10)).build());
      input.add(Row.withSchema(schema).addValues("eu", 2, 10L, launch, day, Math.round(b[i] * 10)).build());
    }
    ForecastResult result = pipeline.apply(Create.of(input).withRowSchema(schema))
        .apply(TimerForecast.forecasts()
            .withIdColumns("region", "store", "sku", "launch")
            .withTimestampColumn("day")
            .withValueColumn("sales")
            .withHorizon(5)
            .withModel(ModelFixture.TINY));
    Schema out = result.forecasts().getSchema();
    for (String id : List.of("region", "store", "sku", "launch")) {
      assertEquals(id, schema.getField(id).getType(), out.getField(id).getType());
      assertTrue(id, ColumnRole.ID.of(out.getField(id)));
      assertEquals(id, schema.getField(id).getType().withNullable(true), result.failures().getSchema().getField(id).getType());
      assertTrue(id, ColumnRole.ID.of(result.failures().getSchema().getField(id)));
    }
    assertEquals(List.of("region", "store", "sku", "launch"), ColumnRole.ID.columns(out));
    PAssert.that(result.forecasts()).satisfies(rows -> {
      Map<Integer, Integer> perStore = new HashMap<>();
      for (Row r : rows) {
        assertEquals("eu", r.getString("region"));
        assertEquals(10L, (long) r.getInt64("sku"));
        assertEquals(launch, r.getLogicalTypeValue("launch", LocalDate.class));
        assertEquals(new Instant(LocalDate.of(2024, 2, 29).plusDays(r.getInt32(Columns.HORIZON_STEP))
            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()), r.getDateTime(Columns.FORECAST_TIMESTAMP));
        perStore.merge(r.getInt32("store"), 1, Integer::sum);
      }
      assertEquals(Map.of(1, 5, 2, 5), perStore);
      return null;
    });
    pipeline.run();
  }

  @Test
  public void monthEndSeriesForecastMonthEnds() {
    List<Row> input = new ArrayList<>();
    double[] v = SeriesRows.wave(30, 3);
    for (int i = 0; i < v.length; i++) {
      LocalDate monthEnd = LocalDate.of(2021, 1, 31).plusMonths(i).withDayOfMonth(1).plusMonths(1).minusDays(1);
      input.add(SeriesRows.point("m", utc(monthEnd), v[i]));
    }
    HashMap<String, double[][]> expected = new HashMap<>();
    expected.put("m", Golden.toDouble(ModelFixture.forecast(v, 4)));
    ForecastResult result = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA)).apply(forecast(4).withRawQuantiles());
    PAssert.that(result.forecasts()).satisfies(ForecastAssertions.matches(expected, "series", 1e-4));
    PAssert.that(result.forecasts()).satisfies(rows -> {
      List<Instant> months = List.of(utc(LocalDate.of(2023, 7, 31)), utc(LocalDate.of(2023, 8, 31)),
          utc(LocalDate.of(2023, 9, 30)), utc(LocalDate.of(2023, 10, 31)));
      for (Row r : rows) {
        assertEquals(months.get(r.getInt32(Columns.HORIZON_STEP) - 1), r.getDateTime(Columns.FORECAST_TIMESTAMP));
        assertEquals(utc(LocalDate.of(2023, 6, 30)), r.getDateTime(Columns.CONTEXT_END_TIMESTAMP));
      }
      return null;
    });
    pipeline.run();
  }

  @Test
  public void duplicatesAreAveragedWhenAsked() {
    double[] v = SeriesRows.wave(40, 9);
    List<Row> input = new ArrayList<>(SeriesRows.daily("d", v));
    Instant fifth = SeriesRows.START.plus(org.joda.time.Duration.standardDays(4));
    input.add(SeriesRows.point("d", fifth, v[4] + 2));
    double[] averaged = v.clone();
    averaged[4] += 1;
    HashMap<String, double[][]> expected = new HashMap<>();
    expected.put("d", Golden.toDouble(ModelFixture.forecast(averaged, 8)));
    ForecastResult result = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(forecast(8).withRawQuantiles().withDuplicates(Aggregation.MEAN));
    PAssert.that(result.forecasts()).satisfies(ForecastAssertions.matches(expected, "series", 1e-4));
    PAssert.that(result.failures()).empty();
    pipeline.run();
  }

  @Test
  public void defaultOutputHasSortedQuantilesAndTheConfidenceBand() {
    ForecastResult result = pipeline
        .apply(Create.of(SeriesRows.daily("x", SeriesRows.wave(100, 1))).withRowSchema(SeriesRows.SCHEMA))
        .apply(forecast(10));
    PAssert.that(result.forecasts()).satisfies(rows -> {
      for (Row r : rows) {
        List<String> qs = ForecastAssertions.quantileColumns(r.getSchema());
        assertEquals(9, qs.size());
        for (int i = 1; i < qs.size(); i++) {
          assertTrue(r.getDouble(qs.get(i - 1)) <= r.getDouble(qs.get(i)));
        }
        assertEquals(r.getDouble("q50"), r.getDouble(Columns.FORECAST_VALUE));
        assertEquals(r.getDouble("q10"), r.getDouble(Columns.LOWER_BOUND));
        assertEquals(r.getDouble("q90"), r.getDouble(Columns.UPPER_BOUND));
        assertEquals(0.8, r.getDouble(Columns.CONFIDENCE_LEVEL), 0);
        assertEquals(ModelFixture.engine().modelId(), r.getString(Columns.MODEL_ID));
      }
      return null;
    });
    pipeline.run();
  }

  @Test
  public void severalLevelsGiveABandPerLevelEqualToItsQuantiles() {
    ForecastResult result = pipeline
        .apply(Create.of(SeriesRows.daily("x", SeriesRows.wave(100, 1))).withRowSchema(SeriesRows.SCHEMA))
        .apply(forecast(10).withLevels(0.8, 0.6));
    PAssert.that(result.forecasts()).satisfies(rows -> {
      for (Row r : rows) {
        assertEquals(r.getDouble("q10"), r.getDouble("prediction_interval_lower_bound_80"));
        assertEquals(r.getDouble("q90"), r.getDouble("prediction_interval_upper_bound_80"));
        assertEquals(r.getDouble("q20"), r.getDouble("prediction_interval_lower_bound_60"));
        assertEquals(r.getDouble("q80"), r.getDouble("prediction_interval_upper_bound_60"));
        assertTrue("the level is in the column names", !r.getSchema().hasField(Columns.CONFIDENCE_LEVEL)
            && !r.getSchema().hasField(Columns.LOWER_BOUND));
      }
      return null;
    });
    pipeline.run();
  }

  private static Instant utc(LocalDate day) {
    return new Instant(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli());
  }
}
