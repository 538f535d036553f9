package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Gathers the points of each series within a bundle into a partial {@link SeriesPoints} before the
 * shuffle: the partial group-and-combine that Dataflow and Beam's portable runners do in a table
 * when they lift a combine. Flink's batch translation lifts with a sort instead, which serializes,
 * sorts and reads back every point; here a point costs a table lookup and the sort sees one
 * partial per series and bundle. The table is flushed at the end of each bundle, whenever
 * {@value #MAX_POINTS_HELD} points (by default) were added since the last flush and whenever it holds
 * {@value #MAX_SERIES_HELD} series (input ordered by time brings a new series with every point),
 * so its memory is bounded whatever the data size. {@link GatherPointsFn} merges the partials. The input is globally
 * windowed ({@link TimerForecast} checks it).
 */
final class GatherInBundleFn extends DoFn<Row, KV<Row, SeriesPoints>> {
  private static final long serialVersionUID = 1L;
  /** About 8 MB of partials at most (32 bytes a retained point). */
  static final int MAX_POINTS_HELD = 1 << 18;
  /** About 6 MB of partials that hold one point each (~700 bytes: five arrays of 16). */
  static final int MAX_SERIES_HELD = 1 << 13;

  private final InputColumns columns;
  private final int retain;
  private final int maxPointsHeld;

  private transient Map<Row, SeriesPoints> table;
  private transient int pointsHeld;
  /** The series of the previous point: sorted input then needs no lookup or id row per point. */
  private transient Row lastId;
  private transient SeriesPoints lastPoints;

  GatherInBundleFn(InputColumns columns, int retain) {
    this(columns, retain, MAX_POINTS_HELD);
  }

  /** With another flush bound (tests make it small to flush often). */
  GatherInBundleFn(InputColumns columns, int retain, int maxPointsHeld) {
    this.columns = columns;
    this.retain = retain;
    this.maxPointsHeld = maxPointsHeld;
  }

  @StartBundle
  public void startBundle() {
    table = new HashMap<>();
    pointsHeld = 0;
    lastId = null;
    lastPoints = null;
  }

  @ProcessElement
  public void process(@Element Row point, OutputReceiver<KV<Row, SeriesPoints>> out) {
    if (lastId == null || !columns.hasId(point, lastId)) {
      lastId = columns.id(point);
      lastPoints = table.computeIfAbsent(lastId, id -> new SeriesPoints(retain));
    }
    lastPoints.add(columns.epochMillis(point), columns.value(point));
    if (++pointsHeld >= maxPointsHeld || table.size() >= MAX_SERIES_HELD) {
      table.forEach((id, points) -> out.output(KV.of(id, points)));
      startBundle();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    table.forEach((id, points) -> context.output(KV.of(id, points), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
    table = null;
    lastId = null;
    lastPoints = null;
  }
}
