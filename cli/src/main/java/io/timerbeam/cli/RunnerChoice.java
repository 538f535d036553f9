package io.timerbeam.cli;

import java.util.OptionalLong;

/**
 * The runner a pipeline command takes when {@code --runner} is not given, from the input's size as
 * seen before reading ({@code ObservationSource.estimatedRows}). The DirectRunner starts ~14 s
 * sooner than the embedded Flink cluster, but after the grouping it runs each step once per series
 * (a few ms each), so past a few thousand series Flink {@code [local]} is faster, and at 300,000
 * series it is the one that finishes in bounded memory (README "Runners" has the figures).
 */
record RunnerChoice(String runner, String reason) {
  /**
   * Input rows above which Flink {@code [local]} is chosen. Rows rather than series, which are
   * unknown before reading: below this even two-point series take a DirectRunner about as long
   * as Flink's start-up costs.
   */
  static final long FLINK_ABOVE_ROWS = 20_000;

  static final String DIRECT = "direct";
  static final String FLINK = "flink";

  /**
   * @param requested {@code --runner}, or null when not given
   * @param flinkMasterGiven whether {@code --flink-master} was given (a cluster means Flink)
   * @param rows the input's estimated rows, empty when it cannot tell before reading
   */
  static RunnerChoice of(String requested, boolean flinkMasterGiven, OptionalLong rows) {
    if (requested != null) {
      return new RunnerChoice(requested, null);
    }
    if (flinkMasterGiven) {
      return new RunnerChoice(FLINK, "--flink-master given");
    }
    if (rows.isEmpty()) {
      return new RunnerChoice(FLINK, "the input's size cannot be seen before reading");
    }
    long n = rows.getAsLong();
    return n > FLINK_ABOVE_ROWS
        ? new RunnerChoice(FLINK, String.format("about %,d input rows, above %,d", n, FLINK_ABOVE_ROWS))
        : new RunnerChoice(DIRECT, null);
  }

  /** The line a command prints when it chose Flink itself, or null. */
  String notice(String flinkMaster) {
    return reason == null ? null
        : "timers1: runner flink " + flinkMaster + " (" + reason + "; --runner direct keeps the DirectRunner)";
  }
}
