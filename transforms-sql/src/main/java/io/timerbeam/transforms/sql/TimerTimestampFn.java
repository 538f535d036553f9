package io.timerbeam.transforms.sql;

import java.sql.Timestamp;
import org.apache.beam.sdk.extensions.sql.BeamSqlUdf;
import org.apache.beam.sdk.extensions.sql.udf.ScalarFn;

/**
 * {@code TIMER_TIMESTAMP(millis)}: a forecast step's epoch milliseconds (elements 1 and 7 of a
 * {@code TIMER_FORECAST} step) as a TIMESTAMP, since a forecast step is an array of DOUBLE.
 */
public class TimerTimestampFn extends ScalarFn implements BeamSqlUdf {
  private static final long serialVersionUID = 1L;

  @ApplyMethod
  public Timestamp eval(Double epochMillis) {
    return epochMillis == null ? null : new Timestamp(epochMillis.longValue());
  }
}
