package io.timerbeam.examples.cli;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;

/** Where a job runs ({@code --runner}, {@code --flink-master}, {@code --parallelism}), shared by the pipeline commands. */
public final class RunnerOptions {
  @Option(names = "--runner", defaultValue = "direct", description = "direct or flink (default ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--flink-master", defaultValue = "[local]", description = "Flink JobManager host:port, or [local] (default ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(names = "--parallelism", defaultValue = "0", description = "Workers (default: the runner's choice).")
  int parallelism;

  /** The workers the run gets: --parallelism, else this machine's cores (what a local runner uses). */
  int workers() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  PipelineOptions pipelineOptions() throws java.io.IOException {
    CoreOptionsRegistry.load();
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
