package io.timerbeam.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The examples at the end of each subcommand's {@code --help}: kept in one place, next to each
 * other, so they agree; each under 78 characters so that the help never wraps one.
 */
final class HelpExamples {
  private static final Map<String, List<String>> EXAMPLES = Map.of(
      "forecast", List.of(
          "timers1 forecast --input examples/data/r-datasets.csv --plot fan.png",
          "timers1 forecast --input in.csv --levels 80,60 --column-style nixtla",
          "timers1 forecast --input in.parquet --output out.csv --summary-json run.json"),
      "evaluate", List.of(
          "timers1 evaluate --input examples/data/r-datasets.csv --horizon 6 --windows 3",
          "timers1 evaluate --input in.csv --horizon 12 --windows 3 --plot eval.png",
          "timers1 evaluate --input sales.csv --horizon 7 --forecasts-output w.csv"),
      "inspect", List.of("timers1 inspect --model bytedance-research/Timer-S1"),
      "bench", List.of("timers1 bench --batch 32 --context 512 --horizon 80", "timers1 bench --model thuml/timer-base-84m --threads 8"),
      "init", List.of("timers1 init --config config.json --out demo-checkpoint --seed 1"),
      "soak", List.of("timers1 soak --calls 1000 --context 256"),
      "download", List.of("timers1 download bytedance-research/Timer-S1", "timers1 download thuml/timer-base-84m --out models/timer-xl"));

  private HelpExamples() {}

  /** Adds the examples as the footer of every subcommand that has some. */
  static void addTo(CommandLine root) {
    root.getSubcommands().forEach((name, sub) -> {
      List<String> examples = EXAMPLES.get(name);
      if (examples != null) {
        sub.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
            .footer(examples.stream().map(e -> "  " + e).toArray(String[]::new));
      }
    });
  }
}
