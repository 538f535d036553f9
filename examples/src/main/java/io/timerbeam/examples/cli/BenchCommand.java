package io.timerbeam.examples.cli;

import io.timerbeam.model.EngineBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The engine benchmark: random-walk contexts, warm-up, timed repeats, the engine's matmul rate. */
@Command(name = "bench", description = "Time batched forecasts and the engine's 2048^3 matmul; prints series_per_s, model_gflops, matmul_gflops.")
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Checkpoint folder.")
  Path model;

  @Option(names = "--batch", defaultValue = "32", description = "Series per call (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--context", defaultValue = "512", description = "Points per context (default ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--horizon", defaultValue = "80", description = "Points to forecast (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--threads", defaultValue = "0", description = "Engine intra-op threads (default: the engine's).")
  int threads;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats after one warm-up (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--no-cache", description = "Recompute every token on every autoregressive pass.")
  boolean noCache;

  @Override
  public Integer call() throws Exception {
    if (batch <= 0 || context <= 0 || horizon <= 0 || repeats <= 0) {
      throw new IllegalArgumentException("--batch, --context, --horizon and --repeats must be positive");
    }
    EngineBenchmark.Spec s = new EngineBenchmark.Spec();
    s.model = model;
    s.batch = batch;
    s.context = context;
    s.horizon = horizon;
    s.threads = threads;
    s.repeats = repeats;
    s.kvCache = !noCache;
    EngineBenchmark.run(s, new java.io.PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true));
    return 0;
  }
}
