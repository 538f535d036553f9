package io.timerbeam.cli.job;

import com.google.gson.GsonBuilder;
import io.timerbeam.transforms.TimerMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/**
 * What an evaluation did with its series, in counts that reconcile: in = evaluated (a window
 * scored) + failed (unusable: in the failures file) + without a scored window (every window too
 * short for the model, each with its evaluate_status in the metric rows).
 */
final class EvaluationCounts {
  final long seriesIn;
  final long evaluated;
  final long failed;
  final long rowsUnreadable;

  private EvaluationCounts(long seriesIn, long evaluated, long failed, long rowsUnreadable) {
    this.seriesIn = seriesIn;
    this.evaluated = evaluated;
    this.failed = failed;
    this.rowsUnreadable = rowsUnreadable;
  }

  /** From the run's counters and its summary lines (the model's first: its {@code series=} are the evaluated ones). */
  static EvaluationCounts of(PipelineResult result, List<String> summaryLines) {
    long evaluated = summaryLines.isEmpty() ? 0 : Long.parseLong(fields(summaryLines.get(0)).get("series"));
    return new EvaluationCounts(TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "series_in"), evaluated,
        TimerMetrics.counter(result, FailureLines.NAMESPACE, FailureLines.FORECAST_FAILURES),
        TimerMetrics.counter(result, FailureLines.NAMESPACE, FailureLines.READ_FAILURES));
  }

  long withoutScoredWindow() {
    return seriesIn - evaluated - failed;
  }

  String line() {
    return String.format("series: %d in, %d evaluated, %d failed, %d with no window scored", seriesIn, evaluated, failed,
        withoutScoredWindow());
  }

  /** The printed summary as JSON: the counts, and each model's summary line as an object. */
  void writeJson(Path file, List<String> summaryLines, double wallSeconds, double pipelineSeconds) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("series_in", seriesIn);
    json.put("series_evaluated", evaluated);
    json.put("series_failed", failed);
    json.put("series_without_scored_window", withoutScoredWindow());
    json.put("input_rows_unreadable", rowsUnreadable);
    Map<String, Object> models = new LinkedHashMap<>();
    for (String line : summaryLines) {
      Map<String, Object> values = new LinkedHashMap<>();
      fields(line).forEach((key, value) -> values.put(key, number(value)));
      models.put(String.valueOf(values.remove("model")), values);
    }
    json.put("models", models);
    json.put("wall_seconds", wallSeconds);
    json.put("pipeline_seconds", pipelineSeconds);
    json.put("exit_code", 0);
    Files.writeString(file, new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(json) + "\n",
        StandardCharsets.UTF_8);
  }

  /** {@code summary model=m series=3 ...} as key to value text. */
  private static Map<String, String> fields(String summaryLine) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : summaryLine.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  private static Object number(String value) {
    if (value.equals("null")) {
      return null;
    }
    try {
      return value.matches("-?\\d+") ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
