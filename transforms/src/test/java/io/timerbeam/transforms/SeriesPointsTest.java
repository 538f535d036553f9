package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.Test;

/** The bounded per-series accumulator: O(retain) memory, order-independent merges, counts kept. */
public class SeriesPointsTest {
  private static long[] times(SeriesPoints p) {
    long[] t = new long[p.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = p.time(i);
    }
    return t;
  }

  private static byte[] encoded(SeriesPoints p) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SeriesPointsCoder().encode(p, bytes);
    return bytes.toByteArray();
  }

  private static SeriesPoints roundTrip(SeriesPoints p) throws java.io.IOException {
    return new SeriesPointsCoder().decode(new ByteArrayInputStream(encoded(p)));
  }

  @Test
  public void aMillionPointsKeepOnlyTheMostRecentRetainedTimestamps() {
    SeriesPoints p = new SeriesPoints(100);
    for (long t = 0; t < 1_000_000; t++) {
      p.add(t, t);
      assertTrue("entries held never exceed 2 * retain + 1", p.size() <= 201);
    }
    p.compact();
    assertEquals(100, p.size());
    assertEquals(999_900L, p.time(0));
    assertEquals(999_999L, p.time(99));
    assertEquals(999_999.0, p.sum(99), 0);
    assertEquals(1_000_000L, p.totalPoints());
    assertTrue(p.truncated());
  }

  @Test
  public void mergesInAnyOrderToTheSameEntries() {
    Random random = new Random(7);
    long[] t = new long[5000];
    for (int i = 0; i < t.length; i++) {
      t[i] = random.nextInt(400);
    }
    SeriesPoints[] parts = new SeriesPoints[4];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = new SeriesPoints(50);
    }
    for (int i = 0; i < t.length; i++) {
      parts[i % 4].add(t[i], 1.0);
    }
    SeriesPoints forward = new SeriesPoints(50);
    SeriesPoints backward = new SeriesPoints(50);
    for (int k = 0; k < parts.length; k++) {
      forward.mergeFrom(parts[k]);
      backward.mergeFrom(parts[parts.length - 1 - k]);
    }
    forward.compact();
    backward.compact();
    assertArrayEquals(times(forward), times(backward));
    SeriesPoints whole = new SeriesPoints(50);
    for (long time : t) {
      whole.add(time, 1.0);
    }
    whole.compact();
    assertArrayEquals(times(whole), times(forward));
    for (int i = 0; i < whole.size(); i++) {
      assertEquals("points at " + whole.time(i), whole.points(i), forward.points(i));
      assertEquals(whole.sum(i), forward.sum(i), 0);
    }
  }

  @Test
  public void countsDuplicatesMissingValuesAndNullTimestamps() {
    SeriesPoints a = new SeriesPoints(10);
    a.add(5L, 1.0);
    a.add(null, 3.0);
    SeriesPoints b = new SeriesPoints(10);
    b.add(5L, Double.NaN);
    b.add(5L, 4.0);
    b.add(6L, Double.NaN);
    a.mergeFrom(b);
    a.compact();
    assertEquals(2, a.size());
    assertEquals(3, a.points(0));
    assertEquals(2, a.observed(0));
    assertEquals(5.0, a.sum(0), 0);
    assertEquals(4.0, a.last(0), 0);
    assertEquals(0, a.observed(1));
    assertTrue(Double.isNaN(a.last(1)));
    assertEquals(1, a.nullTimestamps());
    assertEquals(5, a.totalPoints());
  }

  @Test
  public void coderRoundTripsTheCompactedEntries() throws Exception {
    SeriesPoints p = new SeriesPoints(3);
    for (long t = 10; t > 0; t--) {
      p.add(t, t * 2.0);
    }
    p.add(null, 0);
    SeriesPoints decoded = roundTrip(p);
    assertArrayEquals(new long[] {8, 9, 10}, times(decoded));
    assertEquals(20.0, decoded.sum(2), 0);
    assertEquals(1, decoded.nullTimestamps());
    assertEquals(11, decoded.totalPoints());
    assertTrue(decoded.truncated());
    assertEquals(3, decoded.retain());
  }

  @Test
  public void inOrderPointsThenARepeatedAndAnEarlierTimeAreStillMergedAndSorted() {
    SeriesPoints p = new SeriesPoints(4);
    for (long t = 1; t <= 6; t++) {
      p.add(t, t);
    }
    SeriesPoints inOrder = new SeriesPoints(4);
    inOrder.mergeFrom(p);
    inOrder.compact();
    assertArrayEquals("in order: only the most recent 4 kept", new long[] {3, 4, 5, 6}, times(inOrder));
    assertTrue(inOrder.truncated());
    p.add(6L, 10.0); // a duplicate of the last time
    p.add(2L, 2.0); // older than the kept ones once compacted
    p.add(7L, 7.0);
    p.compact();
    assertArrayEquals(new long[] {4, 5, 6, 7}, times(p));
    assertEquals(2, p.points(2));
    assertEquals(16.0, p.sum(2), 0);
    assertEquals(10.0, p.last(2), 0);
    assertEquals(9, p.totalPoints());
  }

  @Test
  public void coderRoundTripsDuplicatesAndMissingValues() throws Exception {
    SeriesPoints p = new SeriesPoints(5);
    p.add(1L, 1.0);
    p.add(2L, Double.NaN);
    p.add(3L, 4.0);
    p.add(3L, 6.0);
    SeriesPoints decoded = roundTrip(p);
    assertArrayEquals(new long[] {1, 2, 3}, times(decoded));
    assertEquals(1, decoded.observed(0));
    assertEquals(0, decoded.observed(1));
    assertEquals(1, decoded.points(1));
    assertTrue(Double.isNaN(decoded.last(1)));
    assertEquals(2, decoded.points(2));
    assertEquals(10.0, decoded.sum(2), 0);
    assertEquals(6.0, decoded.last(2), 0);
    assertEquals(4, decoded.totalPoints());
  }

  @Test
  public void singlePointEntriesTakeSixteenBytesEach() throws Exception {
    SeriesPoints p = new SeriesPoints(1000);
    for (long t = 0; t < 1000; t++) {
      p.add(t, t);
    }
    assertEquals("header + 16 bytes per entry", 4 + 4 + 8 + 8 + 1 + 1 + 16 * 1000, encoded(p).length);
    SeriesPoints decoded = roundTrip(p);
    assertEquals(999.0, decoded.last(999), 0);
    assertEquals(1, decoded.points(999));
    assertEquals(1, decoded.observed(999));
  }
}
