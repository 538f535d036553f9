package io.timerbeam.cli.job;

import io.timerbeam.cli.plot.FanChart;
import io.timerbeam.cli.progress.ProgressReporter;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ForecastSink;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.ReadObservations;
import io.timerbeam.io.WriteForecasts;
import io.timerbeam.io.files.FileForecastSink;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.transforms.ForecastResult;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import io.timerbeam.transforms.TimerMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * The main job: read observations, forecast every series with Timer-S1, write the forecasts
 * idempotently and every failure with its reason, then print a summary whose counts reconcile.
 */
public final class ForecastJob {

  private ForecastJob() {}

  /** What a finished run did, from the pipeline's metrics. */
  public static final class Summary {
    public long seriesIn;
    public long seriesForecast;
    public long seriesFailed;
    public long rowsUnreadable;
    public long forecastRows;
    /** Model DoFn instances that ran at least one batch: how many workers did model work. */
    public long modelWorkers;
    public final Map<String, Long> failedByReason = new TreeMap<>();
    /** Seconds the pipeline ran (start-up excluded; the printed wall time adds it). */
    public double pipelineSeconds;
    /** Since JVM start, when the pipeline finished: what the user waited. */
    public double wallSeconds;
    /** Why the run stopped before everything was written, or null when it completed. */
    public String writeFailure;
    /** True when --output is a CSV or Parquet file that existed before the run: its rows were replaced. */
    public boolean replacedOutput;
    /** False when the run wrote no --output file (a database output: always true). */
    public boolean outputWritten = true;
    /** False when the run ended before writing its failures file (an earlier run's may be there). */
    public boolean failuresWritten;

    /** 0: every input series forecast or listed; 3: nothing could be forecast, or writes failed. */
    public int exitCode() {
      return writeFailure != null || seriesForecast == 0 ? 3 : 0;
    }
  }

  /** Builds, runs and reports the job; returns its summary. */
  public static Summary run(ForecastJobSpec spec, PipelineOptions options, PrintWriter out, PrintWriter err) throws IOException {
    Checkpoint.open(spec.model); // a corrupt checkpoint is named now, not by every worker that loads it
    Path outputFile = localOutputFile(spec.output);
    boolean replacedOutput = outputFile != null && Files.isRegularFile(outputFile);
    Path plotSample = spec.plot == null ? null : Files.createTempFile("timers1-plot", ".tsv");
    Pipeline pipeline = Pipeline.create(options);
    String writeFailure = null;
    PipelineResult result;
    long started;
    boolean outputWritten = outputFile == null;
    boolean failuresWritten = false;
    try (StagingDirectories staging = new StagingDirectories()) {
      // Files are written staged and moved into place together once the run succeeded: a run killed
      // before then leaves the earlier run's forecasts and failures as they were, together.
      Path stagedOutput = staging.stagedFile(outputFile);
      Path stagedFailures = staging.stagedFile(spec.failures);
      build(pipeline, spec, plotSample, staging, stagedOutput, stagedFailures);
      started = System.nanoTime();
      // Started before run(), which on Flink returns only when the job has ended.
      ForecastProgress counts = new ForecastProgress();
      ProgressReporter progress = ProgressReporter.start("forecast", counts::total, ProgressReporter.Unit.SERIES,
          counts::done, counts::waiting, "forecasting", err);
      try {
        result = pipeline.run();
      } catch (RuntimeException e) {
        progress.abandon(); // the error says what happened: no closing line of counts
        throw e;
      }
      counts.running(result);
      try (progress) {
        RunToEnd.checkDone(result.waitUntilFinish());
      } catch (RuntimeException e) {
        writeFailure = RunFailure.writeFailure(e);
      }
      if (writeFailure == null) {
        outputWritten = outputWritten || StagingDirectories.publish(stagedOutput, outputFile);
        failuresWritten = StagingDirectories.publish(stagedFailures, spec.failures);
      }
    }
    Summary summary = summarise(result);
    summary.pipelineSeconds = (System.nanoTime() - started) / 1e9;
    summary.wallSeconds = WallTime.sinceJvmStart();
    summary.writeFailure = writeFailure;
    summary.replacedOutput = replacedOutput && outputFile != null && outputWritten;
    summary.outputWritten = outputWritten;
    summary.failuresWritten = failuresWritten;
    if (plotSample != null) {
      if (writeFailure == null) {
        double[] levels = ModelConfigs.read(spec.model).quantileLevels();
        Arrays.sort(levels);
        FanChart.write(spec.plot, PlotSample.read(plotSample, levels, Math.max(100, 4 * spec.horizon)), spec.plotSeries,
            spec.valueColumn, spec.demoWeights);
      }
      Files.deleteIfExists(plotSample);
    }
    print(summary, spec, out);
    if (spec.summaryJson != null) {
      SummaryJson.write(summary, spec.summaryJson);
    }
    return summary;
  }

  /** The pipeline's transforms; local files written stage their temporary files in {@code staging}'s directories. */
  static void build(Pipeline pipeline, ForecastJobSpec spec, Path plotSample, StagingDirectories staging, Path stagedOutput,
      Path stagedFailures) {
    ObservationReadResult read = readObservations(pipeline, spec);
    ForecastResult result = read.observations().apply("Forecast", forecast(spec));
    PCollection<Row> forecasts = result.forecasts().apply("CountRows", ParDo.of(new CountRows()))
        .setRowSchema(result.forecasts().getSchema());
    WriteForecasts write = ForecastIO.writeForecasts().to(sink(spec.output, spec.outputTable, staging, stagedOutput));
    if (spec.columnStyle == ColumnStyle.NIXTLA) {
      String model = NixtlaColumns.modelName(spec.model);
      forecasts = NixtlaColumns.rename(forecasts, NixtlaColumns.names(spec.idColumns.get(0), model, intervalLevels(spec)));
      write = write.withKeyColumns(NixtlaColumns.keyColumns());
    }
    forecasts.apply("WriteForecasts", write);
    writeFailures(read, result.failures(), spec, staging, stagedFailures);
    if (plotSample != null) {
      PlotSample.write(read.observations(), result.forecasts(), spec, plotSample.toString());
    }
  }

  /** The observations of {@code --input}, with the rows that could not be read. */
  static ObservationReadResult readObservations(Pipeline pipeline, ForecastJobSpec spec) {
    return pipeline.apply("ReadObservations", read(spec));
  }

  /**
   * Fails on an input the read would refuse (no such file, a column not in the header) before any
   * pipeline options, pipeline or engine exist: start-up takes seconds, this check milliseconds.
   */
  public static void checkInput(ForecastJobSpec spec) {
    read(spec).checkInput();
  }

  private static ReadObservations read(ForecastJobSpec spec) {
    ReadObservations read = ForecastIO.readObservations()
        .from(Locations.source(spec.input, spec.inputTable, spec.inputQuery, spec.partitions, spec.partitionColumn, spec.workers))
        .withIdColumns(spec.idColumns.toArray(new String[0]))
        .withTimestampColumn(spec.timestampColumn)
        .withValueColumn(spec.valueColumn)
        .withTimeZone(spec.timeZone);
    return spec.wide ? read.withWideColumns() : read;
  }

  /** The forecast transform the spec's options describe; its columns are the roles the read stamps. */
  static TimerForecast.Forecasts forecast(ForecastJobSpec spec) {
    TimerForecast.Forecasts forecast = TimerForecast.forecasts()
        .withHorizon(spec.horizon)
        .withTimeZone(ZoneId.of(spec.timeZone));
    if (spec.model != null) { // null: a detector without a model (detect --model seasonal-naive)
      forecast = forecast.withModel(ModelSpec.of(spec.model.toString()).withDevice(spec.device)
          .withResidentPrecision(spec.resident).withCompute(spec.compute));
    }
    if (spec.contextLength != null) {
      forecast = forecast.withContextLength(spec.contextLength);
    }
    if (spec.frequency != null) {
      forecast = forecast.withFrequency(Frequency.parse(spec.frequency));
    }
    if (spec.rawQuantiles) {
      forecast = forecast.withRawQuantiles();
    }
    if (spec.duplicates != null) {
      forecast = forecast.withDuplicates(spec.duplicates);
    }
    if (spec.resampling != null) {
      forecast = forecast.withResampling(spec.resampling);
    }
    if (spec.minObservations != null) {
      forecast = forecast.withMinObservations(spec.minObservations);
    }
    if (spec.levels != null || spec.columnStyle == ColumnStyle.NIXTLA) {
      forecast = forecast.withLevels(intervalLevels(spec).stream().mapToDouble(Double::doubleValue).toArray());
    } else if (spec.confidenceLevel != null) {
      forecast = forecast.withConfidenceLevel(spec.confidenceLevel);
    }
    return forecast;
  }

  /** The levels of per-level interval columns: --levels, else the one confidence level (Nixtla names need the level in the name). */
  private static List<Double> intervalLevels(ForecastJobSpec spec) {
    return spec.levels != null ? spec.levels : List.of(spec.confidenceLevel != null ? spec.confidenceLevel : 0.8);
  }

  /** An output's local file (CSV, Parquet), or null for a database (DuckDB, JDBC: written in transactions) or a remote location. */
  static Path localOutputFile(String output) {
    return isDatabase(output) ? null : Locations.localFile(output);
  }

  /**
   * The sink of an output: a local file is written to {@code stagedOutput} (null: not staged), its temporary
   * files in {@code staging}'s directory, for {@link StagingDirectories#publish} to move into place.
   */
  static ForecastSink sink(String output, String table, StagingDirectories staging, Path stagedOutput) {
    if (stagedOutput == null) {
      return Locations.sink(output, table);
    }
    return ((FileForecastSink) Locations.sink(stagedOutput.toString(), table))
        .withTempDirectory(staging.forFile(Path.of(output)));
  }

  /**
   * Every unreadable row and every series that could not be used, with its reason, to {@code stagedFailures}
   * (for {@code spec.failures}), its temporary files in {@code staging}'s directory.
   */
  static void writeFailures(ObservationReadResult read, PCollection<Row> seriesFailures, ForecastJobSpec spec,
      StagingDirectories staging, Path stagedFailures) {
    PCollection<String> readFailures = read.failures()
        .apply("DescribeReadFailures", ParDo.of(new FailureLines(FailureLines.READ, spec.idColumns)));
    PCollection<String> series = seriesFailures
        .apply("DescribeSeriesFailures", ParDo.of(new FailureLines(FailureLines.FORECAST, spec.idColumns)));
    PCollectionList.of(readFailures).and(series).apply("AllFailures", Flatten.pCollections())
        .apply("WriteFailures", TextIO.write().to(stagedFailures.toString()).withoutSharding().withHeader(FailureLines.HEADER)
            .withTempDirectory(FileSystems.matchNewResource(staging.forFile(spec.failures), true)));
  }

  /** Counts forecast rows on their way to the sink. */
  private static final class CountRows extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Counter rows = org.apache.beam.sdk.metrics.Metrics.counter(FailureLines.NAMESPACE, "forecast_rows");

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      rows.inc();
      out.output(row);
    }
  }

  private static Summary summarise(PipelineResult result) {
    Summary s = new Summary();
    s.seriesIn = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "series_in");
    s.seriesForecast = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "series_forecast");
    s.seriesFailed = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "series_failed");
    s.rowsUnreadable = TimerMetrics.counter(result, FailureLines.NAMESPACE, FailureLines.READ_FAILURES);
    s.forecastRows = TimerMetrics.counter(result, FailureLines.NAMESPACE, "forecast_rows");
    s.modelWorkers = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "model_workers");
    TimerMetrics.counters(result, TimerMetrics.FORECAST_NAMESPACE).forEach((name, n) -> {
      if (name.startsWith("series_failed_")) {
        s.failedByReason.put(name.substring("series_failed_".length()), n);
      }
    });
    return s;
  }

  private static void print(Summary s, ForecastJobSpec spec, PrintWriter out) {
    out.printf("series: %d in, %d forecast, %d failed%n", s.seriesIn, s.seriesForecast, s.seriesFailed);
    s.failedByReason.forEach((reason, n) -> out.printf("  failed %s: %d%n", reason, n));
    if (s.rowsUnreadable > 0) {
      out.printf("input rows that could not be read: %d%n", s.rowsUnreadable);
    }
    String target = Locations.described(spec.output, spec.outputTable);
    Path file = localOutputFile(spec.output);
    if (s.writeFailure == null && s.forecastRows == 0 && file != null && !s.outputWritten) {
      out.printf("forecast rows written: none, %s was not written%n", target);
    } else if (s.writeFailure == null) {
      out.printf("forecast rows written: %d to %s%s%n", s.forecastRows, target,
          s.replacedOutput ? " (it replaced the file that was there)" : "");
    } else {
      out.printf("WRITE FAILED: %s%n", s.writeFailure);
      out.printf("forecast rows sent to %s: %d, of which an unknown part was written; rerun to complete (writes are upserts, nothing is duplicated)%n",
          target, s.forecastRows);
      if (!s.failuresWritten) {
        out.printf("failures file not written: %s%s%n", spec.failures,
            Files.exists(spec.failures) ? " (the file there is an earlier run's)" : "");
      }
    }
    if ((s.seriesFailed > 0 || s.rowsUnreadable > 0) && s.failuresWritten) {
      out.printf("failures and their reasons: %s%n", spec.failures);
    }
    if (s.seriesForecast == 0) {
      out.printf("no series could be forecast%n");
    }
    if (spec.plot != null && s.writeFailure == null) {
      out.printf("plot: %s%n", spec.plot);
    }
    out.printf("compute=%s model_workers=%d%n", spec.compute.label(), s.modelWorkers);
    out.println(WallTime.line(s.wallSeconds, s.pipelineSeconds));
    out.flush();
  }

  /** True for the outputs that hold tables (DuckDB, JDBC). */
  public static boolean isDatabase(String output) {
    String lower = output.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".duckdb") || lower.startsWith("duckdb:") || lower.startsWith("jdbc:");
  }
}
