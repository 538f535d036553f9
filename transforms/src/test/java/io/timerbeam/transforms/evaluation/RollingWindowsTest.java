package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.IntStream;
import org.junit.Test;

public class RollingWindowsTest {
  private static final long START = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final LongUnaryOperator HOURLY = i -> START + i * HOUR;

  /** Point k (1-based) has value k, so values name the points. */
  private static double[] points(int n) {
    return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
  }

  private static double[] range(int firstPoint, int lastPoint) {
    return IntStream.rangeClosed(firstPoint, lastPoint).asDoubleStream().toArray();
  }

  @Test
  public void cutoffsAreAsTheIssueDefinesThem() {
    // 100 points, H 10, 3 windows, S 5: the last window's actuals are points 91..100, cutoffs 80, 85, 90.
    List<BacktestWindow> windows = RollingWindows.of(10, 512).withWindows(3).withStep(5).split(points(100), HOURLY);
    assertEquals(3, windows.size());
    long[] cutoffPoints = windows.stream().mapToLong(w -> w.cutoffIndex() + 1).toArray();
    assertArrayEquals(new long[] {80, 85, 90}, cutoffPoints);
    for (int w = 0; w < 3; w++) {
      BacktestWindow window = windows.get(w);
      assertFalse(window.failed());
      assertEquals(w, window.number());
      assertEquals(START + window.cutoffIndex() * HOUR, window.cutoffMillis());
      assertEquals(cutoffPoints[w], window.context()[window.context().length - 1], 0);
      assertArrayEquals(range((int) cutoffPoints[w] + 1, (int) cutoffPoints[w] + 10), window.actuals(), 0);
      assertEquals(START + (cutoffPoints[w]) * HOUR, window.actualMillis()[0]);
    }
    assertArrayEquals(range(91, 100), windows.get(2).actuals(), 0);
  }

  @Test
  public void stepDefaultsToTheHorizon() {
    RollingWindows windows = RollingWindows.of(7, 64).withWindows(2);
    assertEquals(7, windows.step());
    List<BacktestWindow> split = windows.split(points(30), HOURLY);
    assertEquals(16, split.get(0).cutoffIndex() + 1);
    assertEquals(23, split.get(1).cutoffIndex() + 1);
  }

  @Test
  public void contextKeepsTheMostRecentPointsAndHistoryIsBounded() {
    BacktestWindow last = RollingWindows.of(10, 30).withHistoryLimit(50).split(points(100), HOURLY).get(0);
    assertArrayEquals(range(61, 90), last.context(), 0);
    assertArrayEquals(range(41, 90), last.history(), 0);
    BacktestWindow wholeHistory = RollingWindows.of(10, 30).split(points(100), HOURLY).get(0);
    assertArrayEquals(range(1, 90), wholeHistory.history(), 0);
  }

  @Test
  public void historyIsNeverShorterThanTheContext() {
    RollingWindows windows = RollingWindows.of(4, 40).withHistoryLimit(10);
    assertEquals(40, windows.historyLength());
    assertEquals(RollingWindows.DEFAULT_HISTORY_LIMIT, RollingWindows.of(4, 40).historyLength());
    assertEquals(11_520, RollingWindows.DEFAULT_HISTORY_LIMIT);
    assertArrayEquals(range(1, 40), windows.split(points(44), HOURLY).get(0).history(), 0);
  }

  @Test
  public void windowsTheSeriesIsTooShortForFailWithTheReason() {
    // 15 points, H 10, S 5: the windows need 21, 16 and 11 points.
    List<BacktestWindow> windows = RollingWindows.of(10, 512).withWindows(3).withStep(5).split(points(15), HOURLY);
    assertTrue(windows.get(0).failed());
    assertTrue(windows.get(1).failed());
    assertFalse(windows.get(2).failed());
    String reason = windows.get(0).failureReason();
    assertTrue(reason, reason.contains("15 point(s)") && reason.contains("window 1 of 3 needs at least 21"));
    assertTrue(windows.get(1).failureReason().contains("needs at least 16"));
    // The cutoff it would need lies before the series: its time is still given, for the failure row.
    assertEquals(-6, windows.get(0).cutoffIndex());
    assertEquals(START - 6 * HOUR, windows.get(0).cutoffMillis());
    assertArrayEquals(range(6, 15), windows.get(2).actuals(), 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> windows.get(0).context());
    assertTrue(e.getMessage(), e.getMessage().contains("series too short"));
    assertThrows(IllegalStateException.class, () -> windows.get(2).failureReason());
  }

  @Test
  public void aSeriesOfExactlyOnePointMoreThanTheHorizonHasOneWindow() {
    BacktestWindow window = RollingWindows.of(10, 512).split(points(11), HOURLY).get(0);
    assertFalse(window.failed());
    assertArrayEquals(new double[] {1}, window.context(), 0);
    assertTrue(RollingWindows.of(10, 512).split(points(10), HOURLY).get(0).failed());
  }

  @Test
  public void aMissingCutoffPointStaysAGapAtTheContextEnd() {
    double[] values = points(20);
    values[9] = Double.NaN;
    BacktestWindow window = RollingWindows.of(10, 512).split(values, HOURLY).get(0);
    assertFalse(window.failed());
    assertEquals(9, window.cutoffIndex());
    assertTrue(Double.isNaN(window.context()[9]));
    assertArrayEquals(range(11, 20), window.actuals(), 0);
  }

  @Test
  public void missingActualsAreKeptAsNaNAndAllMissingFails() {
    double[] values = points(20);
    values[12] = Double.NaN;
    assertTrue(Double.isNaN(RollingWindows.of(10, 512).split(values, HOURLY).get(0).actuals()[2]));
    for (int i = 10; i < 20; i++) {
      values[i] = Double.NaN;
    }
    BacktestWindow window = RollingWindows.of(10, 512).split(values, HOURLY).get(0);
    assertTrue(window.failed());
    assertTrue(window.failureReason(), window.failureReason().contains("all 10 actuals"));
  }

  @Test
  public void aContextWithoutObservedPointFails() {
    double[] values = points(20);
    for (int i = 5; i < 10; i++) {
      values[i] = Double.NaN;
    }
    BacktestWindow window = RollingWindows.of(10, 5).split(values, HOURLY).get(0);
    assertTrue(window.failed());
    assertTrue(window.failureReason(), window.failureReason().contains("no observed point in the 5 context step(s)"));
  }

  @Test
  public void rejectsNonPositiveOptions() {
    assertThrows(IllegalArgumentException.class, () -> RollingWindows.of(0, 10));
    assertThrows(IllegalArgumentException.class, () -> RollingWindows.of(1, 0));
    assertThrows(IllegalArgumentException.class, () -> RollingWindows.of(1, 10).withWindows(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RollingWindows.of(1, 10).withStep(-1));
    assertTrue(e.getMessage(), e.getMessage().contains("step must be at least 1, got -1"));
    assertThrows(IllegalArgumentException.class, () -> RollingWindows.of(1, 10).withHistoryLimit(0));
  }
}
