package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.OneSeriesDetector;
import io.timerbeam.transforms.OneSeriesOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Turns one series' anomaly rows and failures into what a Beam SQL aggregate can return: one
 * {@code ARRAY<VARCHAR>} per scored target point, as {@link EvaluationElements} does for metric
 * rows. Element positions, 1-based as SQL indexes them, named as the columns of
 * {@code TimerForecast.anomalies()}: see {@link #COLUMNS}. A failure (the series as a whole, or a
 * target window that could not be forecast) is one element with a NULL timestamp and scores, the
 * model and {@code "<error_code>: <message>"} in detect_status; a scored point's status is empty.
 */
final class AnomalyElements {
  static final String DETECT_STATUS = "detect_status";
  /** Element i+1 holds column i; the timestamp as epoch milliseconds, numbers as Java writes a double. */
  static final List<String> COLUMNS = List.of(OneSeriesDetector.TIMESTAMP, OneSeriesDetector.VALUE, Columns.IS_ANOMALY,
      Columns.ANOMALY_LOWER_BOUND, Columns.ANOMALY_UPPER_BOUND, Columns.ANOMALY_PROBABILITY,
      Columns.BOUNDS_EXTRAPOLATED, Columns.MODEL_ID, DETECT_STATUS);

  private AnomalyElements() {}

  static List<List<String>> of(OneSeriesOutcome outcome, String modelId) {
    List<List<String>> elements = new ArrayList<>();
    if (outcome.errorCode() != null) {
      elements.add(failure(modelId, outcome.errorCode(), outcome.errorMessage()));
      return elements;
    }
    for (Row row : outcome.rows()) {
      List<String> element = new ArrayList<>(COLUMNS.size());
      element.add(Long.toString(row.getDateTime(OneSeriesDetector.TIMESTAMP).getMillis()));
      for (String column : COLUMNS.subList(1, COLUMNS.size() - 1)) {
        Object value = row.getValue(column);
        element.add(value == null ? null : value.toString());
      }
      element.add("");
      elements.add(element);
    }
    for (Row failure : outcome.failures()) {
      elements.add(failure(modelId, failure.getString(Columns.ERROR_CODE), failure.getString(Columns.ERROR_MESSAGE)));
    }
    return elements;
  }

  private static List<String> failure(String modelId, String code, String message) {
    List<String> element = new ArrayList<>(Arrays.asList(new String[COLUMNS.size()]));
    element.set(COLUMNS.indexOf(Columns.MODEL_ID), modelId);
    element.set(COLUMNS.size() - 1, code + ": " + message);
    return element;
  }
}
