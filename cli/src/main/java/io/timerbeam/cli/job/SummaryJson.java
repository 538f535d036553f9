package io.timerbeam.cli.job;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job's printed summary as a JSON object, for scripts that check a run. */
final class SummaryJson {
  private SummaryJson() {}

  static void write(ForecastJob.Summary s, Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("series_in", s.seriesIn);
    json.put("series_forecast", s.seriesForecast);
    json.put("series_failed", s.seriesFailed);
    json.put("failed_by_reason", s.failedByReason);
    json.put("input_rows_unreadable", s.rowsUnreadable);
    // Rows handed to the sink; all of them are written unless write_failure says otherwise.
    json.put("forecast_rows", s.forecastRows);
    json.put("write_failure", s.writeFailure);
    json.put("replaced_output", s.replacedOutput);
    json.put("model_workers", s.modelWorkers);
    json.put("wall_seconds", s.wallSeconds);
    json.put("pipeline_seconds", s.pipelineSeconds);
    json.put("exit_code", s.exitCode());
    write(json, file);
  }

  /** Any job's summary, its keys in the order given. */
  static void write(Map<String, Object> json, Path file) throws IOException {
    Files.writeString(file, new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
  }
}
