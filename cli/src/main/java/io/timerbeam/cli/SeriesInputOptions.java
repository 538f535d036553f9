package io.timerbeam.cli;

import io.timerbeam.cli.job.ForecastJob;
import io.timerbeam.cli.job.ForecastJobSpec;
import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ResidentPrecision;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.transforms.Columns;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options that say what to read and how to make series of it, shared by {@code forecast} and {@code evaluate}. */
public final class SeriesInputOptions {
  @Option(names = "--input", required = true,
      description = "A .csv or .parquet path (globs allowed), duckdb:FILE#TABLE, a jdbc: URL (with --table or --query), or bigquery:PROJECT.DATASET.TABLE.")
  String input;

  @Option(names = "--table", description = "Table to read when --input is a database.")
  String table;

  @Option(names = "--query", description = "SQL query to read when --input is a database.")
  String query;

  @Option(names = "--id-column", split = ",", defaultValue = Columns.UNIQUE_ID,
      description = "Column(s) naming a series; repeat or separate with commas (default ${DEFAULT-VALUE}).")
  List<String> idColumns;

  @Option(names = "--wide",
      description = "CSV input with one series per column: every column but the timestamp is a series, its name the id "
          + "(in the --id-column column of the output) and its fields the values.")
  boolean wide;

  @Option(names = "--timestamp-column", defaultValue = Columns.DS, description = "Timestamp column (default ${DEFAULT-VALUE}).")
  String timestampColumn;

  @Option(names = "--value-column", defaultValue = Columns.Y, description = "Value column (default ${DEFAULT-VALUE}).")
  String valueColumn;

  @Option(names = "--time-zone", defaultValue = "UTC", description = "Zone of timestamps without an offset, and whose calendar days, weeks and months calendar frequencies step through: "
          + "in Europe/Berlin d keeps local midnights on the grid across DST switches (default ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(names = "--context-length", description = "Most recent steps given to the model (default 11520).")
  Integer contextLength;

  @Option(names = "--frequency", description = "Step of every series: 15min, h, d or D (calendar days), B (business days), W or W-MON..W-SUN (weeks from that day, "
          + "default Monday), MS/M (month start/end), QS/Q (quarter start/end), month, quarter, year, or an ISO duration such as PT15M "
          + "(default: inferred per series).")
  String frequency;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--partitions", defaultValue = "0",
      description = "Read a database or Parquet input with N parallel queries, each its own task (default: one per worker,"
          + " --parallelism or else this machine's cores; 1: one query). "
          + "Rows are split by ranges of --partition-column, or else by a hash of the id columns (PostgreSQL, DuckDB).")
  int partitions;

  @Option(names = "--partition-column",
      description = "Integer, date or timestamp column whose [min, max] is cut into --partitions ranges; rows where it is NULL are read by one more query.")
  String partitionColumn;

  @Option(names = "--duplicates", description = "Combine points sharing a timestamp: mean, sum, last, or error (default: the series fails).")
  String duplicates;

  @Option(names = "--resampling", description = "Bucket points off the frequency grid: mean, sum, last, or error (default: the series fails).")
  String resampling;

  @Option(names = "--min-observations", description = "Fewest observed points a series needs (default 3).")
  Integer minObservations;

  @Option(names = "--confidence-level", description = "Coverage of the prediction interval, in (0, 1); the model must have its two quantiles (default 0.8).")
  Double confidenceLevel;

  @Option(names = "--resident", defaultValue = "half", converter = ResidentOption.class, description = ResidentOption.DESCRIPTION)
  ResidentPrecision resident;

  @Option(names = "--compute", defaultValue = "float32", converter = ComputeOption.class, description = ComputeOption.DESCRIPTION)
  ComputePrecision compute;

  /**
   * Checks these options against the job's model (set; null for none) and copies them into its spec
   * (the input they name: {@link ForecastJob#checkInput}).
   */
  void applyTo(ForecastJobSpec job) throws IOException {
    if (contextLength != null && contextLength <= 0) {
      throw new IllegalArgumentException("--context-length must be positive, got " + contextLength);
    }
    if (contextLength != null && job.model != null) {
      int patch = ModelConfigs.read(job.model).patchLength();
      if (contextLength < patch) {
        throw new IllegalArgumentException("--context-length " + contextLength + " is below one patch of the model ("
            + patch + " points), the least it can forecast from");
      }
    }
    if (minObservations != null && minObservations <= 0) {
      throw new IllegalArgumentException("--min-observations must be positive, got " + minObservations);
    }
    if (confidenceLevel != null && !(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("--confidence-level must be in (0, 1), got " + confidenceLevel);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions must be 0 (one per worker) or more, got " + partitions);
    }
    ColumnOptions.check(idColumns, timestampColumn, valueColumn);
    job.input = input;
    job.inputTable = table;
    job.inputQuery = query;
    job.idColumns = idColumns;
    job.wide = wide;
    job.timestampColumn = timestampColumn;
    job.valueColumn = valueColumn;
    job.timeZone = timeZone;
    job.contextLength = contextLength;
    job.frequency = frequency;
    job.device = device;
    job.resident = resident;
    job.compute = ComputeOption.checked(compute, device);
    job.partitions = partitions;
    job.partitionColumn = partitionColumn;
    job.duplicates = aggregation("--duplicates", duplicates);
    job.resampling = aggregation("--resampling", resampling);
    job.minObservations = minObservations;
    job.confidenceLevel = confidenceLevel;
  }

  /** null for {@code error} (the transform's default: such a series fails) or no option. */
  private static Aggregation aggregation(String option, String value) {
    if (value == null || value.equalsIgnoreCase("error")) {
      return null;
    }
    try {
      return Aggregation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be mean, sum, last or error, got " + value);
    }
  }
}
