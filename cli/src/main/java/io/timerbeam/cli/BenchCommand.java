package io.timerbeam.cli;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineBenchmark;
import io.timerbeam.model.Renormalisation;
import io.timerbeam.model.ResidentPrecision;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The engine benchmark: random-walk contexts, warm-up, timed repeats, the engine's matmul rate. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Time batched forecasts and the engine's 2048^3 matmul; prints series_per_s, model_gflops, matmul_gflops.")
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption modelOption;

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

  @Option(names = "--whole-series", description = "Timer-XL: re-normalise context and all appended values on every call "
      + "(Hugging Face use_cache=False; other numbers, never cached) instead of the checkpoint's default.")
  boolean wholeSeries;

  @Option(names = "--resident", defaultValue = "half", converter = ResidentOption.class, description = ResidentOption.DESCRIPTION)
  ResidentPrecision resident;

  @Option(names = "--compute", defaultValue = "float32", converter = ComputeOption.class, description = ComputeOption.DESCRIPTION)
  ComputePrecision compute;

  @Override
  public Integer call() throws Exception {
    if (batch <= 0 || context <= 0 || horizon <= 0 || repeats <= 0) {
      throw new IllegalArgumentException("--batch, --context, --horizon and --repeats must be positive");
    }
    EngineBenchmark.Spec s = new EngineBenchmark.Spec();
    s.model = modelOption.resolve(spec.commandLine().getErr());
    s.batch = batch;
    s.context = context;
    s.horizon = horizon;
    s.threads = threads;
    s.repeats = repeats;
    s.kvCache = !noCache;
    s.resident = resident;
    s.compute = ComputeOption.checked(compute, "cpu");
    if (wholeSeries) {
      s.renormalisation = Renormalisation.WHOLE_SERIES;
    }
    EngineBenchmark.run(s, new java.io.PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true));
    return 0;
  }
}
