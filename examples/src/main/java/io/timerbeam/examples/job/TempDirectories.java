package io.timerbeam.examples.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes the {@code .temp-beam*} directories Beam's file writes leave next to their outputs once emptied. */
final class TempDirectories {
  private TempDirectories() {}

  /** Never fails: a leftover directory costs nothing but tidiness, and the run's work is done. */
  static void removeEmpty(String output, Path failures) {
    Path outputDirectory = Path.of(output).toAbsolutePath().getParent();
    for (Path directory : List.of(outputDirectory, failures.toAbsolutePath().getParent())) {
      if (directory == null || !Files.isDirectory(directory)) {
        continue;
      }
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".temp-beam*")) {
        for (Path temp : temps) {
          removeIfNoFiles(temp);
        }
      } catch (IOException | UncheckedIOException e) {
        // See above: another run may be using or removing the same directory.
      }
    }
  }

  /** Deletes {@code tree} when it holds only directories: a file there may be another run's. */
  private static void removeIfNoFiles(Path tree) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(tree)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    if (paths.stream().allMatch(Files::isDirectory)) {
      for (Path path : paths) { // deepest first
        Files.deleteIfExists(path);
      }
    }
  }
}
