package io.timerbeam.it.portable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Rows written as text, one tab-separated line per row in schema order (doubles in their
 * round-trip form), and read back: what each runner wrote, compared after the job.
 */
final class RowLines {
  private RowLines() {}

  /** Writes {@code rows} to files {@code dir/name-*.tsv}. */
  static void write(PCollection<Row> rows, Path dir, String name) {
    rows.apply(name + " as lines", MapElements.into(TypeDescriptors.strings()).via(RowLines::format))
        .apply("Write " + name, TextIO.write().to(dir.resolve(name).toString()).withSuffix(".tsv"));
  }

  static String format(Row row) {
    StringBuilder line = new StringBuilder();
    for (Object value : row.getValues()) {
      if (line.length() > 0) {
        line.append('\t');
      }
      line.append(String.valueOf(value).replace("\t", "\\t").replace("\n", "\\n"));
    }
    return line.toString();
  }

  /** Every line of the files {@code dir/name-*.tsv}, split into fields. */
  static List<String[]> read(Path dir, String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(name + "-"))::iterator) {
        for (String line : Files.readAllLines(file)) {
          rows.add(line.split("\t", -1));
        }
      }
    }
    return rows;
  }
}
