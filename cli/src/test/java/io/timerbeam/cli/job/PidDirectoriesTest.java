package io.timerbeam.cli.job;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A killed run's temporary directory, with the DuckDB library extracted into it, is removed by the next run. */
public class PidDirectoriesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void directoriesOfDeadRunsAreRemovedAndLiveOnesKept() throws Exception {
    Path root = tmp.getRoot().toPath();
    Path killed = Files.createDirectories(root.resolve("1234"));
    Files.write(killed.resolve("libduckdb_java123.so"), new byte[1024]);
    Files.createDirectories(killed.resolve("beam").resolve("nested"));
    Path running = Files.createDirectories(root.resolve("5678"));
    Files.write(running.resolve("libduckdb_java456.so"), new byte[1024]);
    Files.createDirectories(root.resolve("not-a-run"));

    PidDirectories.removeDead(root, pid -> pid == 5678);

    try (Stream<Path> left = Files.list(root)) {
      assertEquals(List.of("5678", "not-a-run"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(1024, Files.size(running.resolve("libduckdb_java456.so")));
  }

  @Test
  public void aMissingRootIsNothingToDo() {
    PidDirectories.removeDead(tmp.getRoot().toPath().resolve("absent"), pid -> false);
  }
}
