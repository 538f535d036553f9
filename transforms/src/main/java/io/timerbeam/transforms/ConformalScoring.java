package io.timerbeam.transforms;

import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.transforms.evaluation.ConformalBands;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Scores one series' target windows against split-conformal bands ({@link ConformalBands}) from
 * the absolute errors of the same forecaster on its calibration windows, which end before the
 * target starts (README "Anomalies"). Every step of every calibration window with an observed
 * actual is one error, pooled over the steps. A series without all its calibration windows
 * forecast, or with fewer than {@link ConformalBands#MIN_ERRORS} errors, has its target windows
 * failed ({@link FailureCodes#CALIBRATION_FAILED}) with the reason; never scored otherwise.
 */
final class ConformalScoring implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int calibrationWindows;
  private final AnomalyRows rows;
  private final TupleTag<Row> anomalies;
  private final TupleTag<Row> failures;

  ConformalScoring(int calibrationWindows, AnomalyRows rows, TupleTag<Row> anomalies, TupleTag<Row> failures) {
    this.calibrationWindows = calibrationWindows;
    this.rows = rows;
    this.anomalies = anomalies;
    this.failures = failures;
  }

  int calibrationWindows() {
    return calibrationWindows;
  }

  /** Scores (or fails) the target windows among {@code windows}, all of series {@code id}. */
  void score(Row id, Iterable<ConformalWindow> windows, MultiOutputReceiver out) {
    List<ConformalWindow> targets = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    int calibrated = 0;
    String problem = null;
    for (ConformalWindow window : windows) {
      if (!window.calibration) {
        targets.add(window);
      } else if (window.failure != null) {
        problem = problem != null ? problem : window.failure;
      } else {
        calibrated++;
        for (int h = 0; h < window.actuals.length; h++) {
          if (!Double.isNaN(window.actuals[h])) {
            errors.add(Math.abs(window.actuals[h] - window.point[h]));
          }
        }
      }
    }
    if (problem == null && calibrated != calibrationWindows) {
      problem = calibrated + " of the " + calibrationWindows + " calibration windows were forecast";
    }
    if (problem == null && errors.size() < ConformalBands.MIN_ERRORS) {
      problem = "the calibration windows hold " + errors.size() + " observed actual(s), at least "
          + ConformalBands.MIN_ERRORS + " are needed";
    }
    if (problem != null) {
      for (ConformalWindow target : targets) {
        fail(id, target.times, target.scored, problem, out);
      }
      return;
    }
    ConformalBands bands = ConformalBands.of(errors.stream().mapToDouble(Double::doubleValue).toArray());
    for (ConformalWindow target : targets) {
      for (int h = 0; h < target.scored.length; h++) {
        if (target.scored[h]) {
          out.get(anomalies).output(rows.scored(id, target.times[h], target.actuals[h], bands.levels(),
              bands.quantiles(target.point[h])));
        }
      }
    }
  }

  /** The failure row of one target window whose series could not be calibrated. */
  void fail(Row id, long[] times, boolean[] scored, String reason, MultiOutputReceiver out) {
    out.get(failures).output(rows.windowFailure(id, times, scored, FailureCodes.CALIBRATION_FAILED,
        "conformal calibration (" + calibrationWindows + " window(s) before the target): " + reason));
  }
}
