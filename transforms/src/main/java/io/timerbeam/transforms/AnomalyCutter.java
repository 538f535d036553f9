package io.timerbeam.transforms;

import io.timerbeam.model.series.GridAssembler;
import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.transforms.evaluation.BacktestWindow;
import io.timerbeam.transforms.evaluation.RollingWindows;
import io.timerbeam.transforms.evaluation.SeasonalNaive;
import io.timerbeam.transforms.evaluation.Seasonality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Cuts one series' target (its last N points, or its points since a time) into rolling windows of
 * {@code horizon} steps ({@link RollingWindows}, step = horizon, the last window ending at the
 * series' last step): each window is forecast from the points before it only, so no target value
 * is scored by a forecast that saw it. With a model each window becomes a context for the engine
 * ({@link AnomalyOutputs} scores it); with the seasonal-naive detector the window is scored here,
 * from its quantiles ({@link SeasonalNaive#quantiles}). A window that cannot be forecast is one
 * failure row for its target points.
 */
final class AnomalyCutter implements SeriesContexts {
  private static final long serialVersionUID = 1L;
  /** The seasonal-naive detector's quantile levels. */
  static final double[] NAIVE_LEVELS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995};

  private final SeriesAssembler assembler;
  private final Target target;
  private final @Nullable Integer horizon;
  private final int contextLength;
  private final int minObservations;
  private final @Nullable Integer season;
  private final boolean seasonalNaive;
  private final AnomalyRows rows;
  private final TupleTag<Row> anomalies;
  private final TupleTag<Row> failures;

  /**
   * @param horizon steps per window; null only for the seasonal-naive detector: each series' season
   * @param season the seasonal-naive season, or null for the one of each series' frequency
   */
  AnomalyCutter(SeriesAssembler assembler, Target target, @Nullable Integer horizon, int contextLength, int minObservations,
      @Nullable Integer season, boolean seasonalNaive, AnomalyRows rows, TupleTag<Row> anomalies, TupleTag<Row> failures) {
    this.assembler = assembler;
    this.target = target;
    this.horizon = horizon;
    this.contextLength = contextLength;
    this.minObservations = minObservations;
    this.season = season;
    this.seasonalNaive = seasonalNaive;
    this.rows = rows;
    this.anomalies = anomalies;
    this.failures = failures;
  }

  /** Which points of a series are its target: its last {@code last} points, or those at or after {@code sinceMillis}. */
  static final class Target implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Steps withTargetSince may reach back, beyond the context and history a series keeps. */
    static final int MAX_SINCE_STEPS = 11_520;
    final @Nullable Integer last;
    final @Nullable Long sinceMillis;

    private Target(@Nullable Integer last, @Nullable Long sinceMillis) {
      this.last = last;
      this.sinceMillis = sinceMillis;
    }

    static Target last(int points) {
      return new Target(points, null);
    }

    static Target since(long millis) {
      return new Target(null, millis);
    }

    int maxSteps() {
      return last != null ? last : MAX_SINCE_STEPS;
    }

    @Override
    public String toString() {
      return last != null ? "last " + last + " point(s)" : "points since " + Instant.ofEpochMilli(sinceMillis);
    }
  }

  /** Grid steps a series keeps: the history of the oldest target window, the target, one window of slack. */
  static int retainedSteps(int contextLength, int horizon, Target target) {
    return Math.max(RollingWindows.DEFAULT_HISTORY_LIMIT, contextLength) + target.maxSteps() + horizon;
  }

  /** Steps the oldest window may start before the target: its length, when known before the series' frequency is. */
  static int slack(@Nullable Integer horizon, @Nullable Integer season) {
    return horizon != null ? horizon : season != null ? season : 0;
  }

  @Override
  public List<SeriesContext> of(Row id, SeriesPoints points, MultiOutputReceiver out) throws SeriesRejection {
    GridAssembler.GridSeries series;
    try {
      series = assembler.onGrid(points, retainedSteps(contextLength, slack(horizon, season), target));
      if (target.sinceMillis != null && points.compact().truncated() && series.timeOf(0) > target.sinceMillis) {
        throw new SeriesRejection(FailureCodes.TARGET_TOO_LONG, "the target (" + target + ") reaches back beyond the "
            + "most recent steps a series keeps (context, history and " + Target.MAX_SINCE_STEPS + " target steps); "
            + "use withTargetLast");
      }
    } catch (SeriesRejection rejection) {
      long inTarget = targetPoints(points.compact());
      AnomalyRows.targetPointsIn.inc(inTarget);
      AnomalyRows.targetPointsFailed.inc(inTarget);
      throw rejection;
    }
    int m = season != null ? season : Seasonality.of(series.grid().frequency());
    int steps = horizon != null ? horizon : m;
    double[] values = series.values();
    int n = values.length;
    int first = firstTargetStep(series);
    long inTarget = 0;
    for (int i = first; i < n; i++) {
      inTarget += series.hasPoint(i) ? 1 : 0;
    }
    AnomalyRows.targetPointsIn.inc(inTarget);
    List<SeriesContext> contexts = new ArrayList<>();
    if (inTarget == 0) {
      return contexts;
    }
    int windows = (n - first + steps - 1) / steps;
    for (BacktestWindow window : RollingWindows.of(steps, contextLength).withWindows(windows).split(values, series::timeOf)) {
      int start = n - (windows - window.number()) * steps;
      boolean[] scored = new boolean[steps];
      long[] times = new long[steps];
      boolean any = false;
      for (int h = 0; h < steps; h++) {
        scored[h] = start + h >= first && series.hasPoint(start + h);
        times[h] = series.timeOf(start + h);
        any |= scored[h];
      }
      if (!any) {
        continue;
      }
      String problem = window.failed() ? window.failureReason() : WindowCutter.tooFewObservations(window.context(), minObservations);
      double[][] quantiles = null;
      if (problem == null && seasonalNaive) {
        try {
          quantiles = SeasonalNaive.quantiles(window.context(), window.history(), m, steps, NAIVE_LEVELS);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        out.get(failures).output(rows.windowFailure(id, times, scored, FailureCodes.TARGET_WINDOW_FAILED, problem));
      } else if (seasonalNaive) {
        for (int h = 0; h < steps; h++) {
          if (scored[h]) {
            double[] step = new double[NAIVE_LEVELS.length];
            for (int q = 0; q < step.length; q++) {
              step[q] = quantiles[q][h];
            }
            out.get(anomalies).output(rows.scored(id, times[h], window.actuals()[h], NAIVE_LEVELS, step));
          }
        }
      } else {
        contexts.add(new SeriesContext(id, window.cutoffMillis(), window.actualMillis(), window.context(),
            WindowTarget.anomalySteps(window.actuals(), scored)));
      }
    }
    return contexts;
  }

  /** Position of the series' first target step; {@code values().length} when it has none. */
  private int firstTargetStep(GridAssembler.GridSeries series) {
    int n = series.values().length;
    if (target.last != null) {
      int found = 0;
      for (int i = n - 1; i >= 0; i--) {
        if (series.hasPoint(i) && ++found == target.last) {
          return i;
        }
      }
      return 0;
    }
    int i = n;
    while (i > 0 && series.timeOf(i - 1) >= target.sinceMillis) {
      i--;
    }
    return i;
  }

  /** Target points of a series that could not be laid on its grid: its distinct timestamps in the target. */
  private long targetPoints(SeriesPoints points) {
    if (target.last != null) {
      return Math.min(target.last, points.size());
    }
    long count = 0;
    for (int i = 0; i < points.size(); i++) {
      count += points.time(i) >= target.sinceMillis ? 1 : 0;
    }
    return count;
  }
}
