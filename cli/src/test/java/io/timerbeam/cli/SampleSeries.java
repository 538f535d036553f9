package io.timerbeam.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Some series of the sample (examples/data/r-datasets.csv) as an input CSV, with each one's values for the bare engine. */
final class SampleSeries {
  /** The sample the README forecasts (surefire runs in cli/, beside examples/). */
  static final Path SAMPLE = Path.of("..", "examples", "data", "r-datasets.csv");

  final Path csv;
  /** Each series' values in file order, by id. */
  final Map<String, double[]> history;

  private SampleSeries(Path csv, Map<String, double[]> history) {
    this.csv = csv;
    this.history = history;
  }

  /** The sample's lines ({@code unique_id,ds,y}) of the series {@code ids}, in file order. */
  static List<String> rows(String... ids) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
      if (List.of(ids).contains(line.substring(0, line.indexOf(',')))) {
        rows.add(line);
      }
    }
    return rows;
  }

  /** Writes {@code folder/input.csv}: the header, the sample's rows of {@code ids}, then {@code extraLines}. */
  static Path csv(Path folder, List<String> ids, String... extraLines) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("unique_id,ds,y");
    lines.addAll(rows(ids.toArray(String[]::new)));
    lines.addAll(List.of(extraLines));
    Path csv = folder.resolve("input.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    return csv;
  }

  /** Writes {@code folder/input.csv} with the header and the rows of {@code ids}, and keeps each one's values. */
  static SampleSeries write(Path folder, String... ids) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("unique_id,ds,y");
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (String line : rows(ids)) {
      lines.add(line);
      values.computeIfAbsent(line.substring(0, line.indexOf(',')), k -> new ArrayList<>())
          .add(Double.parseDouble(line.substring(line.lastIndexOf(',') + 1)));
    }
    Path csv = folder.resolve("input.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Map<String, double[]> history = new LinkedHashMap<>();
    values.forEach((id, v) -> history.put(id, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return new SampleSeries(csv, history);
  }
}
