package io.timerbeam.cli.hub;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies named by HTTPS_PROXY and HTTP_PROXY (lower case first, as curl reads them), bypassed for
 * the hosts in NO_PROXY: comma-separated names matching the host and its subdomains ({@code
 * example.com} and {@code .example.com} alike), or {@code *} for all. java.net.http reads none of these.
 */
final class EnvironmentProxies extends ProxySelector {
  private static final List<Proxy> DIRECT = List.of(Proxy.NO_PROXY);

  private final Proxy https;
  private final Proxy http;
  private final List<String> bypass;

  private EnvironmentProxies(Proxy https, Proxy http, List<String> bypass) {
    this.https = https;
    this.http = http;
    this.bypass = bypass;
  }

  static ProxySelector from(Map<String, String> env) {
    String noProxy = first(env, "no_proxy", "NO_PROXY");
    List<String> bypass = noProxy == null ? List.of()
        : Arrays.stream(noProxy.split("[,\\s]+")).filter(s -> !s.isEmpty()).map(EnvironmentProxies::hostOf).toList();
    return new EnvironmentProxies(proxy(env, "https_proxy", "HTTPS_PROXY"), proxy(env, "http_proxy", "HTTP_PROXY"), bypass);
  }

  @Override
  public List<Proxy> select(URI uri) {
    Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    return proxy == null || bypassed(uri.getHost()) ? DIRECT : List.of(proxy);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // One proxy per scheme: nothing else to try.
  }

  private boolean bypassed(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    return bypass.stream().anyMatch(entry -> entry.equals("*") || h.equals(entry) || h.endsWith("." + entry));
  }

  /** A NO_PROXY entry without its leading dot and port. */
  private static String hostOf(String entry) {
    String host = entry.startsWith(".") ? entry.substring(1) : entry;
    int colon = host.lastIndexOf(':');
    return (colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
  }

  private static Proxy proxy(Map<String, String> env, String lower, String upper) {
    String value = first(env, lower, upper);
    if (value == null) {
      return null;
    }
    URI uri = URI.create(value.contains("://") ? value.trim() : "http://" + value.trim());
    String problem = !"http".equalsIgnoreCase(uri.getScheme()) ? "only http:// proxies are supported"
        : uri.getUserInfo() != null ? "proxy credentials in the address are not supported"
        : uri.getHost() == null ? "no host" : null;
    if (problem != null) {
      throw new IllegalArgumentException(upper + "=" + value + ": " + problem);
    }
    return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80));
  }

  private static String first(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    if (value == null || value.isBlank()) {
      value = env.get(upper);
    }
    return value == null || value.isBlank() ? null : value;
  }
}
