package io.timerbeam.cli;

import io.timerbeam.cli.job.PidDirectories;
import java.nio.file.Path;

/**
 * One temporary directory per run, {@code ~/.cache/timers1/tmp/PID}, which {@code ./timers1} passes
 * as {@code java.io.tmpdir}. DuckDB's driver copies its 55 MB native library into the temporary
 * directory at every start and deletes it only when the JVM exits cleanly, so a killed run left one
 * behind in the system temp directory each time; here a run removes the directories of runs that
 * are gone.
 */
final class ProcessTempDirectories {
  static final String TMPDIR_PROPERTY = "java.io.tmpdir";

  private ProcessTempDirectories() {}

  /** The folder holding the per-run directories. */
  static Path root() {
    return DefaultModel.cacheRoot().resolve("tmp");
  }

  /** Cleans up after dead runs when this run's temporary directory is one of {@link #root}'s. */
  static void removeStaleOnStart() {
    String tmp = System.getProperty(TMPDIR_PROPERTY);
    if (tmp != null && Path.of(tmp).toAbsolutePath().getParent() != null
        && Path.of(tmp).toAbsolutePath().getParent().equals(root().toAbsolutePath())) {
      PidDirectories.removeDead(root());
    }
  }
}
