package io.timerbeam.transforms.sql;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Timestamp;
import java.util.List;
import org.junit.Test;

/** The aggregates' accumulator: points survive merging, a null time is counted, horizons must agree. */
public class ForecastPointsTest {
  private static final TimerPointFn POINT = new TimerPointFn();

  private static List<Double> point(long millis, Double value, int horizon) {
    return POINT.eval(new Timestamp(millis), value, horizon);
  }

  @Test
  public void mergeKeepsEveryPointAndCountsNullTimes() {
    ForecastPoints a = new ForecastPoints().add(point(1000, 1.0, 4)).add(POINT.eval(null, 2.0, 4));
    ForecastPoints b = new ForecastPoints().add(point(3000, null, 4));
    ForecastPoints merged = new ForecastPoints().merge(List.of(a, b, new ForecastPoints()));
    assertArrayEquals(new long[] {1000, 3000}, merged.times());
    assertEquals(1.0, merged.values()[0], 0);
    assertTrue(Double.isNaN(merged.values()[1]));
    assertEquals(1, merged.nullTimestamps());
    assertEquals(4, merged.horizon());
  }

  @Test
  public void differentHorizonsInOneGroupAreRejected() {
    ForecastPoints points = new ForecastPoints().add(point(1000, 1.0, 4));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> points.add(point(2000, 1.0, 5)));
    assertTrue(error.getMessage(), error.getMessage().contains("horizon differs within one group (4 and 5)"));
  }

  @Test
  public void nonPositiveHorizonIsRejectedByTheScalar() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> point(1000, 1.0, 0));
    assertTrue(error.getMessage(), error.getMessage().contains("horizon must be a positive integer, got 0"));
  }
}
