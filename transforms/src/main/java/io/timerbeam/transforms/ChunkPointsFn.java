package io.timerbeam.transforms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Gathers the points of each series met in a bundle into one chunk (combiner lifting by hand,
 * for runners that do not lift): the grouping then moves one element per series and bundle
 * instead of one per point. Chunks are emitted when the bundle ends, or earlier once the bundle
 * holds {@link #MAX_BUFFERED_POINTS} points, to bound memory. Input must be globally windowed.
 */
final class ChunkPointsFn extends DoFn<Row, KV<Row, PointChunk>> {
  private static final long serialVersionUID = 1L;
  /** 16 MB of times and values. */
  static final int MAX_BUFFERED_POINTS = 1 << 20;

  private final InputColumns columns;
  private transient Map<List<Object>, PointChunk> chunks;
  private transient int buffered;
  // Points of one series tend to arrive together: skip the map lookup for a repeat.
  private transient List<Object> lastIds;
  private transient PointChunk lastChunk;

  ChunkPointsFn(InputColumns columns) {
    this.columns = columns;
  }

  @StartBundle
  public void startBundle() {
    chunks = new HashMap<>();
    buffered = 0;
    lastIds = null;
    lastChunk = null;
  }

  @ProcessElement
  public void process(@Element Row point, OutputReceiver<KV<Row, PointChunk>> out) {
    List<Object> ids = columns.idValues(point);
    if (!ids.equals(lastIds)) {
      lastIds = ids;
      lastChunk = chunks.computeIfAbsent(ids, k -> new PointChunk());
    }
    lastChunk.add(columns.epochMillis(point), columns.value(point));
    if (++buffered >= MAX_BUFFERED_POINTS) {
      chunks.forEach((key, chunk) -> out.output(KV.of(columns.idRow(key), chunk)));
      startBundle();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    chunks.forEach((ids, chunk) -> context.output(
        KV.of(columns.idRow(ids), chunk), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
    chunks = null;
  }
}
