package io.timerbeam.examples.job;

import io.timerbeam.io.ForecastColumns;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.model.ModelFamily;
import io.timerbeam.transforms.IntervalLevels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.transforms.RenameFields;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The one place that names Nixtla-style columns: the id is {@code unique_id}, the forecast
 * timestamp {@code ds}, the median the model's name ({@code TimerS1}, {@code TimerXL}) and each
 * band {@code TimerS1-lo-80} / {@code TimerS1-hi-80}. Other columns keep their names.
 */
public final class NixtlaColumns {
  public static final String UNIQUE_ID = "unique_id";
  public static final String DS = "ds";

  private NixtlaColumns() {}

  /** The forecast column's name for this checkpoint's family. */
  public static String modelName(Path checkpoint) {
    ModelDescriptor model;
    try {
      model = ModelConfigs.read(checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the config of " + checkpoint, e);
    }
    return model.family() == ModelFamily.TIMER_XL ? "TimerXL" : "TimerS1";
  }

  /** Transform column name to Nixtla name, for rows written with per-level interval columns. */
  public static Map<String, String> names(String idColumn, String modelName, List<Double> levels) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(idColumn, UNIQUE_ID);
    names.put(ForecastColumns.FORECAST_TIMESTAMP, DS);
    names.put(ForecastColumns.FORECAST_VALUE, modelName);
    for (double level : levels) {
      names.put(IntervalLevels.lowerBoundColumn(level), modelName + "-lo-" + IntervalLevels.percent(level));
      names.put(IntervalLevels.upperBoundColumn(level), modelName + "-hi-" + IntervalLevels.percent(level));
    }
    return names;
  }

  /** The upsert key of renamed rows: the transform's key under the new names. */
  public static String[] keyColumns() {
    return new String[] {UNIQUE_ID, ForecastColumns.CONTEXT_END_TIMESTAMP, DS, ForecastColumns.MODEL_ID};
  }

  static PCollection<Row> rename(PCollection<Row> forecasts, Map<String, String> names) {
    RenameFields.Inner<Row> rename = RenameFields.create();
    for (Map.Entry<String, String> e : names.entrySet()) {
      if (!e.getKey().equals(e.getValue())) { // unique_id stays unique_id
        rename = rename.rename(e.getKey(), e.getValue());
      }
    }
    return forecasts.apply("NixtlaColumnNames", rename);
  }
}
