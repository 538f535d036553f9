package io.timerbeam.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.List;

/**
 * Contexts of several series laid out as left-padded patches: row {@code s} holds
 * {@code tokens * patchLength} values, of which the last {@code length(s)} are the series' own
 * points (NaN = missing) and the ones before are padding. Wraps little-endian doubles without
 * copying, so a caller can hand over an Arrow vector's memory as it is; the engine in turn wraps a
 * direct buffer as its first tensor without copying.
 */
public final class ContextBatch {
  /** The layout's bytes exactly, from position 0, little-endian. */
  private final ByteBuffer values;
  private final int size;
  private final int tokens;
  private final int patchLength;
  private final int[] lengths;

  private ContextBatch(ByteBuffer values, int size, int tokens, int patchLength, int[] lengths) {
    if (size <= 0 || tokens <= 0 || patchLength <= 0) {
      throw new IllegalArgumentException(
          "batch size, tokens and patch length must be positive: " + size + ", " + tokens + ", " + patchLength);
    }
    if (lengths.length != size) {
      throw new IllegalArgumentException("lengths has " + lengths.length + " entries for " + size + " series");
    }
    long needed = (long) size * tokens * patchLength;
    if (values.remaining() / Double.BYTES < needed) {
      throw new IllegalArgumentException("values hold " + values.remaining() / Double.BYTES + " doubles, layout needs " + needed);
    }
    for (int s = 0; s < size; s++) {
      if (lengths[s] <= 0 || lengths[s] > tokens * patchLength) {
        throw new IllegalArgumentException(
            "series " + s + " has length " + lengths[s] + ", outside 1.." + tokens * patchLength);
      }
    }
    this.values = values.slice(values.position(), Math.toIntExact(needed * Double.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
    this.size = size;
    this.tokens = tokens;
    this.patchLength = patchLength;
    this.lengths = lengths.clone();
  }

  /**
   * Wraps little-endian doubles already laid out as {@code [size][tokens][patchLength]} (row-major,
   * from the buffer's position), each row left-padded. A direct buffer reaches the engine uncopied.
   */
  public static ContextBatch wrap(ByteBuffer values, int size, int tokens, int patchLength, int[] lengths) {
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
    ByteBuffer bytes = ByteBuffer.allocateDirect(lengths.length * row * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    DoubleBuffer flat = bytes.asDoubleBuffer();
    for (int s = 0; s < lengths.length; s++) {
      for (int i = lengths[s]; i < row; i++) {
        flat.put(Double.NaN);
      }
      flat.put(contexts.get(s));
    }
    return new ContextBatch(bytes, lengths.length, tokens, patchLength, lengths);
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

  /** The series' most recent {@code count} points, oldest first: a read-only view, not a copy. */
  public DoubleBuffer points(int series, int count) {
    int rowEnd = (series + 1) * tokens * patchLength;
    return values.asDoubleBuffer().position(rowEnd - count).limit(rowEnd).slice().asReadOnlyBuffer();
  }

  /** The whole layout's bytes, from position 0: shared, not copied, so for reading only. */
  public ByteBuffer bytes() {
    return values.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }
}
