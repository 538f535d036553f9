package io.timerbeam.examples.cli;

import io.timerbeam.model.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which checkpoint a command uses when none is named: {@code --model}, else env {@code TIMERS1_MODEL},
 * else the downloaded one in {@code ~/.cache/timers1/Timer-S1}, else the seeded-random demo checkpoint
 * shipped in the repository (found through {@code -Dtimers1.home}, which ./timers1 sets).
 *
 * <pre>{@code DefaultModel m = DefaultModel.resolve(modelOption); if (m.isDemo()) err.println(DefaultModel.DEMO_WARNING);}</pre>
 */
public final class DefaultModel {
  public static final String ENV = "TIMERS1_MODEL";
  public static final String HOME_PROPERTY = "timers1.home";
  public static final String DOWNLOAD_HINT = "./timers1 download bytedance-research/Timer-S1 --out ~/.cache/timers1/Timer-S1";
  public static final String DEMO_WARNING = "timers1: warning: using the demo checkpoint (seeded-random weights): its forecasts are meaningless."
      + " For real weights: " + DOWNLOAD_HINT;
  static final Path DEMO_IN_REPO = Path.of("examples", "model", "timer-s1-demo");
  /** The demo checkpoint's {@link Checkpoint#modelId}: it is the demo wherever it lies, however it is named. */
  static final String DEMO_MODEL_ID = "timer-s1-a64d0b33f56d3c6b";

  private final Path folder;
  private final boolean demo;

  private DefaultModel(Path folder, boolean demo) {
    this.folder = folder;
    this.demo = demo;
  }

  /** The folder downloads go to by default: {@code ~/.cache/timers1}. */
  public static Path cacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "timers1");
  }

  /** Resolves from this process's environment and system properties; {@code explicit} may be null. */
  public static DefaultModel resolve(Path explicit) {
    return resolve(explicit, System.getenv(), cacheRoot().resolve("Timer-S1"), System.getProperty(HOME_PROPERTY));
  }

  static DefaultModel resolve(Path explicit, Map<String, String> env, Path cached, String home) {
    if (explicit != null) {
      return named(explicit);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return named(Path.of(fromEnv));
    }
    if (Files.isRegularFile(cached.resolve("config.json"))) {
      return named(cached);
    }
    if (home != null && Files.isRegularFile(Path.of(home).resolve(DEMO_IN_REPO).resolve("config.json"))) {
      return new DefaultModel(Path.of(home).resolve(DEMO_IN_REPO), true);
    }
    throw new IllegalArgumentException("no model: pass --model DIR, set " + ENV + ", or run " + DOWNLOAD_HINT);
  }

  /** A checkpoint named by the user: the demo when its model id is the demo's. */
  private static DefaultModel named(Path folder) {
    return new DefaultModel(folder, isDemo(folder));
  }

  /** False for a folder that is not a readable checkpoint: the command that opens it says why. */
  static boolean isDemo(Path folder) {
    try {
      return DEMO_MODEL_ID.equals(Checkpoint.open(folder).modelId());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public Path folder() {
    return folder;
  }

  /** True for the shipped seeded-random checkpoint, whose forecasts are meaningless. */
  public boolean isDemo() {
    return demo;
  }
}
