package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The {@code ./timers1} launcher's first-use build writes plain text: no ANSI colour codes in a log or a pipe. */
public class LauncherBuildTest {
  @Test
  public void theBuildWritesNoAnsiCodes() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> script = Files.readAllLines(root.resolve("timers1"), StandardCharsets.UTF_8);
    String build = script.stream().filter(line -> line.startsWith("build() {")).findFirst()
        .orElseThrow(() -> new AssertionError("timers1 has no build() function"));
    // The launcher's own Maven call, on a goal that compiles nothing (the test's classes stay as they are).
    Process p = new ProcessBuilder("bash", "-c", "root=\"$1\"; " + build + "; build -o validate -pl model", "test", root.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("maven ran", p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(output, 0, p.exitValue());
    assertFalse("ANSI escape in: " + output.replace("\u001b", "ESC"), output.contains("\u001b"));
    assertFalse("the launcher must not install into the shared local repository",
        script.stream().anyMatch(line -> line.trim().startsWith("build ") && line.contains(" install")));
  }
}
