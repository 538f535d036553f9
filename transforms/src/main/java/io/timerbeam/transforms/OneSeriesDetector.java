package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.ModelDescriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Detects anomalies in one series at a time with {@link TimerAnomalies}' own steps, for callers
 * that see one series per call (the Beam SQL aggregate {@code TIMER_DETECT_ANOMALIES}): the same
 * target windows ({@link AnomalyCutter}), the same engine step ({@link ForecastFn}, the series'
 * windows in one engine call up to the batch size) and the same scoring ({@link AnomalyRows}).
 * Options other than the steps per window (model or seasonal naive, target, threshold, season,
 * context length, frequency...) come from a {@link TimerAnomalies}; its id, timestamp and value
 * columns are not used.
 */
public final class OneSeriesDetector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Row NO_ID = Row.withSchema(Schema.of()).build();
  /** The timestamp and value columns of the rows {@link #detect} returns. */
  public static final String TIMESTAMP = "ts";
  public static final String VALUE = "value";

  private final TimerAnomalies options;

  public OneSeriesDetector(TimerAnomalies options) {
    options.checkTarget(true);
    options.checkedModel();
    this.options = options;
  }

  /** The rows' {@code model_id}: the checkpoint's id, or {@code seasonal_naive}. */
  public String modelId() {
    return options.modelId();
  }

  /**
   * Scores one series' target from its points: epoch milliseconds, values (NaN = missing) and a
   * count of points that had no timestamp. Rows of {@link Columns#anomalySchema} without id
   * columns ({@link #TIMESTAMP}, {@link #VALUE}), oldest first; a target window that cannot be
   * forecast, engine failures included, is a failure row, as in the transform.
   */
  public OneSeriesOutcome detect(long[] times, double[] values, int nullTimestamps, int horizon) {
    TimerAnomalies detection = options.withHorizon(horizon);
    ModelDescriptor model = detection.checkedModel();
    AnomalyRows rows = detection.rows(Schema.of(), TIMESTAMP, VALUE);
    SeriesPoints points = SeriesPoints.of(detection.retainedSteps(), times, values, nullTimestamps);
    CollectedOutputs out = new CollectedOutputs();
    List<AssembledContext> windows;
    try {
      windows = detection.cutter(rows).of(NO_ID, points, out);
    } catch (SeriesRejection rejection) {
      return OneSeriesOutcome.rejected(rejection);
    }
    if (!windows.isEmpty()) {
      new ForecastFn(detection.forecast().model(), detection.outputs(rows, model))
          .forecastAll(windows, detection.forecast().batchSize(), out);
    }
    ConformalScoring conformal = detection.conformal(rows);
    List<KV<Row, Row>> forecasts = out.of(TimerAnomalies.WINDOW_FORECASTS);
    if (conformal != null && !forecasts.isEmpty()) {
      List<ConformalWindow> series = new ArrayList<>();
      for (KV<Row, Row> window : forecasts) {
        series.add(ConformalWindow.of(window.getValue()));
      }
      conformal.score(NO_ID, series, out);
    }
    List<Row> anomalies = new ArrayList<>(out.of(TimerAnomalies.ANOMALIES));
    // Seasonal-naive windows are scored while cut, the model's after: order by time.
    anomalies.sort(Comparator.comparingLong(row -> row.getDateTime(TIMESTAMP).getMillis()));
    return OneSeriesOutcome.of(anomalies, out.of(TimerForecast.FAILURES));
  }
}
