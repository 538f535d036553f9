package io.timerbeam.cli;

import io.timerbeam.cli.job.ForecastJobSpec;
import io.timerbeam.cli.job.Locations;
import java.io.PrintWriter;
import java.util.OptionalLong;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;

/** Where a job runs ({@code --runner}, {@code --flink-master}, {@code --parallelism}), shared by the pipeline commands. */
public final class RunnerOptions {
  private static final String LOCAL = "[local]";

  @Option(names = "--runner", description = "direct or flink (default: direct up to " + RunnerChoice.FLINK_ABOVE_ROWS
      + " input rows, else flink [local]; see README \"Runners\").")
  String runner;

  @Option(names = "--flink-master", defaultValue = LOCAL, description = "Flink JobManager host:port, or [local] (default ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(names = "--parallelism", defaultValue = "0", description = "Workers (default: the runner's choice).")
  int parallelism;

  /** The workers the run gets: --parallelism, else this machine's cores (what a local runner uses). */
  int workers() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The options for {@code --runner}, or when it is not given for the runner the input's size calls
   * for ({@link RunnerChoice}); a choice of Flink is announced on {@code err}.
   */
  PipelineOptions pipelineOptions(ForecastJobSpec job, PrintWriter err) throws java.io.IOException {
    OptionalLong rows = runner != null || !LOCAL.equals(flinkMaster) ? OptionalLong.empty()
        : Locations.source(job.input, job.inputTable, job.inputQuery, 1, null, 1).estimatedRows();
    RunnerChoice choice = RunnerChoice.of(runner, !LOCAL.equals(flinkMaster), rows);
    String notice = choice.notice(flinkMaster);
    if (notice != null) {
      err.println(notice);
      err.flush();
    }
    return pipelineOptions(choice.runner());
  }

  private PipelineOptions pipelineOptions(String runner) throws java.io.IOException {
    CoreOptionsRegistry.load();
    switch (runner) {
      case RunnerChoice.DIRECT: {
        DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
        options.setRunner(DirectRunner.class);
        options.setBlockOnRun(false); // lets the progress line poll metrics while the job runs
        // Test-time checks that copy and re-encode every element: far slower on large inputs.
        options.setEnforceImmutability(false);
        options.setEnforceEncodability(false);
        options.setTargetParallelism(workers());
        return options;
      }
      case RunnerChoice.FLINK: {
        FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
        options.setRunner(FlinkRunner.class);
        options.setFlinkMaster(flinkMaster);
        if (parallelism > 0) {
          options.setParallelism(parallelism);
        }
        if (LOCAL.equals(flinkMaster) && System.getenv("FLINK_CONF_DIR") == null) {
          options.setFlinkConfDir(LocalFlinkConf.write(workers()).toString());
        }
        return options;
      }
      default:
        throw new IllegalArgumentException("--runner must be direct or flink, got " + runner);
    }
  }
}
