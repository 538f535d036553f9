package io.timerbeam.cli.job;

import java.lang.management.ManagementFactory;

/** The "wall time" a job prints: from JVM start, because start-up (option registry, class loading) is waited for too. */
final class WallTime {
  private WallTime() {}

  /** Seconds since this JVM started. */
  static double sinceJvmStart() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
  }

  /** The summary line: the whole wait, and the pipeline's own share of it. */
  static String line(double wallSeconds, double pipelineSeconds) {
    return String.format(java.util.Locale.ROOT, "wall time: %.1f s since start (pipeline %.1f s)", wallSeconds, pipelineSeconds);
  }
}
