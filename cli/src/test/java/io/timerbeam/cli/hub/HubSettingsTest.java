package io.timerbeam.cli.hub;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class HubSettingsTest {
  private static final Path HOME = Path.of("/home/u");

  @Test
  public void theCacheIsHfHubCacheElseHfHomeHubElseTheUsersCache() {
    assertEquals(Path.of("/c"), HubSettings.cache(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), HOME));
    assertEquals(Path.of("/h/hub"), HubSettings.cache(Map.of("HF_HOME", "/h"), HOME));
    assertEquals(Path.of("/home/u/.cache/huggingface/hub"), HubSettings.cache(Map.of(), HOME));
  }

  @Test
  public void theEnvironmentsTokenIsTrimmedAndOneWithSpacesInsideIsRefused() {
    assertEquals("hf_x", HubSettings.from(Map.of("HF_TOKEN", " hf_x\n"), HOME).token());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubSettings.from(Map.of("HF_TOKEN", "hf x"), HOME));
    assertEquals("the hub token from HF_TOKEN contains spaces or control characters", e.getMessage());
  }

  @Test
  public void theReadTimeoutIsHfHubDownloadTimeout() {
    assertEquals(Duration.ofSeconds(10), HubSettings.from(Map.of(), HOME).readTimeout());
    assertEquals(Duration.ofMillis(2500), HubSettings.from(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "2.5"), HOME).readTimeout());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubSettings.from(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "ten"), HOME));
    assertTrue(e.getMessage(), e.getMessage().startsWith("HF_HUB_DOWNLOAD_TIMEOUT=ten: expected seconds"));
  }

  @Test
  public void proxiesComeFromTheEnvironmentAndNoProxyBypassesThem() {
    var proxies = HubSettings.from(Map.of("HTTPS_PROXY", "http://127.0.0.1:3128", "NO_PROXY", ".internal.example,localhost:8080"), HOME).proxies();
    assertEquals(List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128))), proxies.select(URI.create("https://huggingface.co/x")));
    assertEquals(List.of(Proxy.NO_PROXY), proxies.select(URI.create("https://hub.internal.example/x")));
    assertEquals(List.of(Proxy.NO_PROXY), proxies.select(URI.create("https://localhost/x")));
    assertEquals("no HTTP_PROXY", List.of(Proxy.NO_PROXY), proxies.select(URI.create("http://huggingface.co/x")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HubSettings.from(Map.of("HTTPS_PROXY", "http://user:pw@proxy:3128"), HOME));
    assertEquals("HTTPS_PROXY=http://user:pw@proxy:3128: proxy credentials in the address are not supported", e.getMessage());
  }
}
