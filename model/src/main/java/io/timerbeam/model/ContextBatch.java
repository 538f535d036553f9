package io.timerbeam.model;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Contexts of several series laid out as left-padded patches: row {@code s} holds
 * {@code tokens * patchLength} values, of which the last {@code length(s)} are the series' own
 * points (NaN = missing) and the ones before are padding. Wraps a buffer without copying, so a
 * caller can hand over an Arrow vector's memory as it is.
 */
public final class ContextBatch {
  private final DoubleBuffer values;
  private final int size;
  private final int tokens;
  private final int patchLength;
  private final int[] lengths;

  private ContextBatch(DoubleBuffer values, int size, int tokens, int patchLength, int[] lengths) {
    if (size <= 0 || tokens <= 0 || patchLength <= 0) {
      throw new IllegalArgumentException(
          "batch size, tokens and patch length must be positive: " + size + ", " + tokens + ", " + patchLength);
    }
    if (lengths.length != size) {
      throw new IllegalArgumentException("lengths has " + lengths.length + " entries for " + size + " series");
    }
    long needed = (long) size * tokens * patchLength;
    if (values.remaining() < needed) {
      throw new IllegalArgumentException("values hold " + values.remaining() + " doubles, layout needs " + needed);
    }
    for (int s = 0; s < size; s++) {
      if (lengths[s] <= 0 || lengths[s] > tokens * patchLength) {
        throw new IllegalArgumentException(
            "series " + s + " has length " + lengths[s] + ", outside 1.." + tokens * patchLength);
      }
    }
    this.values = values.duplicate();
    this.size = size;
    this.tokens = tokens;
    this.patchLength = patchLength;
    this.lengths = lengths.clone();
  }

  /**
   * Wraps values already laid out as {@code [size][tokens][patchLength]} (row-major, from the
   * buffer's position), each row left-padded.
   */
  public static ContextBatch wrap(DoubleBuffer values, int size, int tokens, int patchLength, int[] lengths) {
    return new ContextBatch(values, size, tokens, patchLength, lengths);
  }

  /** Lays contexts out left-padded to the longest one's token count. */
  public static ContextBatch pack(List<double[]> contexts, int patchLength) {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("no series to forecast");
    }
    int tokens = 1;
    int[] lengths = new int[contexts.size()];
    for (int s = 0; s < lengths.length; s++) {
      double[] c = contexts.get(s);
      if (c == null || c.length == 0) {
        throw new IllegalArgumentException("series " + s + " is empty");
      }
      lengths[s] = c.length;
      tokens = Math.max(tokens, tokensFor(c.length, patchLength));
    }
    int row = tokens * patchLength;
    double[] flat = new double[lengths.length * row];
    Arrays.fill(flat, Double.NaN);
    for (int s = 0; s < lengths.length; s++) {
      System.arraycopy(contexts.get(s), 0, flat, s * row + row - lengths[s], lengths[s]);
    }
    return new ContextBatch(DoubleBuffer.wrap(flat), lengths.length, tokens, patchLength, lengths);
  }

  /** Tokens a series of {@code points} points occupies: ceil(points / patchLength). */
  public static int tokensFor(int points, int patchLength) {
    return (points + patchLength - 1) / patchLength;
  }

  public int size() {
    return size;
  }

  public int tokens() {
    return tokens;
  }

  public int patchLength() {
    return patchLength;
  }

  /** The series' own point count. */
  public int length(int series) {
    return lengths[series];
  }

  /** The series' own token count, ceil(length / patchLength). */
  public int tokensOf(int series) {
    return tokensFor(lengths[series], patchLength);
  }

  /** The series' own points, oldest first (a copy). */
  public double[] context(int series) {
    double[] out = new double[lengths[series]];
    int rowEnd = (series + 1) * tokens * patchLength;
    DoubleBuffer view = values.duplicate();
    view.position(values.position() + rowEnd - out.length);
    view.get(out);
    return out;
  }
}
