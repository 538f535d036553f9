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
 * failure row for its target points. With conformal bands ({@link ConformalScoring}) the series'
 * calibration windows, just before the target's first window, are cut too and forecast the same
 * way; if one of them cannot be, every target window fails with that reason.
 */
final class AnomalyCutter implements ContextCutter<SeriesPoints> {
  private static final long serialVersionUID = 1L;
  /** The seasonal-naive detector's quantile levels. */
  static final double[] NAIVE_LEVELS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995};

  private final AssemblyRules assembler;
  private final Target target;
  private final @Nullable Integer horizon;
  private final int contextLength;
  private final int minObservations;
  private final @Nullable Integer season;
  private final boolean seasonalNaive;
  private final AnomalyRows rows;
  private final @Nullable ConformalScoring conformal;
  private final TupleTag<Row> anomalies;
  private final TupleTag<Row> failures;

  /**
   * @param horizon steps per window; null only for the seasonal-naive detector: each series' season
   * @param season the seasonal-naive season, or null for the one of each series' frequency
   * @param conformal with conformal bands: their calibration windows, cut before the target, and
   *     their scoring; null for the forecaster's own quantiles
   */
  AnomalyCutter(AssemblyRules assembler, Target target, @Nullable Integer horizon, int contextLength, int minObservations,
      @Nullable Integer season, boolean seasonalNaive, AnomalyRows rows, @Nullable ConformalScoring conformal,
      TupleTag<Row> anomalies, TupleTag<Row> failures) {
    this.assembler = assembler;
    this.target = target;
    this.horizon = horizon;
    this.contextLength = contextLength;
    this.minObservations = minObservations;
    this.season = season;
    this.seasonalNaive = seasonalNaive;
    this.rows = rows;
    this.conformal = conformal;
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
    /** The two-input form: the target's rows need history rows before them. */
    final boolean requiresHistory;

    private Target(@Nullable Integer last, @Nullable Long sinceMillis, boolean requiresHistory) {
      this.last = last;
      this.sinceMillis = sinceMillis;
      this.requiresHistory = requiresHistory;
    }

    static Target last(int points) {
      return new Target(points, null, false);
    }

    static Target since(long millis) {
      return new Target(null, millis, false);
    }

    /** A series' target given as rows of its own, the first at {@code millis}, after its history rows. */
    static Target afterHistory(long millis) {
      return new Target(null, millis, true);
    }

    int maxSteps() {
      return last != null ? last : MAX_SINCE_STEPS;
    }

    @Override
    public String toString() {
      return last != null ? "last " + last + " point(s)" : "points since " + Instant.ofEpochMilli(sinceMillis);
    }
  }

  /**
   * Grid steps a series keeps: the history of the oldest target window, the target, one window of
   * slack and the conformal calibration windows.
   */
  static int retainedSteps(int contextLength, int horizon, Target target, int calibrationWindows) {
    return Math.max(RollingWindows.DEFAULT_HISTORY_LIMIT, contextLength) + target.maxSteps() + horizon * (1 + calibrationWindows);
  }

  /** Steps the oldest window may start before the target: its length, when known before the series' frequency is. */
  static int slack(@Nullable Integer horizon, @Nullable Integer season) {
    return horizon != null ? horizon : season != null ? season : 0;
  }

  @Override
  public List<AssembledContext> of(Row id, SeriesPoints points, MultiOutputReceiver out) throws SeriesRejection {
    return of(id, points, target, out);
  }

  /**
   * The series' windows for its own {@code target} (the two-input form: from its first target
   * row on); a target with no point before it is a rejection when it requires history.
   */
  List<AssembledContext> of(Row id, SeriesPoints points, Target target, MultiOutputReceiver out) throws SeriesRejection {
    GridAssembler.GridSeries series;
    try {
      series = assembler.onGrid(points, retainedSteps(contextLength, slack(horizon, season), target,
          conformal == null ? 0 : conformal.calibrationWindows()));
      if (target.sinceMillis != null && points.compact().truncated() && series.timeOf(0) > target.sinceMillis) {
        throw new SeriesRejection(FailureCodes.TARGET_TOO_LONG, "the target (" + target + ") reaches back beyond the "
            + "most recent steps a series keeps (context, history and " + Target.MAX_SINCE_STEPS + " target steps); "
            + "use withTargetLast");
      }
    } catch (SeriesRejection rejection) {
      long inTarget = targetPoints(points.compact(), target);
      AnomalyRows.targetPointsIn.inc(inTarget);
      AnomalyRows.targetPointsFailed.inc(inTarget);
      throw rejection;
    }
    int m = season != null ? season : Seasonality.of(series.grid().frequency());
    int steps = horizon != null ? horizon : m;
    double[] values = series.values();
    int n = values.length;
    int first = firstTargetStep(series, target);
    long inTarget = 0;
    for (int i = first; i < n; i++) {
      inTarget += series.hasPoint(i) ? 1 : 0;
    }
    AnomalyRows.targetPointsIn.inc(inTarget);
    List<AssembledContext> contexts = new ArrayList<>();
    if (inTarget == 0) {
      return contexts;
    }
    if (target.requiresHistory && first == 0) {
      AnomalyRows.targetPointsFailed.inc(inTarget);
      throw new SeriesRejection(FailureCodes.NO_HISTORY, "no history row before the target's first row ("
          + Instant.ofEpochMilli(target.sinceMillis) + "): " + inTarget + " target point(s) not scored");
    }
    int windows = (n - first + steps - 1) / steps;
    int calibration = conformal == null ? 0 : conformal.calibrationWindows();
    int total = windows + calibration;
    String calibrationProblem = null;
    List<ConformalWindow> naiveWindows = new ArrayList<>();
    for (BacktestWindow window : RollingWindows.of(steps, contextLength).withWindows(total).split(values, series::timeOf)) {
      int start = n - (total - window.number()) * steps;
      boolean calibrating = window.number() < calibration;
      boolean[] scored = new boolean[steps];
      long[] times = new long[steps];
      boolean any = false;
      for (int h = 0; h < steps; h++) {
        scored[h] = !calibrating && start + h >= first && series.hasPoint(start + h);
        times[h] = series.timeOf(start + h);
        any |= scored[h];
      }
      if (!calibrating && !any) {
        continue;
      }
      String problem = window.failed() ? window.failureReason() : WindowCutter.tooFewObservations(window.context(), minObservations);
      if (calibrating) {
        if (problem != null && calibrationProblem == null) {
          calibrationProblem = "window " + (window.number() + 1) + " of " + calibration + " (" + steps + " steps after "
              + Instant.ofEpochMilli(window.cutoffMillis()) + "): " + problem;
        } else if (problem == null && seasonalNaive) {
          naiveWindows.add(ConformalWindow.calibration(times, window.actuals(), SeasonalNaive.forecast(window.context(), m, steps)));
        } else if (problem == null) {
          contexts.add(new AssembledContext(id, window.cutoffMillis(), window.actualMillis(), window.context(),
              WindowTarget.calibrationSteps(window.actuals())));
        }
        continue;
      }
      if (calibrationProblem != null) {
        conformal.fail(id, times, scored, calibrationProblem, out);
        continue;
      }
      double[][] quantiles = null;
      if (problem == null && seasonalNaive && conformal == null) {
        try {
          quantiles = SeasonalNaive.quantiles(window.context(), window.history(), m, steps, NAIVE_LEVELS);
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        out.get(failures).output(rows.windowFailure(id, times, scored, FailureCodes.TARGET_WINDOW_FAILED, problem));
        continue;
      }
      AnomalyRows.targetWindows.inc();
      if (seasonalNaive && conformal != null) {
        naiveWindows.add(ConformalWindow.target(times, window.actuals(), scored, SeasonalNaive.forecast(window.context(), m, steps)));
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
        contexts.add(new AssembledContext(id, window.cutoffMillis(), window.actualMillis(), window.context(),
            WindowTarget.anomalySteps(window.actuals(), scored)));
      }
    }
    if (calibrationProblem != null) {
      return List.of(); // the calibration windows cut before the problem was found are not needed
    }
    AnomalyRows.calibrationWindows.inc(calibration);
    if (conformal != null && seasonalNaive) {
      conformal.score(id, naiveWindows, out);
    }
    return contexts;
  }

  /** Position of the series' first target step; {@code values().length} when it has none. */
  private static int firstTargetStep(GridAssembler.GridSeries series, Target target) {
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
  private static long targetPoints(SeriesPoints points, Target target) {
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
