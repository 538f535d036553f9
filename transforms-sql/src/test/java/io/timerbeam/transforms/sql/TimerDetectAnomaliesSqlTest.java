package io.timerbeam.transforms.sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.transforms.AnomalyResult;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.TimerAnomalies;
import io.timerbeam.transforms.TimerForecast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** README-sql.md's TIMER_DETECT_ANOMALIES statement on the DirectRunner, against anomalies()' rows on the same input. */
public class TimerDetectAnomaliesSqlTest {
  private static final int H = 4;
  /** Target points per series: two windows of H, the older one partly before the target. */
  private static final int TARGET = 6;
  /**
   * anomalies() batches windows of many series per engine call, TIMER_DETECT_ANOMALIES one
   * series' windows: float32 rounding only, the golden tolerance (1e-4) relative to max(1, |figure|).
   */
  private static final double BATCH_TOLERANCE = 1e-4;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temporary = new TemporaryFolder();

  private static PCollection<KV<String, KV<String, Row>>> keyed(String variant, PCollection<Row> rows) {
    return rows.apply("Key " + variant, MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows())))
        .via(r -> KV.of(r.getString("series") + "|" + r.getDateTime("ts"), KV.of(variant, r))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Row.class))));
  }

  private void sameRowsBothWays(TimerAnomalies options, int scoredSeries) {
    sameRowsEveryWay(options, scoredSeries, false);
  }

  /** @param fromJar also through CREATE AGGREGATE FUNCTION ... USING JAR (the model's, the target's last {@link #TARGET}) */
  private void sameRowsEveryWay(TimerAnomalies options, int scoredSeries, boolean fromJar) {
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < scoredSeries; s++) {
      input.addAll(SqlPoints.daily("s" + s, SqlPoints.wave(40 + 10 * s, s), H));
    }
    double[] spiked = SqlPoints.wave(48, 7);
    spiked[45] += 40; // an anomaly in the target
    spiked[46] = Double.NaN; // a missing value in the target: a row without a verdict
    input.addAll(SqlPoints.daily("spiked", spiked, H));
    input.addAll(SqlPoints.daily("dup", SqlPoints.wave(30, 3), H));
    input.addAll(SqlPoints.daily("dup", new double[] {1}, H)); // a second point at the first day
    PCollection<Row> rows = pipeline.apply(Create.of(input).withRowSchema(SqlPoints.SCHEMA));
    PCollection<Row> sql = rows.apply("Sql", TimerForecastSql.register(SqlTransform.query(SqlPoints.detectStatement()), options));
    PCollection<Row> jar = null;
    if (fromJar) {
      System.setProperty(TimerForecastUdfProvider.MODEL_PROPERTY, SqlPoints.TINY.checkpointPath());
      System.setProperty(TimerForecastUdfProvider.DETECT_TARGET_LAST_PROPERTY, String.valueOf(TARGET));
      try {
        jar = rows.apply("From jar", SqlPoints.createFunctions(SqlTransform.query(SqlPoints.detectStatement()),
                SqlPoints.providerJar(temporary), TimerForecastSql.DETECT_ANOMALIES))
            .apply("Jar scored", Filter.by(r -> r.getString(AnomalyElements.DETECT_STATUS).isEmpty()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    AnomalyResult transform = rows.apply("Anomalies", options
        .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value").withHorizon(H));
    String modelId = new io.timerbeam.transforms.OneSeriesDetector(options).modelId();

    PCollection<Row> sqlFailed = sql.apply("Sql failed", Filter.by(r -> !r.getString(AnomalyElements.DETECT_STATUS).isEmpty()));
    PAssert.that(sqlFailed).satisfies(failed -> {
      List<Row> all = new ArrayList<>();
      failed.forEach(all::add);
      assertEquals("the duplicated series only: " + all, 1, all.size());
      Row dup = all.get(0);
      assertEquals("dup", dup.getString("series"));
      assertTrue(dup.getString(AnomalyElements.DETECT_STATUS),
          dup.getString(AnomalyElements.DETECT_STATUS).startsWith("duplicate_timestamp: 2 points at 2024-01-01T00:00:00Z"));
      assertNull(dup.getDateTime("ts"));
      assertNull(dup.getValue(Columns.IS_ANOMALY));
      assertEquals(modelId, dup.getString(Columns.MODEL_ID));
      return null;
    });
    PAssert.that(transform.failures()).satisfies(failed -> {
      List<String> series = new ArrayList<>();
      failed.forEach(r -> series.add(r.getString("series") + ": " + r.getString(Columns.ERROR_CODE)));
      assertEquals(List.of("dup: duplicate_timestamp"), series);
      return null;
    });

    PCollectionList<KV<String, KV<String, Row>>> ways = PCollectionList
        .of(keyed("sql", sql.apply("Sql scored", Filter.by(r -> r.getString(AnomalyElements.DETECT_STATUS).isEmpty()))))
        .and(keyed("transform", transform.anomalies()));
    if (jar != null) {
      ways = ways.and(keyed("jar", jar));
    }
    int variantCount = fromJar ? 3 : 2;
    PCollection<KV<String, Iterable<KV<String, Row>>>> joined = ways
        .apply(Flatten.pCollections())
        .apply(GroupByKey.create());
    PAssert.that(joined).satisfies(groups -> {
      int scored = 0;
      int anomalies = 0;
      int missing = 0;
      for (KV<String, Iterable<KV<String, Row>>> group : groups) {
        Map<String, Row> variants = new HashMap<>();
        group.getValue().forEach(v -> assertNull(group.getKey() + " twice from " + v.getKey(), variants.put(v.getKey(), v.getValue())));
        assertEquals(group.getKey(), variantCount, variants.size());
        Row expected = variants.get("transform");
        assertSameRow(group.getKey(), expected, variants.get("sql"));
        if (variants.containsKey("jar")) {
          assertSameRow(group.getKey() + " (jar)", expected, variants.get("jar"));
        }
        scored++;
        anomalies += Boolean.TRUE.equals(expected.getBoolean(Columns.IS_ANOMALY)) ? 1 : 0;
        missing += expected.getDouble("value") == null ? 1 : 0;
      }
      // Target rows in = scored + failed: every assembled series' last TARGET points scored, the
      // duplicated series' (failed as a whole) in the one failure row checked above.
      assertEquals((scoredSeries + 1) * TARGET, scored);
      assertEquals("the missing value is a row without a verdict", 1, missing);
      assertTrue("the spike is an anomaly", anomalies >= 1);
      return null;
    });
    try {
      pipeline.run();
    } finally {
      System.clearProperty(TimerForecastUdfProvider.DETECT_TARGET_LAST_PROPERTY);
    }
  }

  /** ids, timestamps, values, is_anomaly and bounds_extrapolated equal; bounds and probability to the batch tolerance. */
  private static void assertSameRow(String key, Row expected, Row actual) {
    assertEquals(key, expected.getDouble("value"), actual.getDouble("value"));
    assertEquals(key, expected.getBoolean(Columns.IS_ANOMALY), actual.getBoolean(Columns.IS_ANOMALY));
    assertEquals(key, expected.getBoolean(Columns.BOUNDS_EXTRAPOLATED), actual.getBoolean(Columns.BOUNDS_EXTRAPOLATED));
    assertEquals(key, expected.getString(Columns.MODEL_ID), actual.getString(Columns.MODEL_ID));
    for (String column : List.of(Columns.ANOMALY_LOWER_BOUND, Columns.ANOMALY_UPPER_BOUND, Columns.ANOMALY_PROBABILITY)) {
      Double x = expected.getDouble(column);
      Double y = actual.getDouble(column);
      String what = key + " " + column + ": anomalies() " + x + ", sql " + y;
      assertEquals(what, x == null, y == null);
      if (x != null) {
        assertTrue(what, Math.abs(x - y) <= BATCH_TOLERANCE * Math.max(1, Math.abs(x)));
      }
    }
  }

  /** Also through CREATE AGGREGATE FUNCTION TIMER_DETECT_ANOMALIES ... USING JAR. */
  @Test
  public void withTheModelSqlGivesTheRowsOfTheTransform() {
    sameRowsEveryWay(TimerForecast.anomalies().withModel(SqlPoints.TINY).withTargetLast(TARGET), 3, true);
  }

  /** Conformal bands: seasonal naive (scored while cut) and the model (its windows grouped per series, then scored). */
  @Test
  public void withConformalBandsSqlGivesTheRowsOfTheTransform() {
    sameRowsBothWays(TimerForecast.anomalies().withSeasonalNaive().withSeason(7).withTargetLast(TARGET).withConformal(3), 3);
  }

  @Test
  public void withTheModelsConformalBandsSqlGivesTheRowsOfTheTransform() {
    sameRowsBothWays(TimerForecast.anomalies().withModel(SqlPoints.TINY).withTargetLast(TARGET).withConformal(3), 3);
  }

  @Test
  public void withSeasonalNaiveSqlGivesTheRowsOfTheTransform() {
    sameRowsBothWays(TimerForecast.anomalies().withSeasonalNaive().withSeason(7).withTargetLast(TARGET), 3);
  }
}
