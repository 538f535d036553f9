package io.timerbeam.cli;

import io.timerbeam.model.ProcessMemory;

import io.timerbeam.model.EngineBenchmark;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Many consecutive forecast calls, printing resident memory along the way: native memory must stay flat. */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "Run many consecutive forecasts and print resident memory (rss_mb) at checkpoints.")
final class SoakCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption modelOption;

  @Option(names = "--calls", defaultValue = "10000", description = "Forecast calls (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--context", defaultValue = "256", description = "Points per context (default ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--horizon", defaultValue = "64", description = "Points to forecast (default ${DEFAULT-VALUE}).")
  int horizon;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    List<double[]> contexts = EngineBenchmark.randomWalks(4, context, 7);
    long base = 0;
    long atTenth = 0;
    try (ForecastModel m = ForecastModels.load(modelOption.resolve(spec.commandLine().getErr()))) {
      for (int i = 1; i <= calls; i++) {
        m.forecast(contexts, horizon);
        if (i == 1) {
          base = ProcessMemory.rssKb();
        }
        if (i == Math.max(1, calls / 10)) {
          atTenth = ProcessMemory.rssKb();
        }
        if (i % Math.max(1, calls / 10) == 0 || i == calls) {
          out.printf("calls=%d rss_mb=%.1f%n", i, ProcessMemory.rssKb() / 1024.0);
        }
      }
      long end = ProcessMemory.rssKb();
      out.printf("rss_mb_after_call_1=%.1f rss_mb_after_call_%d=%.1f rss_mb_after_call_%d=%.1f%n",
          base / 1024.0, Math.max(1, calls / 10), atTenth / 1024.0, calls, end / 1024.0);
      out.printf("rss_growth_from_tenth_to_last=%.1f%%%n", 100.0 * (end - atTenth) / atTenth);
    }
    return 0;
  }
}
