package io.timerbeam.cli.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a run's file writes stage their temporary files: {@code .timers1-tmp/PID} next to the file
 * written, instead of Beam's {@code .temp-beam}, which a killed run leaves behind with its
 * partial files and no sign of whose they are. Whole files wait in {@code staged/} there until the
 * run has succeeded, then move into place together ({@link #publish}). A run removes the directories of dead runs before
 * it writes, and its own, whatever they hold, when it ends.
 */
final class StagingDirectories implements AutoCloseable {
  static final String ROOT = ".timers1-tmp";

  private final Set<Path> roots = new LinkedHashSet<>();

  /** This run's staging directory for {@code file} (a local path), after removing those of dead runs. */
  String forFile(Path file) {
    Path root = file.toAbsolutePath().getParent().resolve(ROOT);
    if (roots.add(root)) {
      PidDirectories.removeDead(root);
    }
    return PidDirectories.own(root).toString();
  }

  /**
   * Where this run writes {@code file} (a local path) before {@link #publish} moves it into place:
   * a run killed before then leaves the earlier run's file where it was. Null for a null file (an
   * output that is not a local file is not staged).
   */
  @Nullable
  Path stagedFile(@Nullable Path file) {
    return file == null ? null : Path.of(forFile(file)).resolve("staged").resolve(file.getFileName().toString());
  }

  /** Moves a staged file over {@code file} in one rename; false when the run wrote none or nothing was staged. */
  static boolean publish(@Nullable Path staged, Path file) throws IOException {
    if (staged == null || !Files.isRegularFile(staged)) {
      return false;
    }
    Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /** Never fails: the run's work is done or lost already, and a leftover costs only disk space. */
  @Override
  public void close() {
    for (Path root : roots) {
      try {
        PidDirectories.deleteTree(PidDirectories.own(root));
        try (var left = Files.list(root)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(root);
          }
        }
      } catch (IOException e) {
        // Another run may be using or removing the same root.
      }
    }
  }
}
