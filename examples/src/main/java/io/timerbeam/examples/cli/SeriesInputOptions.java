package io.timerbeam.examples.cli;

import io.timerbeam.examples.job.ForecastJobSpec;
import java.util.List;
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

  @Option(names = "--id-column", split = ",", defaultValue = "unique_id",
      description = "Column(s) naming a series; repeat or separate with commas (default ${DEFAULT-VALUE}).")
  List<String> idColumns;

  @Option(names = "--timestamp-column", defaultValue = "ds", description = "Timestamp column (default ${DEFAULT-VALUE}).")
  String timestampColumn;

  @Option(names = "--value-column", defaultValue = "y", description = "Value column (default ${DEFAULT-VALUE}).")
  String valueColumn;

  @Option(names = "--time-zone", defaultValue = "UTC", description = "Zone of timestamps without an offset (default ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(names = "--context-length", description = "Most recent steps given to the model (default 11520).")
  Integer contextLength;

  @Option(names = "--frequency", description = "Step of every series, e.g. h, d, w, month, quarter, year (default: inferred per series).")
  String frequency;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default ${DEFAULT-VALUE}).")
  String device;

  /** Copies these options into the job's spec. */
  void applyTo(ForecastJobSpec job) {
    job.input = input;
    job.inputTable = table;
    job.inputQuery = query;
    job.idColumns = idColumns;
    job.timestampColumn = timestampColumn;
    job.valueColumn = valueColumn;
    job.timeZone = timeZone;
    job.contextLength = contextLength;
    job.frequency = frequency;
    job.device = device;
  }
}
