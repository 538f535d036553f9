package io.timerbeam.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The forecast-row columns the sinks rely on (the rest, including the quantile columns, are taken
 * from the Row schema as they come), and the primary key derivation shared by every sink.
 */
public final class ForecastColumns {
  public static final String FORECAST_TIMESTAMP = "forecast_timestamp";
  public static final String FORECAST_VALUE = "forecast_value";
  public static final String CONTEXT_END_TIMESTAMP = "context_end_timestamp";
  public static final String MODEL_ID = "model_id";

  private ForecastColumns() {}

  /**
   * The series id columns: {@code declared} when given, otherwise every column before {@code
   * forecast_timestamp} (the agreed layout puts ids first).
   */
  static List<String> idColumns(Schema schema, List<String> declared) {
    checkHas(schema, FORECAST_TIMESTAMP);
    checkHas(schema, CONTEXT_END_TIMESTAMP);
    checkHas(schema, MODEL_ID);
    List<String> ids = new ArrayList<>();
    if (declared.isEmpty()) {
      int end = schema.indexOf(FORECAST_TIMESTAMP);
      for (int i = 0; i < end; i++) {
        ids.add(schema.getField(i).getName());
      }
    } else {
      for (String id : declared) {
        checkHas(schema, id);
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "withIdColumns: no id columns; declare them or put them before " + FORECAST_TIMESTAMP);
    }
    return ids;
  }

  /** Primary key: (id columns, context_end_timestamp, forecast_timestamp, model_id). */
  static List<String> keyColumns(List<String> ids) {
    List<String> key = new ArrayList<>(ids);
    key.addAll(Arrays.asList(CONTEXT_END_TIMESTAMP, FORECAST_TIMESTAMP, MODEL_ID));
    return key;
  }

  /** A declared primary key of rows of another shape: every column must be in the schema. */
  static List<String> declaredKey(Schema schema, List<String> keyColumns) {
    for (String column : keyColumns) {
      if (!schema.hasField(column)) {
        throw new IllegalArgumentException(
            "withKeyColumns: rows have no column '" + column + "'; columns are " + schema.getFieldNames());
      }
    }
    return keyColumns;
  }

  private static void checkHas(Schema schema, String column) {
    if (!schema.hasField(column)) {
      throw new IllegalArgumentException(
          "forecast rows have no column '" + column + "'; columns are " + schema.getFieldNames());
    }
  }
}
