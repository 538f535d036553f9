package io.timerbeam.it.portable;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.transforms.ColumnRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Observations of every kind a forecast job meets: the golden Timer-S1 cases (one series each,
 * {@code golden_<case>}, missing points included), generated daily series of varied lengths and
 * ends, and series the transform must fail: two points only (too_few_observations) and a
 * timestamp given twice (duplicate_timestamp). Roles are stamped on the schema as readers do.
 */
final class MixedObservations {
  static final String SERIES_ID = "series_id";
  static final Schema SCHEMA = Schema.of(
      ColumnRole.ID.stamp(Schema.Field.of(SERIES_ID, FieldType.STRING)),
      ColumnRole.TIMESTAMP.stamp(Schema.Field.of("ts", FieldType.DATETIME)),
      ColumnRole.VALUE.stamp(Schema.Field.nullable("value", FieldType.DOUBLE)));
  static final String GOLDEN_PREFIX = "golden_";

  private static final Instant GOLDEN_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant LAST_DAY = Instant.parse("2025-06-30T00:00:00Z");
  private static final Duration DAY = Duration.standardDays(1);

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, String> expectedFailures = new TreeMap<>();
  private int series;

  /** {@code generated} good series plus {@code shortSeries} too short and {@code duplicated} with a repeated day. */
  MixedObservations(int generated, int shortSeries, int duplicated) {
    for (Golden.Case c : Golden.cases(Fixtures.TINY)) {
      daily(GOLDEN_PREFIX + c.name, GOLDEN_START, c.context);
    }
    for (int s = 0; s < generated; s++) {
      SplittableRandom random = new SplittableRandom(s);
      double[] values = wave(24 + random.nextInt(97), random);
      Instant end = LAST_DAY.minus(DAY.multipliedBy(random.nextInt(30)));
      daily(String.format("g%04d", s), end.minus(DAY.multipliedBy(values.length - 1)), values);
    }
    for (int s = 0; s < shortSeries; s++) {
      String id = "short_" + s;
      daily(id, LAST_DAY, new double[] {1.0 + s, 2.0});
      expectedFailures.put(id, "too_few_observations");
    }
    for (int s = 0; s < duplicated; s++) {
      String id = "duplicate_" + s;
      double[] values = wave(40, new SplittableRandom(2000 + s));
      daily(id, GOLDEN_START, values);
      rows.add(point(id, GOLDEN_START.plus(DAY.multipliedBy(s % values.length)), 1.0));
      expectedFailures.put(id, "duplicate_timestamp");
    }
  }

  List<Row> rows() {
    return rows;
  }

  int seriesCount() {
    return series;
  }

  /** Series id -> the error_code its failure row must carry. */
  Map<String, String> expectedFailures() {
    return expectedFailures;
  }

  /** Adds one daily series of {@code values} (NaN: missing) from {@code first}. */
  private void daily(String id, Instant first, double[] values) {
    for (int t = 0; t < values.length; t++) {
      rows.add(point(id, first.plus(DAY.multipliedBy(t)), values[t]));
    }
    series++;
  }

  private static Row point(String id, Instant time, double value) {
    return Row.withSchema(SCHEMA).addValues(id, time, Double.isNaN(value) ? null : value).build();
  }

  /** Level, trend, weekly season and noise, 3% missing. */
  private static double[] wave(int length, SplittableRandom random) {
    double level = 10 + random.nextDouble() * 1000;
    double trend = random.nextDouble() - 0.5;
    double[] v = new double[length];
    for (int t = 0; t < length; t++) {
      v[t] = random.nextDouble() < 0.03 ? Double.NaN
          : level + trend * t + Math.sin(2 * Math.PI * t / 7) * level * 0.2 + random.nextGaussian() * level * 0.05;
    }
    return v;
  }
}
