package io.timerbeam.examples.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Talks to a Hugging Face hub (or anything serving its API): lists a repository's files with their
 * sizes and LFS SHA-256s, and opens (ranged) downloads of them.
 *
 * <pre>{@code new HubClient(URI.create("https://huggingface.co"), System.getenv("HF_TOKEN")).listFiles(repo, "main")}</pre>
 */
public final class HubClient {
  private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final String token;
  private final HttpClient http;

  /** @param token a hub access token, or null for anonymous access */
  public HubClient(URI endpoint, String token) {
    String base = endpoint.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base : base + "/");
    this.token = token == null || token.isBlank() ? null : token;
    // The hub redirects file downloads to a CDN.
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** Rejects ids that are not {@code name} or {@code owner/name} before anything is sent. */
  public static void checkRepoId(String repo) {
    if (repo.contains("..") || !REPO_ID.matcher(repo).matches()) {
      throw new IllegalArgumentException("not a hub repository id: '" + repo + "' (expected owner/name, e.g. bytedance-research/Timer-S1)");
    }
  }

  /** The files at the top level of {@code repo} at {@code revision}. */
  public List<HubFile> listFiles(String repo, String revision) throws IOException {
    checkRepoId(repo);
    URI uri = endpoint.resolve("api/models/" + repo + "/tree/" + segment(revision));
    HttpResponse<String> response = send(request(uri).build(), HttpResponse.BodyHandlers.ofString(), repo, revision);
    List<HubFile> files = new ArrayList<>();
    for (JsonElement element : JsonParser.parseString(response.body()).getAsJsonArray()) {
      JsonObject entry = element.getAsJsonObject();
      if (entry.has("type") && !entry.get("type").getAsString().equals("file")) {
        continue;
      }
      JsonObject lfs = entry.has("lfs") ? entry.getAsJsonObject("lfs") : null;
      files.add(new HubFile(entry.get("path").getAsString(), entry.get("size").getAsLong(),
          lfs == null ? null : lfs.get("oid").getAsString()));
    }
    return files;
  }

  /**
   * Opens the download of a file from byte {@code offset} on. The caller checks the status: 206 for
   * the requested range, 200 when the server sent the whole file instead.
   */
  public HttpResponse<InputStream> open(String repo, String revision, String path, long offset) throws IOException {
    HttpRequest.Builder request = request(resolveUri(repo, revision, path));
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    return send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), repo, revision);
  }

  URI resolveUri(String repo, String revision, String path) {
    StringBuilder encoded = new StringBuilder();
    for (String part : path.split("/")) {
      encoded.append(encoded.length() == 0 ? "" : "/").append(segment(part));
    }
    return endpoint.resolve(repo + "/resolve/" + segment(revision) + "/" + encoded);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).header("User-Agent", "timers1/0.1.0");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String repo, String revision) throws IOException {
    HttpResponse<T> response;
    try {
      response = http.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + request.uri(), e);
    }
    int status = response.statusCode();
    if (status < 400) {
      return response;
    }
    if (response.body() instanceof InputStream) {
      ((InputStream) response.body()).close();
    }
    throw new HubException(status, switch (status) {
      case 401 -> "the hub refused " + repo + " (HTTP 401): it does not exist, or it is private or gated and "
          + (token == null ? "no token was given (pass --token or set HF_TOKEN)" : "the token was not accepted");
      case 403 -> "the hub denied access to " + repo + " (HTTP 403): accept the model's terms on its hub page with the token's account";
      case 404 -> repo + " at revision " + revision + " was not found on " + endpoint + " (HTTP 404)";
      default -> "HTTP " + status + " from " + request.uri();
    });
  }

  /** One URL path segment; revisions such as refs/pr/1 keep their slashes encoded, as the hub expects. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
