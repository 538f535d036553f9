package io.timerbeam.transforms.sql;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.BeamSqlUdf;
import org.apache.beam.sdk.extensions.sql.udf.ScalarFn;

/**
 * {@code TIMER_POINT(ts, value, horizon)}: packs one observation into the single argument a Beam
 * SQL aggregate accepts, as {@code ARRAY[epoch millis, value, horizon]} (NaN for a null time or
 * value). Registered both for {@code SqlTransform} ({@link BeamSqlUdf}, method {@code eval}) and
 * for {@code CREATE FUNCTION ... USING JAR} ({@link ScalarFn}).
 */
public class TimerPointFn extends ScalarFn implements BeamSqlUdf {
  private static final long serialVersionUID = 1L;
  static final int TIME = 0;
  static final int VALUE = 1;
  static final int HORIZON = 2;

  @ApplyMethod
  public List<Double> eval(Timestamp ts, Double value, Integer horizon) {
    if (horizon == null || horizon <= 0) {
      throw new IllegalArgumentException(
          "TIMER_POINT(ts, value, horizon): horizon must be a positive integer, got " + horizon);
    }
    return Arrays.asList(
        ts == null ? Double.NaN : (double) ts.getTime(),
        value == null ? Double.NaN : value,
        (double) horizon);
  }
}
