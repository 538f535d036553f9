package io.timerbeam.transforms.sql;

import io.timerbeam.transforms.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Turns the transform's forecast rows into what a Beam SQL aggregate can return: one
 * {@code ARRAY<DOUBLE>} per step (Beam SQL infers an aggregate's type from Java types, so it
 * cannot return rows). Element positions, 1-based as SQL indexes them:
 * 1 forecast_timestamp (epoch millis), 2 horizon_step, 3 forecast_value,
 * 4 prediction_interval_lower_bound, 5 prediction_interval_upper_bound, 6 confidence_level,
 * 7 context_end_timestamp (epoch millis), 8... the quantile columns in ascending level.
 * A point forecaster (Timer-XL) has no quantile columns and null interval columns: its steps hold
 * 7 elements, 4 to 6 NaN, as TIMER_POINT writes a missing value.
 */
final class ForecastSteps {
  /** The fixed leading elements, named as the transform's output columns. */
  static final List<String> LEADING = List.of(Columns.FORECAST_TIMESTAMP, Columns.HORIZON_STEP, Columns.FORECAST_VALUE,
      Columns.LOWER_BOUND, Columns.UPPER_BOUND, Columns.CONFIDENCE_LEVEL, Columns.CONTEXT_END_TIMESTAMP);
  /** Not numeric, so not in a step; known to the caller from its ModelSpec. */
  private static final Set<String> LEFT_OUT = Set.of(Columns.MODEL_ID);

  private ForecastSteps() {}

  static List<List<Double>> of(List<Row> rows) {
    List<List<Double>> steps = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<Double> step = new ArrayList<>(row.getFieldCount());
      for (String column : LEADING) {
        step.add(number(row.getValue(column)));
      }
      Schema schema = row.getSchema();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        String column = schema.getField(i).getName();
        if (!LEADING.contains(column) && !LEFT_OUT.contains(column)) {
          step.add(number(row.getValue(i)));
        }
      }
      steps.add(step);
    }
    return steps;
  }

  private static Double number(Object value) {
    if (value == null) {
      return Double.NaN;
    }
    return value instanceof ReadableInstant
        ? (double) ((ReadableInstant) value).getMillis()
        : ((Number) value).doubleValue();
  }
}
