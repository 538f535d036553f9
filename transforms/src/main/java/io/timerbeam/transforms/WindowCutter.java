package io.timerbeam.transforms;

import io.timerbeam.model.series.GridAssembler;
import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.transforms.evaluation.BacktestWindow;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.RollingWindows;
import io.timerbeam.transforms.evaluation.SeasonalNaive;
import io.timerbeam.transforms.evaluation.Seasonality;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Cuts one series into its backtest windows: each window that can be scored becomes a context
 * (up to its cutoff) carrying its actuals, its seasonal-naive forecast and its MASE scale; each
 * other window becomes a failure metric row per model, with the reason. The series' first context
 * is marked as the one that counts the series in the summary, so counting series needs no grouping
 * by series (the DirectRunner pays milliseconds per key and step).
 */
final class WindowCutter implements ContextCutter<SeriesPoints> {
  private static final long serialVersionUID = 1L;

  private final AssemblyRules assembler;
  private final RollingWindows windows;
  private final @Nullable Integer season;
  private final int minObservations;
  private final EvaluationRows rows;
  private final String modelId;
  private final TupleTag<Row> metrics;

  /** @param season the season length, or null for the one of each series' frequency */
  WindowCutter(AssemblyRules assembler, RollingWindows windows, @Nullable Integer season, int minObservations,
      EvaluationRows rows, String modelId, TupleTag<Row> metrics) {
    this.assembler = assembler;
    this.windows = windows;
    this.season = season;
    this.minObservations = minObservations;
    this.rows = rows;
    this.modelId = modelId;
    this.metrics = metrics;
  }

  /** Grid steps a series must keep so that its oldest window has its whole context and history. */
  static int retainedSteps(RollingWindows windows) {
    long steps = windows.historyLength() + windows.horizon() + (long) (windows.windows() - 1) * windows.step();
    if (steps > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("backtest keeps " + steps + " steps per series (" + windows + "): too many");
    }
    return (int) steps;
  }

  @Override
  public List<AssembledContext> of(Row id, SeriesPoints points, MultiOutputReceiver out) throws SeriesRejection {
    GridAssembler.GridSeries series = assembler.onGrid(points, retainedSteps(windows));
    int m = season != null ? season : Seasonality.of(series.grid().frequency());
    List<BacktestWindow> usable = new ArrayList<>(windows.windows());
    for (BacktestWindow window : windows.split(series.values(), series::timeOf)) {
      String problem = window.failed() ? window.failureReason() : tooFewObservations(window.context(), minObservations);
      if (problem != null) {
        for (String model : new String[] {modelId, EvaluationRows.SEASONAL_NAIVE}) {
          out.get(metrics).output(rows.failureRow(id, window.cutoffMillis(), model, windows.horizon(), problem));
        }
      } else {
        usable.add(window);
      }
    }
    List<AssembledContext> contexts = new ArrayList<>(usable.size());
    for (BacktestWindow window : usable) {
      // The latest window, with the longest context, counts the series in the summary once it is
      // scored: a series whose every window the engine refuses (shorter than Timer-XL's patch) is not counted.
      WindowTarget target = new WindowTarget(window.actuals(),
          SeasonalNaive.forecast(window.context(), m, windows.horizon()), SeasonalNaive.scale(window.history(), m),
          window == usable.get(usable.size() - 1));
      contexts.add(new AssembledContext(id, window.cutoffMillis(), window.actualMillis(), window.context(), target));
    }
    return contexts;
  }

  /** Why a window's context cannot be forecast for lack of observed points, or null. */
  static @Nullable String tooFewObservations(double[] context, int minObservations) {
    int observed = 0;
    for (double v : context) {
      if (!Double.isNaN(v)) {
        observed++;
      }
    }
    return observed >= minObservations ? null
        : FailureCodes.TOO_FEW_OBSERVATIONS + ": " + observed + " observed point(s) in the context up to the cutoff, "
            + "withMinObservations is " + minObservations;
  }
}
