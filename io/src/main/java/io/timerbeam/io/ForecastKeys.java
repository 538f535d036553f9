package io.timerbeam.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The primary key every sink upserts forecast rows by ({@link Columns}: the rest, including the
 * quantile columns, are taken from the Row schema as they come).
 */
final class ForecastKeys {
  private ForecastKeys() {}

  /**
   * The series id columns: {@code declared} when given, else the columns stamped {@link
   * ColumnRole#ID} (as TimerForecast stamps its rows'), else, for rows of other origin, every column
   * before {@code forecast_timestamp} (the agreed layout puts ids first).
   */
  static List<String> idColumns(Schema schema, List<String> declared) {
    checkHas(schema, Columns.FORECAST_TIMESTAMP);
    checkHas(schema, Columns.CONTEXT_END_TIMESTAMP);
    checkHas(schema, Columns.MODEL_ID);
    for (String id : declared) {
      checkHas(schema, id);
    }
    List<String> ids = !declared.isEmpty() ? declared : ColumnRole.ID.columns(schema);
    if (ids.isEmpty()) {
      ids = new ArrayList<>(schema.getFieldNames().subList(0, schema.indexOf(Columns.FORECAST_TIMESTAMP)));
    }
    checkArgument(
        !ids.isEmpty(),
        "withIdColumns: no id columns; declare them, stamp them %s=id or put them before %s",
        ColumnRole.OPTION, Columns.FORECAST_TIMESTAMP);
    return ids;
  }

  /** Primary key: (id columns, context_end_timestamp, forecast_timestamp, model_id). */
  static List<String> keyColumns(List<String> ids) {
    List<String> key = new ArrayList<>(ids);
    key.addAll(Arrays.asList(Columns.CONTEXT_END_TIMESTAMP, Columns.FORECAST_TIMESTAMP, Columns.MODEL_ID));
    return key;
  }

  /** A declared primary key of rows of another shape: every column must be in the schema. */
  static List<String> declaredKey(Schema schema, List<String> keyColumns) {
    for (String column : keyColumns) {
      checkArgument(
          schema.hasField(column), "withKeyColumns: rows have no column '%s'; columns are %s", column, schema.getFieldNames());
    }
    return keyColumns;
  }

  private static void checkHas(Schema schema, String column) {
    checkArgument(
        schema.hasField(column), "forecast rows have no column '%s'; columns are %s", column, schema.getFieldNames());
  }
}
