package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One window's point forecast beside its actuals, on its way to conformal scoring
 * ({@link ConformalScoring}): a calibration window (its errors calibrate the bands) or a target
 * window (its target steps are scored); a calibration window the engine could not forecast
 * carries the reason instead. A Row ({@link #SCHEMA}) between the engine and the per-series
 * grouping. Arrays are not copied.
 */
final class ConformalWindow {
  static final Schema SCHEMA = Schema.builder()
      .addBooleanField("calibration")
      .addArrayField("times", Schema.FieldType.INT64)
      .addArrayField("actuals", Schema.FieldType.DOUBLE)
      .addArrayField("scored", Schema.FieldType.BOOLEAN)
      .addNullableField("point", Schema.FieldType.array(Schema.FieldType.DOUBLE))
      .addNullableField("failure", Schema.FieldType.STRING)
      .build();

  final boolean calibration;
  final long[] times;
  final double[] actuals;
  /** Which steps are target points; all false in a calibration window. */
  final boolean[] scored;
  final double @Nullable [] point;
  final @Nullable String failure;

  private ConformalWindow(boolean calibration, long[] times, double[] actuals, boolean[] scored, double @Nullable [] point,
      @Nullable String failure) {
    this.calibration = calibration;
    this.times = times;
    this.actuals = actuals;
    this.scored = scored;
    this.point = point;
    this.failure = failure;
  }

  static ConformalWindow calibration(long[] times, double[] actuals, double[] point) {
    return new ConformalWindow(true, times, actuals, new boolean[actuals.length], point, null);
  }

  static ConformalWindow calibrationFailure(long[] times, double[] actuals, String reason) {
    return new ConformalWindow(true, times, actuals, new boolean[actuals.length], null, reason);
  }

  static ConformalWindow target(long[] times, double[] actuals, boolean[] scored, double[] point) {
    return new ConformalWindow(false, times, actuals, scored, point, null);
  }

  Row toRow() {
    List<Long> t = new ArrayList<>(times.length);
    List<Double> a = new ArrayList<>(actuals.length);
    List<Boolean> s = new ArrayList<>(scored.length);
    for (int h = 0; h < times.length; h++) {
      t.add(times[h]);
      a.add(actuals[h]);
      s.add(scored[h]);
    }
    List<Double> p = null;
    if (point != null) {
      p = new ArrayList<>(point.length);
      for (double v : point) {
        p.add(v);
      }
    }
    return Row.withSchema(SCHEMA).addValues(calibration, t, a, s, p, failure).build();
  }

  static ConformalWindow of(Row row) {
    Collection<Long> t = row.getArray("times");
    Collection<Double> a = row.getArray("actuals");
    Collection<Boolean> s = row.getArray("scored");
    Collection<Double> p = row.getArray("point");
    return new ConformalWindow(row.getBoolean("calibration"), t.stream().mapToLong(Long::longValue).toArray(),
        a.stream().mapToDouble(Double::doubleValue).toArray(), booleans(s),
        p == null ? null : p.stream().mapToDouble(Double::doubleValue).toArray(), row.getString("failure"));
  }

  private static boolean[] booleans(Collection<Boolean> values) {
    boolean[] out = new boolean[values.size()];
    int i = 0;
    for (Boolean v : values) {
      out[i++] = v;
    }
    return out;
  }
}
