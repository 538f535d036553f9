package io.timerbeam.model.nn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * A large engine array comes from the heap, where its memory stays for the next call, not from a
 * mapping of its own that its free hands back: in a JVM of its own with MALLOC_ARENA_MAX=1 (as
 * workers should run), so that its thread allocates from glibc's main heap, with the setting and
 * without it. (What the trim threshold saves shows in a whole run's page faults: README.)
 */
public class NativeHeapTest {
  private static final Pattern CALL = Pattern.compile("call=(\\d+) mapped=(-?\\d+)");

  /** The probe's output. */
  private static String probe(String mode) throws IOException, InterruptedException {
    ProcessBuilder probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", NativeHeapProbe.class.getName(), mode)
        .redirectErrorStream(true);
    probe.environment().put("MALLOC_ARENA_MAX", "1");
    probe.environment().remove("GLIBC_TUNABLES");
    NativeHeap.MALLOC_VARIABLES.forEach(probe.environment()::remove);
    Process process = probe.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(out, 0, process.waitFor());
    return out;
  }

  @Test
  public void aLargeArrayComesFromTheHeapOnlyOnceKept() throws Exception {
    assumeTrue("glibc's mallopt", Platform.isLinux());
    String kept = probe("keep");
    assertTrue(kept, kept.contains("setting=KEPT"));
    Matcher call = CALL.matcher(kept);
    int calls = 0;
    for (; call.find(); calls++) {
      assertEquals(kept, 0, Long.parseLong(call.group(2)));
    }
    assertEquals(kept, 3, calls);
    String byDefault = probe("default");
    Matcher first = CALL.matcher(byDefault);
    assertTrue(byDefault, first.find());
    assertTrue("glibc's defaults map a 48 MB block on its own: " + byDefault, Long.parseLong(first.group(2)) >= NativeHeapProbe.BYTES);
  }

  @Test
  public void mallocSettingsInTheEnvironmentAreTheUsersChoice() {
    for (Map<String, String> env : List.of(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_max=65536"), Map.of("MALLOC_TRIM_THRESHOLD_", "0"))) {
      assertEquals(env.toString(), NativeHeap.Setting.LEFT_AS_THE_ENVIRONMENT_SETS_IT, NativeHeap.apply(env));
    }
  }
}
