package io.timerbeam.examples.cli;

import io.timerbeam.examples.job.ForecastJob;
import io.timerbeam.examples.job.ForecastJobSpec;
import io.timerbeam.transforms.Aggregation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The main job: observations in, quantile forecasts out, on the DirectRunner or a Flink cluster. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast every series of the input with Timer-S1 and write quantile forecasts (default: forecasts.duckdb, table forecasts).")
final class ForecastCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption model;

  @Option(names = "--input", required = true,
      description = "A .csv or .parquet path (globs allowed), duckdb:FILE#TABLE, a jdbc: URL (with --table or --query), or bigquery:PROJECT.DATASET.TABLE.")
  String input;

  @Option(names = "--table", description = "Table to read when --input is a database.")
  String table;

  @Option(names = "--query", description = "SQL query to read when --input is a database.")
  String query;

  @Option(names = "--partitions", defaultValue = "1",
      description = "Read a database or Parquet input with N parallel queries, each its own task (default ${DEFAULT-VALUE}: one query). "
          + "Rows are split by ranges of --partition-column, or else by a hash of the id columns (PostgreSQL, DuckDB).")
  int partitions;

  @Option(names = "--partition-column",
      description = "Integer, date or timestamp column whose [min, max] is cut into --partitions ranges; rows where it is NULL are read by one more query.")
  String partitionColumn;

  @Option(names = "--output", defaultValue = "forecasts.duckdb",
      description = "A .duckdb, .csv or .parquet path, duckdb:FILE#TABLE, a jdbc: URL, or bigquery:PROJECT.DATASET.TABLE (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--output-table", defaultValue = "forecasts", description = "Table written in a database (default ${DEFAULT-VALUE}).")
  String outputTable;

  @Option(names = "--id-column", split = ",", defaultValue = "unique_id",
      description = "Column(s) naming a series; repeat or separate with commas (default ${DEFAULT-VALUE}).")
  List<String> idColumns;

  @Option(names = "--timestamp-column", defaultValue = "ds", description = "Timestamp column (default ${DEFAULT-VALUE}).")
  String timestampColumn;

  @Option(names = "--value-column", defaultValue = "y", description = "Value column (default ${DEFAULT-VALUE}).")
  String valueColumn;

  @Option(names = "--time-zone", defaultValue = "UTC", description = "Zone of timestamps without an offset (default ${DEFAULT-VALUE}).")
  String timeZone;

  @Option(names = "--horizon", defaultValue = "12", description = "Steps to forecast (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--max-horizon", defaultValue = "10000",
      description = "Largest --horizon accepted (default ${DEFAULT-VALUE}, as BigQuery's AI.FORECAST): each step costs model time and memory.")
  int maxHorizon;

  @Option(names = "--duplicates", description = "Combine points sharing a timestamp: mean, sum, last, or error (default: the series fails).")
  String duplicates;

  @Option(names = "--resampling", description = "Bucket points off the frequency grid: mean, sum, last, or error (default: the series fails).")
  String resampling;

  @Option(names = "--min-observations", description = "Fewest observed points a series needs (default 3).")
  Integer minObservations;

  @Option(names = "--confidence-level", description = "Coverage of the prediction interval, in (0, 1); the model must have its two quantiles (default 0.8).")
  Double confidenceLevel;

  @Option(names = "--context-length", description = "Most recent steps given to the model (default 11520).")
  Integer contextLength;

  @Option(names = "--frequency", description = "Step of every series, e.g. h, d, w, month, quarter, year (default: inferred per series).")
  String frequency;

  @Option(names = "--raw-quantiles", description = "Keep the model's own quantile order instead of sorted (monotone) bands.")
  boolean rawQuantiles;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--failures", defaultValue = "forecast-failures.csv",
      description = "CSV file receiving every unreadable row and unforecastable series with its reason (default ${DEFAULT-VALUE}).")
  Path failures;

  @Option(names = "--plot", description = "Write a PNG fan chart of the first series (by id).")
  Path plot;

  @Option(names = "--plot-series", defaultValue = "6", description = "Series in the plot (default ${DEFAULT-VALUE}).")
  int plotSeries;

  @Option(names = "--runner", defaultValue = "direct", description = "direct or flink (default ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--flink-master", defaultValue = "[local]", description = "Flink JobManager host:port, or [local] (default ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(names = "--parallelism", defaultValue = "0", description = "Workers (default: the runner's choice).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    if (horizon <= 0) {
      throw new IllegalArgumentException("--horizon must be positive, got " + horizon);
    }
    if (horizon > maxHorizon) {
      throw new IllegalArgumentException("--horizon " + horizon + " is above --max-horizon " + maxHorizon
          + " (every step is a model pass and a row per series); raise --max-horizon to allow it");
    }
    if (contextLength != null && contextLength <= 0) {
      throw new IllegalArgumentException("--context-length must be positive, got " + contextLength);
    }
    if (minObservations != null && minObservations <= 0) {
      throw new IllegalArgumentException("--min-observations must be positive, got " + minObservations);
    }
    if (confidenceLevel != null && !(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("--confidence-level must be in (0, 1), got " + confidenceLevel);
    }
    ColumnOptions.check(idColumns, timestampColumn, valueColumn);
    ForecastJobSpec job = new ForecastJobSpec();
    job.model = model.resolve(spec.commandLine().getErr());
    job.input = input;
    job.inputTable = table;
    job.inputQuery = query;
    job.partitions = partitions;
    job.partitionColumn = partitionColumn;
    job.output = output;
    job.outputTable = outputTable;
    job.idColumns = idColumns;
    job.timestampColumn = timestampColumn;
    job.valueColumn = valueColumn;
    job.timeZone = timeZone;
    job.horizon = horizon;
    job.contextLength = contextLength;
    job.frequency = frequency;
    job.rawQuantiles = rawQuantiles;
    job.duplicates = aggregation("--duplicates", duplicates);
    job.resampling = aggregation("--resampling", resampling);
    job.minObservations = minObservations;
    job.confidenceLevel = confidenceLevel;
    job.device = device;
    job.failures = failures;
    job.plot = plot;
    job.plotSeries = plotSeries;
    return ForecastJob.run(job, pipelineOptions(), spec.commandLine().getOut(), spec.commandLine().getErr()).exitCode();
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

  private PipelineOptions pipelineOptions() throws java.io.IOException {
    switch (runner) {
      case "direct": {
        DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
        options.setRunner(DirectRunner.class);
        options.setBlockOnRun(false); // lets the progress line poll metrics while the job runs
        // Test-time checks that copy and re-encode every element: far slower on large inputs.
        options.setEnforceImmutability(false);
        options.setEnforceEncodability(false);
        options.setTargetParallelism(parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors());
        return options;
      }
      case "flink": {
        FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        options.setRunner(FlinkRunner.class);
        options.setFlinkMaster(flinkMaster);
        if (parallelism > 0) {
          options.setParallelism(parallelism);
        }
        if ("[local]".equals(flinkMaster) && System.getenv("FLINK_CONF_DIR") == null) {
          options.setFlinkConfDir(LocalFlinkConf.write(parallelism > 0 ? parallelism
              : Runtime.getRuntime().availableProcessors()).toString());
        }
        return options;
      }
      default:
        throw new IllegalArgumentException("--runner must be direct or flink, got " + runner);
    }
  }
}
