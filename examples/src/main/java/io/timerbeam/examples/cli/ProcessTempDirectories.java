package io.timerbeam.examples.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

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

  /** Removes, under {@code root}, the directories named by the pid of a process that is not {@code alive}. */
  static void removeStale(Path root, LongPredicate alive) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path run : runs) {
        String name = run.getFileName().toString();
        if (name.matches("\\d{1,18}") && !alive.test(Long.parseLong(name))) {
          deleteTree(run);
        }
      }
    } catch (IOException e) {
      // Leftovers of earlier runs cost disk space, not correctness: never fail a run over them.
    }
  }

  /** Cleans up after dead runs when this run's temporary directory is one of {@link #root}'s. */
  static void removeStaleOnStart() {
    String tmp = System.getProperty(TMPDIR_PROPERTY);
    if (tmp != null && Path.of(tmp).toAbsolutePath().getParent() != null
        && Path.of(tmp).toAbsolutePath().getParent().equals(root().toAbsolutePath())) {
      removeStale(root(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  private static void deleteTree(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
