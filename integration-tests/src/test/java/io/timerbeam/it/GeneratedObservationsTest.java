package io.timerbeam.it;

import static org.junit.Assert.assertEquals;

import io.timerbeam.transforms.ColumnRole;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The made-up input: every series once with its points, roles stamped as a reader stamps them. */
public class GeneratedObservationsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void makesEverySeriesWithItsDailyPoints() {
    PCollection<Row> rows = pipeline.apply(new GeneratedObservations(3, 5));
    PCollection<KV<String, Long>> pointsPerSeries = rows
        .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(row -> row.getString(DistributedForecastJob.SERIES_ID)))
        .apply(Count.perElement());
    PAssert.that(pointsPerSeries).containsInAnyOrder(KV.of("s00000000", 5L), KV.of("s00000001", 5L), KV.of("s00000002", 5L));
    PCollection<Long> days = rows
        .apply("Days", MapElements.into(TypeDescriptors.longs())
            .via(row -> row.getDateTime(DistributedForecastJob.TIMESTAMP).toInstant().getMillis()))
        .apply(Distinct.create());
    long lastDay = Instant.parse("2025-06-30T00:00:00Z").getMillis();
    long day = 86_400_000L;
    PAssert.that(days).containsInAnyOrder(lastDay - 4 * day, lastDay - 3 * day, lastDay - 2 * day, lastDay - day, lastDay);
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void stampsTheRolesTheTransformReads() {
    assertEquals(List.of(DistributedForecastJob.SERIES_ID), ColumnRole.ID.columns(GeneratedObservations.SCHEMA));
    assertEquals(List.of(DistributedForecastJob.TIMESTAMP), ColumnRole.TIMESTAMP.columns(GeneratedObservations.SCHEMA));
    assertEquals(List.of(DistributedForecastJob.VALUE), ColumnRole.VALUE.columns(GeneratedObservations.SCHEMA));
  }
}
