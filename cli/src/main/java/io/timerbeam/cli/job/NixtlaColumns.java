package io.timerbeam.cli.job;

import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.model.ModelFamily;
import io.timerbeam.transforms.Columns;
import io.timerbeam.model.output.IntervalLevels;
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
 * The one place that names Nixtla-style forecast columns: the id is {@code unique_id}, the forecast
 * timestamp {@code ds} (the contract's default observation names, {@link Columns}), the median the model's name ({@code TimerS1}, {@code TimerXL}) and each
 * band {@code TimerS1-lo-80} / {@code TimerS1-hi-80}. Other columns keep their names.
 */
public final class NixtlaColumns {
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
    names.put(idColumn, Columns.UNIQUE_ID);
    names.put(Columns.FORECAST_TIMESTAMP, Columns.DS);
    names.put(Columns.FORECAST_VALUE, modelName);
    for (double level : levels) {
      names.put(Columns.lowerBoundColumn(level), modelName + "-lo-" + IntervalLevels.percent(level));
      names.put(Columns.upperBoundColumn(level), modelName + "-hi-" + IntervalLevels.percent(level));
    }
    return names;
  }

  /** The upsert key of renamed rows: the transform's key under the new names. */
  public static String[] keyColumns() {
    return new String[] {Columns.UNIQUE_ID, Columns.CONTEXT_END_TIMESTAMP, Columns.DS, Columns.MODEL_ID};
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
