package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.OneSeriesOutcome;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * Turns one series' backtest metric rows into what a Beam SQL aggregate can return: one
 * {@code ARRAY<VARCHAR>} per (window, model) (Beam SQL cannot return rows from an aggregate, and
 * text is the one element type that holds the model and the status next to the numbers and
 * keeps a SQL NULL for an undefined metric). Element positions, 1-based as SQL indexes them,
 * named as the metric columns of {@code TimerForecast.backtest()}: see {@link #COLUMNS}.
 * A series that cannot be used at all gives one element per model, with a NULL cutoff and
 * metrics and the reason in evaluate_status.
 */
final class EvaluationElements {
  /** Element i+1 holds column i; the cutoff as epoch milliseconds, numbers as Java writes a double. */
  static final List<String> COLUMNS = columns();

  private EvaluationElements() {}

  static List<List<String>> of(OneSeriesOutcome outcome, String modelId, int horizon) {
    List<List<String>> elements = new ArrayList<>();
    if (outcome.errorCode() != null) {
      String status = outcome.errorCode() + ": " + outcome.errorMessage();
      for (String model : List.of(modelId, EvaluationRows.SEASONAL_NAIVE)) {
        List<String> element = new ArrayList<>(Arrays.asList(new String[COLUMNS.size()]));
        element.set(1, model);
        element.set(2, Integer.toString(horizon));
        element.set(COLUMNS.size() - 1, status);
        elements.add(element);
      }
      return elements;
    }
    for (Row row : outcome.rows()) {
      List<String> element = new ArrayList<>(COLUMNS.size());
      element.add(Long.toString(row.getDateTime(EvaluationRows.CUTOFF).getMillis()));
      element.add(row.getString(EvaluationRows.MODEL));
      element.add(Integer.toString(row.getInt32(EvaluationRows.HORIZON)));
      for (Metric metric : Metric.values()) {
        Double value = row.getDouble(metric.columnName());
        element.add(value == null ? null : Double.toString(value));
      }
      element.add(row.getString(EvaluationRows.EVALUATE_STATUS));
      elements.add(element);
    }
    return elements;
  }

  private static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of(EvaluationRows.CUTOFF, EvaluationRows.MODEL, EvaluationRows.HORIZON));
    for (Metric metric : Metric.values()) {
      columns.add(metric.columnName());
    }
    columns.add(EvaluationRows.EVALUATE_STATUS);
    return List.copyOf(columns);
  }
}
