package io.timerbeam.cli;

import io.timerbeam.cli.job.ColumnStyle;
import io.timerbeam.cli.job.ForecastJobSpec;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.model.output.IntervalLevels;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code forecast}'s interval levels and output column names, checked against the model's quantiles before anything runs. */
final class IntervalOptions {
  @Option(names = "--levels", split = ",",
      description = "Prediction intervals in percent, e.g. 80,60: a lower and upper column per level (prediction_interval_lower_bound_80, ...). "
          + "Each needs the model's quantiles (100-L)/200 and (100+L)/200: Timer-S1 has 0.1..0.9, so at most 80.")
  List<String> levels;

  @Option(names = "--column-style", defaultValue = "bigquery",
      description = "bigquery (AI.FORECAST names) or nixtla (unique_id, ds, TimerS1, TimerS1-lo-80, TimerS1-hi-80; one --id-column, .csv output) (default ${DEFAULT-VALUE}).")
  String columnStyle;

  /** Copies the options into {@code job}, whose model, output and confidence level are set: an unsupported level is refused here. */
  void applyTo(ForecastJobSpec job) throws IOException {
    job.columnStyle = style(columnStyle);
    if (job.columnStyle == ColumnStyle.NIXTLA && job.idColumns.size() != 1) {
      throw new IllegalArgumentException("--column-style nixtla names one id column unique_id, got --id-column " + job.idColumns);
    }
    if (job.columnStyle == ColumnStyle.NIXTLA && !job.output.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      throw new IllegalArgumentException("--column-style nixtla writes names with '-' (TimerS1-lo-80), which SQL tables and "
          + "Parquet's Avro schema refuse: give a .csv --output, got " + job.output);
    }
    if (levels != null && job.confidenceLevel != null) {
      throw new IllegalArgumentException("give --levels or --confidence-level, not both");
    }
    job.levels = levels == null ? null : fractions(levels);
    ModelDescriptor model = ModelConfigs.read(job.model);
    if (model.isPointForecast()) {
      String asked = levels != null ? "--levels " + String.join(",", levels)
          : job.confidenceLevel != null ? "--confidence-level " + job.confidenceLevel : null;
      if (asked != null) {
        throw new IllegalArgumentException(asked + ": the model is a point forecaster (" + model + "), it has no quantiles for an interval");
      }
      return; // Timer-XL: no quantiles, the interval columns stay null
    }
    if (job.confidenceLevel != null) {
      IntervalLevels.requireSupported("--confidence-level " + job.confidenceLevel, job.confidenceLevel, model.quantileLevels());
    }
    for (int i = 0; job.levels != null && i < job.levels.size(); i++) {
      IntervalLevels.requireSupported("--levels " + levels.get(i).trim(), job.levels.get(i), model.quantileLevels());
    }
  }

  private static List<Double> fractions(List<String> percents) {
    List<Double> out = new ArrayList<>();
    for (String p : percents) {
      try {
        out.add(new BigDecimal(p.trim()).movePointLeft(2).doubleValue()); // 80 is 0.8 exactly as typed, no 80 * 0.01 noise
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--levels takes percentages such as 80,60, got '" + p + "'");
      }
    }
    return out;
  }

  private static ColumnStyle style(String value) {
    try {
      return ColumnStyle.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--column-style must be bigquery or nixtla, got " + value);
    }
  }
}
