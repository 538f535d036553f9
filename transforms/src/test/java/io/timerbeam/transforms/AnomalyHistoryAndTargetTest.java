package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * historyAndTarget(), BigQuery's two inputs: the rows equal the one-input form's (the same
 * options with withTargetSince at the first target row, through {@link OneSeriesDetector}); a
 * target without history is a failure; a series in the history only has no row; counts reconcile.
 */
public class AnomalyHistoryAndTargetTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimerAnomalies naive() {
    return TimerForecast.anomalies().withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
        .withSeasonalNaive().withSeason(7).withConformal(4);
  }

  private PCollection<Row> rows(String name, List<Row> rows) {
    return pipeline.apply(name, Create.of(rows).withRowSchema(SeriesRows.SCHEMA));
  }

  /**
   * Series a: days 0..79 in the history, 80..99 in the target (a spike at 90); b: history only;
   * c: 10 target days and no history.
   */
  @Test
  public void theTargetIsScoredFromTheHistoryAsTheOneInputFormScoresIt() {
    double[] a = new double[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 7) + Math.sin(i * 12.9898);
    }
    a[90] += 15;
    List<Row> history = new ArrayList<>(SeriesRows.daily("a", Arrays.copyOf(a, 80)));
    history.addAll(SeriesRows.daily("b", SeriesRows.wave(60, 1)));
    List<Row> target = new ArrayList<>(SeriesRows.daily("a", a).subList(80, 100));
    target.addAll(SeriesRows.daily("c", SeriesRows.wave(10, 2)));
    AnomalyResult result = PCollectionTuple.of(HistoryAndTarget.HISTORY, rows("History", history))
        .and(HistoryAndTarget.TARGET, rows("Target", target))
        .apply(naive().historyAndTarget());

    // The one-input form on the same series, target since day 80.
    long[] times = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      times[i] = SeriesRows.START.plus(Duration.standardDays(i)).getMillis();
    }
    OneSeriesOutcome oneInput = new OneSeriesDetector(naive().withTargetSince(java.time.Instant.ofEpochMilli(times[80])))
        .detect(times, a, 0, 7);
    assertEquals(20, oneInput.rows().size());
    Map<Long, List<Object>> expected = new TreeMap<>();
    for (Row r : oneInput.rows()) {
      expected.put(r.getDateTime(OneSeriesDetector.TIMESTAMP).getMillis(), List.of(r.getBoolean(Columns.IS_ANOMALY),
          r.getDouble(Columns.ANOMALY_LOWER_BOUND), r.getDouble(Columns.ANOMALY_UPPER_BOUND), r.getDouble(Columns.ANOMALY_PROBABILITY)));
    }
    assertEquals(true, expected.get(times[90]).get(0));
    PAssert.that(result.anomalies()).satisfies(out -> {
      Map<Long, List<Object>> got = new TreeMap<>();
      for (Row r : out) {
        assertEquals("a", r.getString("series"));
        got.put(r.getDateTime("ts").getMillis(), List.of(r.getBoolean(Columns.IS_ANOMALY),
            r.getDouble(Columns.ANOMALY_LOWER_BOUND), r.getDouble(Columns.ANOMALY_UPPER_BOUND), r.getDouble(Columns.ANOMALY_PROBABILITY)));
      }
      assertEquals(expected, got);
      return null;
    });
    PAssert.that(result.failures()).satisfies(out -> {
      List<String> failures = new ArrayList<>();
      for (Row r : out) {
        failures.add(r.getString("series") + " " + r.getString(Columns.ERROR_CODE) + " " + r.getString(Columns.ERROR_MESSAGE));
      }
      assertEquals(List.of("c no_history no history row before the target's first row (2024-01-01T00:00:00Z): "
          + "10 target point(s) not scored"), failures);
      return null;
    });
    TargetPoints.runAndAssert(pipeline, 30, 20, 10);
  }

  @Test
  public void aTargetOptionIsRefusedWithTwoInputs() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> naive().withTargetLast(3).historyAndTarget());
    assertTrue(e.getMessage(), e.getMessage().contains("the target is the TARGET input"));
  }
}
