package io.timerbeam.cli.job;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * Directories named by the pid of the process on this machine that owns them: a killed run cannot
 * remove its own, so the next run removes those whose process is gone.
 */
public final class PidDirectories {
  private PidDirectories() {}

  /** The directory under {@code root} owned by this process. */
  public static Path own(Path root) {
    return root.resolve(Long.toString(ProcessHandle.current().pid()));
  }

  /** Removes, under {@code root}, the directories of processes that are no longer alive. */
  public static void removeDead(Path root) {
    removeDead(root, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /** Removes, under {@code root}, the directories named by the pid of a process that is not {@code alive}. */
  public static void removeDead(Path root, LongPredicate alive) {
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

  /** Deletes {@code tree} and everything in it, deepest first. */
  static void deleteTree(Path tree) throws IOException {
    if (!Files.exists(tree)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
