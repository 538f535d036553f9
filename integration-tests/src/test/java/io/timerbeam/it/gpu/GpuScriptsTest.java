package io.timerbeam.it.gpu;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The GPU scripts parse (bash -n): they run on a machine lent for minutes, where a typo costs the run. */
public class GpuScriptsTest {
  private static final Path DIR = Paths.get("gpu"); // surefire runs in the module folder

  @Test
  public void everyScriptParses() throws Exception {
    List<String> scripts = List.of("build-jni.sh", "bundle.sh", "run-checks.sh", "rehearse-cpu.sh", "on-device.sh");
    for (String s : scripts) {
      Path script = DIR.resolve(s);
      assertTrue(script + " is missing or not executable", Files.isExecutable(script));
      Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
      assertTrue(s + " took too long to parse", p.waitFor(30, TimeUnit.SECONDS));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(s + ": " + out, 0, p.exitValue());
    }
    try (var files = Files.list(DIR)) {
      assertEquals("a script here that this test does not check", scripts.size(), files.filter(f -> f.toString().endsWith(".sh")).count());
    }
  }

  @Test
  public void buildJniRefusesAMissingDjlSource() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", DIR.resolve("build-jni.sh").toString()).redirectErrorStream(true);
    pb.environment().remove("DJL_SRC");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(out, 2, p.exitValue());
    assertTrue(out, out.contains("DJL_SRC is not set"));
  }
}
