package io.timerbeam.cli.job;

import io.timerbeam.cli.plot.AnomalyPlot;
import io.timerbeam.transforms.Columns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The data of an anomaly chart, gathered inside the pipeline as {@link PlotSample} gathers a fan
 * chart's: the observations of the first N scored series by id, and each scored point's bounds and
 * verdict ({@code a, id, epoch millis, lower, upper, is_anomaly}), read back after the run.
 */
final class AnomalyPlotSample {
  private AnomalyPlotSample() {}

  /** Adds the branch that writes the sample to {@code file}. */
  static void write(PCollection<Row> observations, PCollection<Row> anomalies, DetectJobSpec spec, String file) {
    String ts = spec.timestampColumn;
    PlotSample.writeLines(observations, anomalies, spec, file, "PlotScores", (r, id) -> "a\t" + id + "\t"
        + r.getDateTime(ts).getMillis() + "\t" + r.getDouble(Columns.ANOMALY_LOWER_BOUND) + "\t"
        + r.getDouble(Columns.ANOMALY_UPPER_BOUND) + "\t" + Boolean.TRUE.equals(r.getBoolean(Columns.IS_ANOMALY)));
  }

  /** Reads the sample back: one plot per scored series, by id. */
  static List<AnomalyPlot> read(Path file) throws IOException {
    Map<String, TreeMap<Long, Double>> history = new TreeMap<>();
    Map<String, TreeMap<Long, String[]>> scored = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("h")) {
        PlotSample.readHistoryLine(f, history);
      } else {
        scored.computeIfAbsent(f[1], k -> new TreeMap<>()).put(Long.parseLong(f[2]), f);
      }
    }
    List<AnomalyPlot> plots = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Long, String[]>> e : scored.entrySet()) {
      TreeMap<Long, Double> points = history.getOrDefault(e.getKey(), new TreeMap<>());
      List<Instant> times = new ArrayList<>();
      double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
      points.keySet().forEach(t -> times.add(Instant.ofEpochMilli(t)));
      List<Instant> targetTimes = new ArrayList<>();
      int n = e.getValue().size();
      double[] lower = new double[n];
      double[] upper = new double[n];
      boolean[] anomaly = new boolean[n];
      int i = 0;
      for (Map.Entry<Long, String[]> point : e.getValue().entrySet()) {
        targetTimes.add(Instant.ofEpochMilli(point.getKey()));
        lower[i] = Double.parseDouble(point.getValue()[3]);
        upper[i] = Double.parseDouble(point.getValue()[4]);
        anomaly[i] = Boolean.parseBoolean(point.getValue()[5]);
        i++;
      }
      plots.add(new AnomalyPlot(e.getKey(), times, values, targetTimes, lower, upper, anomaly));
    }
    return plots;
  }
}
