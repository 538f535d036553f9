package io.timerbeam.it;

import io.timerbeam.transforms.ColumnRole;
import java.util.SplittableRandom;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Observations made up on the workers: {@code series} daily series of {@code points} points each
 * (level, trend, weekly season, noise; deterministic per series), with the roles a reader stamps.
 * For benchmarks of the data path's memory at sizes a database here cannot serve in useful time:
 * the series ids are split across workers like a source's ranges.
 */
public final class GeneratedObservations extends PTransform<PBegin, PCollection<Row>> {
  public static final Schema SCHEMA = Schema.of(
      ColumnRole.ID.stamp(Schema.Field.of(DistributedForecastJob.SERIES_ID, FieldType.STRING)),
      ColumnRole.TIMESTAMP.stamp(Schema.Field.of(DistributedForecastJob.TIMESTAMP, FieldType.DATETIME)),
      ColumnRole.VALUE.stamp(Schema.Field.of(DistributedForecastJob.VALUE, FieldType.DOUBLE)));
  private static final Instant LAST_DAY = Instant.parse("2025-06-30T00:00:00Z");

  private final long series;
  private final int points;

  public GeneratedObservations(long series, int points) {
    if (series < 1 || points < 1) {
      throw new IllegalArgumentException("GeneratedObservations: need at least 1 series and 1 point, got "
          + series + " series of " + points);
    }
    this.series = series;
    this.points = points;
  }

  @Override
  public PCollection<Row> expand(PBegin begin) {
    return begin
        .apply("Series numbers", GenerateSequence.from(0).to(series))
        .apply("Points", ParDo.of(new PointsFn(points)))
        .setRowSchema(SCHEMA);
  }

  private static final class PointsFn extends DoFn<Long, Row> {
    private final int points;

    PointsFn(int points) {
      this.points = points;
    }

    @ProcessElement
    public void process(@Element Long number, OutputReceiver<Row> out) {
      SplittableRandom random = new SplittableRandom(number);
      String id = String.format("s%08d", number);
      double level = 10 + random.nextDouble() * 1000;
      double trend = random.nextDouble() - 0.5;
      Instant first = LAST_DAY.minus(Duration.standardDays(points - 1));
      for (int t = 0; t < points; t++) {
        double season = Math.sin(2 * Math.PI * t / 7) * level * 0.2;
        double value = level + trend * t + season + random.nextGaussian() * level * 0.05;
        out.output(Row.withSchema(SCHEMA).attachValues(id, first.plus(Duration.standardDays(t)), value));
      }
    }
  }
}
