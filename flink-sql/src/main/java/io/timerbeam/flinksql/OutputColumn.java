package io.timerbeam.flinksql;

import io.timerbeam.model.output.ForecastColumns;
import io.timerbeam.model.output.QuantileLayout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * One column of the model's OUTPUT schema, recognised by its forecast-contract name
 * ({@link ForecastColumns}): what it holds on a forecast row (one per step) and on a failure row.
 * The timestamp columns exist only when the INPUT is timestamped points ({@code timed}).
 */
final class OutputColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind { FORECAST_TIMESTAMP, CONTEXT_END_TIMESTAMP, HORIZON_STEP, FORECAST_VALUE, QUANTILE, LOWER, UPPER, CONFIDENCE_LEVEL, MODEL_ID, ERROR_CODE, ERROR_MESSAGE }

  final String name;
  final Kind kind;
  /** QUANTILE: the layout's column; LOWER/UPPER/CONFIDENCE_LEVEL: the level's position. */
  final int index;

  private OutputColumn(String name, Kind kind, int index) {
    this.name = name;
    this.kind = kind;
    this.index = index;
  }

  /** The type root a column of this kind must be declared with. */
  LogicalTypeRoot typeRoot() {
    switch (kind) {
      case FORECAST_TIMESTAMP:
      case CONTEXT_END_TIMESTAMP:
        return LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE;
      case HORIZON_STEP:
        return LogicalTypeRoot.INTEGER;
      case MODEL_ID:
      case ERROR_CODE:
      case ERROR_MESSAGE:
        return LogicalTypeRoot.VARCHAR;
      default:
        return LogicalTypeRoot.DOUBLE;
    }
  }

  /** The column named {@code name} under this layout, or null if the contract has none such for this model and options. */
  static OutputColumn of(String name, QuantileLayout layout, boolean levelColumns, boolean timed) {
    if (timed && name.equals(ForecastColumns.FORECAST_TIMESTAMP)) {
      return new OutputColumn(name, Kind.FORECAST_TIMESTAMP, -1);
    }
    if (timed && name.equals(ForecastColumns.CONTEXT_END_TIMESTAMP)) {
      return new OutputColumn(name, Kind.CONTEXT_END_TIMESTAMP, -1);
    }
    switch (name) {
      case ForecastColumns.HORIZON_STEP:
        return new OutputColumn(name, Kind.HORIZON_STEP, -1);
      case ForecastColumns.FORECAST_VALUE:
        return new OutputColumn(name, Kind.FORECAST_VALUE, -1);
      case ForecastColumns.MODEL_ID:
        return new OutputColumn(name, Kind.MODEL_ID, -1);
      case ForecastColumns.ERROR_CODE:
        return new OutputColumn(name, Kind.ERROR_CODE, -1);
      case ForecastColumns.ERROR_MESSAGE:
        return new OutputColumn(name, Kind.ERROR_MESSAGE, -1);
      default:
        break;
    }
    for (int i = 0; i < layout.size(); i++) {
      if (layout.columnName(i).equals(name)) {
        return new OutputColumn(name, Kind.QUANTILE, i);
      }
    }
    double[] levels = layout.confidenceLevels();
    if (!levelColumns) {
      switch (name) {
        case ForecastColumns.LOWER_BOUND:
          return new OutputColumn(name, Kind.LOWER, 0);
        case ForecastColumns.UPPER_BOUND:
          return new OutputColumn(name, Kind.UPPER, 0);
        case ForecastColumns.CONFIDENCE_LEVEL:
          return new OutputColumn(name, Kind.CONFIDENCE_LEVEL, 0);
        default:
          return null;
      }
    }
    for (int k = 0; k < levels.length; k++) {
      if (ForecastColumns.lowerBoundColumn(levels[k]).equals(name)) {
        return new OutputColumn(name, Kind.LOWER, k);
      }
      if (ForecastColumns.upperBoundColumn(levels[k]).equals(name)) {
        return new OutputColumn(name, Kind.UPPER, k);
      }
    }
    return null;
  }

  /** Every column name this layout offers, in the Beam transform's order: for error messages and docs. */
  static List<String> available(QuantileLayout layout, boolean levelColumns, boolean timed) {
    List<String> names = new ArrayList<>();
    if (timed) {
      names.add(ForecastColumns.FORECAST_TIMESTAMP);
    }
    names.addAll(List.of(ForecastColumns.HORIZON_STEP, ForecastColumns.FORECAST_VALUE));
    for (int i = 0; i < layout.size(); i++) {
      names.add(layout.columnName(i));
    }
    if (levelColumns) {
      for (double level : layout.confidenceLevels()) {
        names.add(ForecastColumns.lowerBoundColumn(level));
        names.add(ForecastColumns.upperBoundColumn(level));
      }
    } else {
      names.addAll(List.of(ForecastColumns.LOWER_BOUND, ForecastColumns.UPPER_BOUND, ForecastColumns.CONFIDENCE_LEVEL));
    }
    if (timed) {
      names.add(ForecastColumns.CONTEXT_END_TIMESTAMP);
    }
    names.addAll(List.of(ForecastColumns.MODEL_ID, ForecastColumns.ERROR_CODE, ForecastColumns.ERROR_MESSAGE));
    return names;
  }
}
