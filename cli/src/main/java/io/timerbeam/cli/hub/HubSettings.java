package io.timerbeam.cli.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to reach the hub and where its files go, read from the environment variables that
 * huggingface_hub reads, so both share a token and a cache: HF_ENDPOINT, HF_TOKEN (else the file
 * HF_TOKEN_PATH, else $HF_HOME/token as {@code hf auth login} writes it), HF_HOME (default
 * ~/.cache/huggingface), HF_HUB_CACHE (default $HF_HOME/hub), HF_HUB_OFFLINE,
 * HF_HUB_DOWNLOAD_TIMEOUT (seconds without a byte before a transfer is resumed, default 10),
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
 *
 * <pre>{@code HubSettings s = HubSettings.fromEnvironment().withToken(cliToken);}</pre>
 *
 * @param token a hub access token, or null for anonymous access
 * @param tokenSource where the token came from, for error messages
 */
public record HubSettings(URI endpoint, String token, String tokenSource, Path cache, boolean offline, Duration readTimeout,
    ProxySelector proxies) {
  public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

  public HubSettings {
    if (token != null && !token.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("the hub token from " + tokenSource + " contains spaces or control characters");
    }
  }

  /** From this process's environment. */
  public static HubSettings fromEnvironment() {
    return from(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static HubSettings from(Map<String, String> env, Path userHome) {
    Path hfHome = hfHome(env, userHome);
    String token = trimmed(env.get("HF_TOKEN"));
    String tokenSource = "HF_TOKEN";
    if (token == null) {
      Path file = present(env.get("HF_TOKEN_PATH")) ? Path.of(env.get("HF_TOKEN_PATH")) : hfHome.resolve("token");
      token = Files.isRegularFile(file) ? trimmed(read(file)) : null;
      tokenSource = file.toString();
    }
    String endpoint = env.get("HF_ENDPOINT");
    return new HubSettings(present(endpoint) ? URI.create(endpoint.trim()) : DEFAULT_ENDPOINT, token, tokenSource, cache(env, userHome),
        present(env.get("HF_HUB_OFFLINE")) && TRUE.contains(env.get("HF_HUB_OFFLINE").trim().toUpperCase(Locale.ROOT)),
        readTimeout(env.get("HF_HUB_DOWNLOAD_TIMEOUT")), EnvironmentProxies.from(env));
  }

  /** The Hugging Face cache: HF_HUB_CACHE, else $HF_HOME/hub. */
  public static Path cache(Map<String, String> env, Path userHome) {
    String cache = env.get("HF_HUB_CACHE");
    return present(cache) ? Path.of(cache) : hfHome(env, userHome).resolve("hub");
  }

  /** HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface. */
  private static Path hfHome(Map<String, String> env, Path userHome) {
    if (present(env.get("HF_HOME"))) {
      return Path.of(env.get("HF_HOME"));
    }
    String xdg = env.get("XDG_CACHE_HOME");
    return (present(xdg) ? Path.of(xdg) : userHome.resolve(".cache")).resolve("huggingface");
  }

  /** A token given on the command line replaces the environment's; null keeps it. */
  public HubSettings withToken(String explicit) {
    return explicit == null ? this : new HubSettings(endpoint, trimmed(explicit), "--token", cache, offline, readTimeout, proxies);
  }

  /** null keeps the environment's endpoint. */
  public HubSettings withEndpoint(URI explicit) {
    return explicit == null ? this : new HubSettings(explicit, token, tokenSource, cache, offline, readTimeout, proxies);
  }

  /** null keeps the environment's cache. */
  public HubSettings withCache(Path explicit) {
    return explicit == null ? this : new HubSettings(endpoint, token, tokenSource, explicit, offline, readTimeout, proxies);
  }

  private static Duration readTimeout(String seconds) {
    if (!present(seconds)) {
      return DEFAULT_READ_TIMEOUT;
    }
    try {
      double value = Double.parseDouble(seconds.trim());
      if (value > 0 && value <= 86_400) {
        return Duration.ofMillis(Math.round(value * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("HF_HUB_DOWNLOAD_TIMEOUT=" + seconds + ": expected seconds, above 0 and at most 86400");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hub token file " + file, e);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String trimmed(String token) {
    return present(token) ? token.trim() : null;
  }
}
