package io.timerbeam.cli;

import io.timerbeam.cli.hub.HubCache;
import io.timerbeam.cli.hub.HubClient;
import io.timerbeam.cli.hub.HubSettings;
import io.timerbeam.model.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which checkpoint a command uses: {@code --model}, else env {@code TIMERS1_MODEL} (each a folder or
 * a hub repository {@code owner/name[@revision]} in the Hugging Face cache), else the Timer-S1
 * release in the Hugging Face cache, else the downloaded one in {@code ~/.cache/timers1/Timer-S1},
 * else the seeded-random demo checkpoint shipped in the repository (found through {@code
 * -Dtimers1.home}, which ./timers1 sets).
 *
 * <pre>{@code DefaultModel m = DefaultModel.resolve(modelOption); if (m.isDemo()) err.println(DefaultModel.DEMO_WARNING);}</pre>
 */
public final class DefaultModel {
  public static final String ENV = "TIMERS1_MODEL";
  public static final String HOME_PROPERTY = "timers1.home";
  public static final String RELEASE = "bytedance-research/Timer-S1";
  public static final String DOWNLOAD_HINT = "./timers1 download " + RELEASE;
  public static final String DEMO_WARNING = "timers1: warning: using the demo checkpoint (seeded-random weights): its forecasts are meaningless."
      + " For real weights: " + DOWNLOAD_HINT;
  static final Path DEMO_IN_REPO = Path.of("examples", "model", "timer-s1-demo");
  private static final Pattern REPO_AT_REVISION = Pattern.compile("([^@/\\s]+/[^@/\\s]+)(?:@(\\S+))?");
  /** The demo checkpoint's {@link Checkpoint#modelId}: it is the demo wherever it lies, however it is named. */
  static final String DEMO_MODEL_ID = "timer-s1-a64d0b33f56d3c6b";

  private final Path folder;
  private final boolean demo;

  private DefaultModel(Path folder, boolean demo) {
    this.folder = folder;
    this.demo = demo;
  }

  /** timers1's own folder under the user's cache: {@code ~/.cache/timers1}. */
  public static Path cacheRoot() {
    return Path.of(System.getProperty("user.home"), ".cache", "timers1");
  }

  /** Resolves from this process's environment and system properties; {@code explicit} may be null. */
  public static DefaultModel resolve(String explicit) {
    return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty(HOME_PROPERTY));
  }

  static DefaultModel resolve(String explicit, Map<String, String> env, Path userHome, String home) {
    HubCache cache = new HubCache(HubSettings.cache(env, userHome));
    if (explicit != null) {
      return userNamed(named(explicit, "--model", cache));
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return userNamed(named(fromEnv.trim(), ENV, cache));
    }
    Optional<Path> release = find(cache, RELEASE, "main");
    if (release.isPresent()) {
      return userNamed(release.get());
    }
    Path downloaded = userHome.resolve(".cache").resolve("timers1").resolve("Timer-S1");
    if (Files.isRegularFile(downloaded.resolve("config.json"))) {
      return userNamed(downloaded);
    }
    if (home != null && Files.isRegularFile(Path.of(home).resolve(DEMO_IN_REPO).resolve("config.json"))) {
      return new DefaultModel(Path.of(home).resolve(DEMO_IN_REPO), true);
    }
    throw new IllegalArgumentException("no model: pass --model DIR or --model OWNER/NAME, set " + ENV + ", or run " + DOWNLOAD_HINT);
  }

  /**
   * A folder, or else a repository {@code owner/name[@revision]} in the Hugging Face cache. Anything
   * else is returned as a folder, for its user to report missing.
   */
  private static Path named(String spec, String source, HubCache cache) {
    Path folder = Path.of(spec);
    Matcher m = REPO_AT_REVISION.matcher(spec);
    if (Files.isDirectory(folder) || !m.matches() || spec.startsWith(".")) {
      return folder;
    }
    String repo = m.group(1);
    String revision = m.group(2) == null ? "main" : m.group(2);
    HubClient.checkRepoId(repo);
    return find(cache, repo, revision).orElseThrow(() -> new IllegalArgumentException(source + " " + spec + ": no such folder, and "
        + repo + "@" + revision + " is not in the Hugging Face cache " + cache.root() + "; get it with: ./timers1 download " + repo
        + (revision.equals("main") ? "" : " --revision " + revision)));
  }

  private static Optional<Path> find(HubCache cache, String repo, String revision) {
    try {
      return cache.find(repo, revision);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Hugging Face cache " + cache.root(), e);
    }
  }

  /** A checkpoint named by the user or found in a cache: the demo when its model id is the demo's. */
  private static DefaultModel userNamed(Path folder) {
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
