package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Builds long-format input rows (series, time, value) for tests. */
final class SeriesRows {
  static final Schema SCHEMA = Schema.builder()
      .addStringField("series")
      .addNullableField("ts", FieldType.DATETIME)
      .addNullableField("value", FieldType.DOUBLE)
      .build();
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private SeriesRows() {}

  /** One row per point, daily from {@link #START}; NaN becomes a null (missing) value. */
  static List<Row> daily(String series, double[] values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(point(series, START.plus(Duration.standardDays(i)), values[i]));
    }
    return rows;
  }

  static Row point(String series, Instant time, double value) {
    return Row.withSchema(SCHEMA).addValues(series, time, Double.isNaN(value) ? null : value).build();
  }

  /**
   * 140 days of a weekly season (100 +- 10, deterministic noise in +-0.5) with a spike of 20 at day
   * 130: the anomaly tests' series, whose expectations are worked out on these exact numbers.
   */
  static double[] weeklyWithSpikeAt130() {
    double[] v = new double[140];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 7) + Math.sin(i * 12.9898) * 0.5;
    }
    v[130] += 20;
    return v;
  }

  /** A smooth, noisy-looking series of {@code length} points, different per seed. */
  static double[] wave(int length, int seed) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = 10 + seed + 3 * Math.sin(i * 0.3 + seed) + 0.5 * Math.cos(i * 1.7 * (seed % 5 + 1));
    }
    return v;
  }
}
