package io.timerbeam.cli.job;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The local files a run writes, checked before any work: none is the input or another output, and
 * each can be written (its folder exists, or can be made, and takes a new file). A run found
 * unable to write only after hours of forecasting cannot be completed by a rerun.
 */
public final class OutputFiles {
  /** One output option: the file it names, and for a DuckDB file the table written in it. */
  private record Output(String option, Path file, String table) {}

  private final List<Output> outputs = new ArrayList<>();

  /** The files of {@code spec}'s forecast outputs: --output (where a local file), --failures, --plot, --summary-json. */
  public static OutputFiles of(ForecastJobSpec spec) {
    return new OutputFiles().location("--output", spec.output, spec.outputTable).file("--failures", spec.failures)
        .png("--plot", spec.plot).file("--summary-json", spec.summaryJson);
  }

  /** A {@code --output}-style location; nothing when it is not a local file (a database URL, BigQuery, a remote path). */
  public OutputFiles location(String option, String location, String table) {
    Path file = location == null ? null : Locations.localFile(location);
    if (file != null) {
      outputs.add(new Output(option, file, Locations.duckDbTable(location, table)));
    }
    return this;
  }

  /** A file option; nothing when it is null (not asked for). */
  public OutputFiles file(String option, Path file) {
    if (file != null) {
      outputs.add(new Output(option, file, null));
    }
    return this;
  }

  /** A PNG file option, whose name must say so; nothing when it is null. */
  public OutputFiles png(String option, Path file) {
    if (file != null && !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new IllegalArgumentException(option + " " + file + ": the chart is written as PNG; name the file .png");
    }
    return file(option, file);
  }

  /**
   * Throws, naming the option and path, when an output is the input ({@code input}, reading
   * {@code inputTable} where it is a DuckDB file), two outputs are one file, or an output cannot be
   * written.
   */
  public void check(String input, String inputTable) {
    Path inputFile = Locations.localFile(input);
    String inputDuckDbTable = Locations.duckDbTable(input, inputTable);
    for (int i = 0; i < outputs.size(); i++) {
      Output output = outputs.get(i);
      if (inputFile != null && sameFile(inputFile, output.file) && Objects.equals(inputDuckDbTable, output.table)) {
        throw new IllegalArgumentException(output.option + " " + output.file + " is read by --input " + input
            + ": writing it would overwrite what is read");
      }
      for (Output earlier : outputs.subList(0, i)) {
        if (sameFile(earlier.file, output.file) && Objects.equals(earlier.table, output.table)) {
          throw new IllegalArgumentException(output.option + " " + output.file + " is also " + earlier.option
              + ": one would overwrite the other");
        }
      }
      writable(output);
    }
  }

  /** True when {@code input} names files (a glob) that {@code output} is one of, or is the same file. */
  private static boolean sameFile(Path input, Path output) {
    Path a = input.toAbsolutePath().normalize();
    Path b = output.toAbsolutePath().normalize();
    if (a.toString().matches(".*[*?\\[{].*")) {
      return FileSystems.getDefault().getPathMatcher("glob:" + a).matches(b);
    }
    try {
      return a.equals(b) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
    } catch (IOException e) {
      return false;
    }
  }

  private static void writable(Output output) {
    Path file = output.file.toAbsolutePath().normalize();
    String problem = null;
    if (Files.isDirectory(file)) {
      problem = "it is a folder";
    } else if (Files.exists(file) && !Files.isWritable(file)) {
      problem = "the file is read-only";
    } else {
      try {
        Files.createDirectories(file.getParent());
        Files.delete(Files.createTempFile(file.getParent(), ".timers1-", ".check"));
      } catch (FileAlreadyExistsException e) {
        problem = e.getFile() + " is a file, not a folder";
      } catch (AccessDeniedException e) {
        problem = e.getFile() + ": permission denied";
      } catch (IOException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(output.option + " " + output.file + " cannot be written: " + problem);
    }
  }
}
