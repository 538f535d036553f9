package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * Partial gathering within a bundle, then the merge: whatever the flush bound, every point of every
 * series is counted exactly once and the retained tail is the most recent timestamps.
 */
public class GatherInBundleFnTest {
  private static final int SERIES = 3;
  private static final int POINTS = 1000;
  private static final int RETAIN = 64;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  /** Points of the series interleaved (no two neighbours share a series), each timestamp twice. */
  private static List<Row> interleavedPoints() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) {
      for (int s = 0; s < SERIES; s++) {
        rows.add(SeriesRows.point("s" + s, SeriesRows.START.plus(Duration.standardDays(i / 2)), s * 1000 + i));
      }
    }
    return rows;
  }

  private void gatherWithBound(int maxPointsHeld) {
    InputColumns columns = InputColumns.of(SeriesRows.SCHEMA, List.of("series"), "ts", "value");
    PCollection<String> summaries = pipeline
        .apply(Create.of(interleavedPoints()).withCoder(SchemaCoder.of(SeriesRows.SCHEMA)))
        .apply(ParDo.of(new GatherInBundleFn(columns, RETAIN, maxPointsHeld)))
        .setCoder(KvCoder.of(SchemaCoder.of(columns.idSchema()), new SeriesPointsCoder()))
        .apply(Combine.perKey(new GatherPointsFn(RETAIN)))
        .setCoder(KvCoder.of(SchemaCoder.of(columns.idSchema()), new SeriesPointsCoder()))
        .apply(MapElements.into(TypeDescriptors.strings()).via(GatherInBundleFnTest::summary));
    List<String> expected = new ArrayList<>();
    long lastDay = (POINTS - 1) / 2;
    for (int s = 0; s < SERIES; s++) {
      // The newest timestamp holds points POINTS-2 and POINTS-1: sum of both values, two points.
      double newestSum = 2 * s * 1000 + (POINTS - 2) + (POINTS - 1);
      expected.add("s" + s + " total=" + POINTS + " retained=" + RETAIN + " first_day=" + (lastDay - RETAIN + 1)
          + " last_day=" + lastDay + " newest_sum=" + newestSum + " newest_points=2");
    }
    PAssert.that(summaries).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  private static String summary(KV<Row, SeriesPoints> series) {
    SeriesPoints p = series.getValue();
    int n = p.size();
    long day = Duration.standardDays(1).getMillis();
    long start = SeriesRows.START.getMillis();
    return series.getKey().getString("series") + " total=" + p.totalPoints() + " retained=" + n
        + " first_day=" + (p.time(0) - start) / day + " last_day=" + (p.time(n - 1) - start) / day
        + " newest_sum=" + p.sum(n - 1) + " newest_points=" + p.points(n - 1);
  }

  @Test
  public void flushingEverySevenPointsLosesAndRepeatsNothing() {
    gatherWithBound(7);
  }

  @Test
  public void theDefaultBoundGivesTheSameSeries() {
    gatherWithBound(GatherInBundleFn.MAX_POINTS_HELD);
  }
}
