package io.timerbeam.transforms;

import io.timerbeam.model.ContextBatch;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Contexts as an Arrow record batch: one row per series, column {@code context} a fixed-size list
 * of tokens * patchLength doubles, left padded; padding and missing points hold NaN, which is how
 * the engine reads them, so the values carry no validity bitmap (the field is not nullable). Each context is multiplied by its power of
 * two ({@link AssembledContext#scaleExponent}), which its forecast is divided by again ({@link
 * AssembledContext#inDataUnits}). The values buffer is handed to the engine as is (Timer-S1 wraps it
 * as its first tensor), so building the batch is the only copy of a context between the
 * assembled series and the engine's input.
 */
final class ArrowContextBatch implements AutoCloseable {
  static final String CONTEXT_COLUMN = "context";

  private final VectorSchemaRoot root;
  private final ContextBatch engineView;
  private final long paddedTokens;

  private ArrowContextBatch(VectorSchemaRoot root, ContextBatch engineView, long paddedTokens) {
    this.root = root;
    this.engineView = engineView;
    this.paddedTokens = paddedTokens;
  }

  static ArrowContextBatch of(BufferAllocator allocator, List<AssembledContext> series, int patchLength) {
    int tokens = 1;
    int[] lengths = new int[series.size()];
    for (int s = 0; s < lengths.length; s++) {
      lengths[s] = series.get(s).values().length;
      tokens = Math.max(tokens, ContextBatch.tokensFor(lengths[s], patchLength));
    }
    int row = tokens * patchLength;
    Field element = new Field("value", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
    Field context = new Field(CONTEXT_COLUMN, FieldType.notNullable(new ArrowType.FixedSizeList(row)), List.of(element));
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(context)), allocator);
    try {
      FixedSizeListVector list = (FixedSizeListVector) root.getVector(CONTEXT_COLUMN);
      Float8Vector values = (Float8Vector) list.getDataVector();
      int n = series.size() * row;
      values.allocateNew(n);
      ArrowBuf data = values.getDataBuffer();
      long padded = 0;
      for (int s = 0; s < lengths.length; s++) {
        list.setNotNull(s);
        double[] points = series.get(s).values();
        int scale = series.get(s).scaleExponent();
        int first = s * row + row - points.length;
        for (int i = s * row; i < first; i++) {
          data.setDouble((long) i * Float8Vector.TYPE_WIDTH, Double.NaN);
        }
        for (int i = 0; i < points.length; i++) {
          data.setDouble((long) (first + i) * Float8Vector.TYPE_WIDTH, Math.scalb(points[i], scale));
        }
        padded += row - (long) ContextBatch.tokensFor(points.length, patchLength) * patchLength;
      }
      values.setValueCount(n);
      root.setRowCount(series.size());
      ContextBatch view = ContextBatch.wrap(
          data.nioBuffer(0, n * Float8Vector.TYPE_WIDTH).order(ByteOrder.LITTLE_ENDIAN), series.size(), tokens, patchLength, lengths);
      return new ArrowContextBatch(root, view, padded / patchLength);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** The engine's view of the Arrow values buffer (no copy); valid until {@link #close()}. */
  ContextBatch engineView() {
    return engineView;
  }

  /** The Arrow record batch. */
  VectorSchemaRoot recordBatch() {
    return root;
  }

  /** Token slots filled with padding because a longer series shares the batch. */
  long paddedTokens() {
    return paddedTokens;
  }

  /** Token slots in the batch: size * tokens. */
  long totalTokens() {
    return (long) engineView.size() * engineView.tokens();
  }

  @Override
  public void close() {
    root.close();
  }
}
