package io.timerbeam.cli.hub;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to a Hugging Face hub (or anything serving its API): resolves a revision to its commit, lists
 * a repository's files at that commit, and opens (ranged) downloads of them. It follows redirects
 * itself and sends the token to the hub only, never to the storage host a file is redirected to
 * (that URL is signed; S3-style storage refuses a second credential); it retries 408, 429 and 5xx
 * answers and dropped connections with backoff, honouring Retry-After.
 *
 * <pre>{@code new HubClient(HubSettings.fromEnvironment(), System.err::println).resolveCommit("thuml/timer-base-84m", "main")}</pre>
 */
public final class HubClient {
  private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern NEXT_PAGE = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);
  private static final int MAX_REDIRECTS = 10;

  private final HubSettings settings;
  private final URI endpoint;
  private final Backoff backoff;
  private final Consumer<String> log;
  private final HttpClient http;

  /** @param log where to tell about retries */
  public HubClient(HubSettings settings, Consumer<String> log) {
    this(settings, Backoff.DEFAULT, log);
  }

  HubClient(HubSettings settings, Backoff backoff, Consumer<String> log) {
    String base = settings.endpoint().toString();
    this.settings = settings;
    this.endpoint = URI.create(base.endsWith("/") ? base : base + "/");
    this.backoff = backoff;
    this.log = log;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).proxy(settings.proxies())
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  HubSettings settings() {
    return settings;
  }

  Backoff backoff() {
    return backoff;
  }

  /** Rejects ids that are not {@code name} or {@code owner/name} before anything is sent. */
  public static void checkRepoId(String repo) {
    if (repo.contains("..") || !REPO_ID.matcher(repo).matches()) {
      throw new IllegalArgumentException("not a hub repository id: '" + repo + "' (expected owner/name, e.g. bytedance-research/Timer-S1)");
    }
  }

  /** Rejects revisions that could not name a branch, tag or commit (and could escape a cache folder). */
  public static void checkRevision(String revision) {
    if (revision.isBlank() || revision.startsWith("/") || revision.endsWith("/") || List.of(revision.split("/")).contains("..")
        || !revision.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("not a revision: '" + revision + "' (expected a branch, tag or commit, e.g. main)");
    }
  }

  static boolean isCommit(String revision) {
    return COMMIT.matcher(revision).matches();
  }

  /** The commit {@code revision} (a branch, tag or commit) of {@code repo} is at now. */
  public String resolveCommit(String repo, String revision) throws IOException {
    checkRepoId(repo);
    checkRevision(revision);
    Subject subject = new Subject(repo, revision, null);
    String body = send(request(endpoint.resolve("api/models/" + repo + "/revision/" + segment(revision))),
        HttpResponse.BodyHandlers.ofString(), subject).response().body();
    JsonElement sha = JsonParser.parseString(body).getAsJsonObject().get("sha");
    if (sha == null || !isCommit(sha.getAsString())) {
      throw new IOException("the hub's answer for " + repo + "@" + revision + " names no commit: " + abbreviate(body));
    }
    return sha.getAsString();
  }

  /** The files at the top level of {@code repo} at {@code commit}, from every page of the listing. */
  public List<HubFile> listFiles(String repo, String commit) throws IOException {
    checkRepoId(repo);
    Subject subject = new Subject(repo, commit, null);
    List<HubFile> files = new ArrayList<>();
    for (URI page = endpoint.resolve("api/models/" + repo + "/tree/" + segment(commit)); page != null; ) {
      Reply<String> reply = send(request(page), HttpResponse.BodyHandlers.ofString(), subject);
      for (JsonElement element : JsonParser.parseString(reply.response().body()).getAsJsonArray()) {
        JsonObject entry = element.getAsJsonObject();
        if (!entry.has("type") || entry.get("type").getAsString().equals("file")) {
          files.add(file(entry));
        }
      }
      Optional<String> link = reply.header("Link").map(NEXT_PAGE::matcher).filter(Matcher::find).map(m -> m.group(1));
      page = link.map(page::resolve).orElse(null);
    }
    return files;
  }

  private static HubFile file(JsonObject entry) throws IOException {
    JsonObject lfs = entry.has("lfs") ? entry.getAsJsonObject("lfs") : null;
    String path = entry.get("path").getAsString();
    String oid = entry.get("oid").getAsString();
    String sha256 = lfs == null ? null : lfs.get("oid").getAsString();
    if (!HEX_ID.matcher(oid).matches() || (sha256 != null && !HEX_ID.matcher(sha256).matches())) {
      throw new IOException("the hub lists " + path + " with a malformed id: " + entry);
    }
    return new HubFile(path, entry.get("size").getAsLong(), oid, sha256);
  }

  /**
   * Opens the download of {@code file} at {@code commit} from byte {@code offset} on; its body fails
   * with an {@link java.net.http.HttpTimeoutException} when the transfer stalls. The caller checks
   * the status: 206 for the requested range, 200 when the server sent the whole file instead.
   */
  public HttpResponse<InputStream> open(String repo, String commit, HubFile file, long offset) throws IOException {
    StringBuilder encoded = new StringBuilder();
    for (String part : file.path().split("/")) {
      encoded.append(encoded.length() == 0 ? "" : "/").append(segment(part));
    }
    HttpRequest.Builder request = request(endpoint.resolve(repo + "/resolve/" + segment(commit) + "/" + encoded));
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    return send(request, TimedBodyStream.handler(settings.readTimeout()), new Subject(repo, commit, file.path())).response();
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).header("User-Agent", "timers1/0.1.0");
    if (settings.token() != null) {
      builder.header("Authorization", "Bearer " + settings.token());
    }
    return builder;
  }

  /** What a request is about, for error messages. */
  private record Subject(String repo, String revision, String file) {}

  /** The final response and the headers of the redirects before it, newest first. */
  private record Reply<T>(HttpResponse<T> response, List<HttpHeaders> redirects) {
    Optional<String> header(String name) {
      Optional<String> value = response.headers().firstValue(name);
      for (int i = 0; value.isEmpty() && i < redirects.size(); i++) {
        value = redirects.get(i).firstValue(name);
      }
      return value;
    }
  }

  /** Sends with redirects followed, retrying dropped connections and 408, 429 and 5xx answers. */
  private <T> Reply<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> body, Subject subject) throws IOException {
    HttpRequest request = builder.build();
    for (int attempt = 1; ; attempt++) {
      Reply<T> reply;
      try {
        reply = follow(request, body);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        if (attempt == backoff.attempts()) {
          throw new IOException("cannot reach " + request.uri().getHost() + " (" + attempt + " tries): " + e, e);
        }
        Duration pause = backoff.pause(attempt, null);
        log.accept(request.uri().getHost() + ": " + e + "; trying again in " + pause.toMillis() / 1000.0 + " s");
        Backoff.sleep(pause);
        continue;
      }
      int status = reply.response().statusCode();
      if (status < 400) {
        return reply;
      }
      discard(reply.response());
      if (RETRIED.contains(status) && attempt < backoff.attempts()) {
        Duration pause = backoff.pause(attempt, reply.header("Retry-After").orElse(null));
        log.accept("HTTP " + status + " from " + reply.response().uri().getHost() + "; trying again in " + pause.toMillis() / 1000.0 + " s");
        Backoff.sleep(pause);
        continue;
      }
      throw error(reply, subject);
    }
  }

  /** Follows up to {@link #MAX_REDIRECTS} redirects; the token goes only where the first request went. */
  private <T> Reply<T> follow(HttpRequest first, HttpResponse.BodyHandler<T> body) throws IOException {
    List<HttpHeaders> redirects = new ArrayList<>();
    HttpRequest request = first;
    while (true) {
      HttpResponse<T> response;
      try {
        response = http.send(request, body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + request.uri().getHost());
      }
      int status = response.statusCode();
      if (!List.of(301, 302, 303, 307, 308).contains(status)) {
        return new Reply<>(response, redirects);
      }
      discard(response);
      redirects.add(0, response.headers());
      URI from = request.uri();
      String location = response.headers().firstValue("Location")
          .orElseThrow(() -> new IOException("HTTP " + status + " without a Location from " + from.getHost()));
      if (redirects.size() > MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + first.uri());
      }
      URI next = from.resolve(location);
      boolean sameOrigin = sameOrigin(next, first.uri());
      request = HttpRequest.newBuilder(request, (name, value) -> sameOrigin || !name.equalsIgnoreCase("Authorization")).uri(next).build();
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static void discard(HttpResponse<?> response) throws IOException {
    if (response.body() instanceof InputStream stream) {
      stream.close();
    }
  }

  /** A one-line error naming what is missing or refused: the repository, the revision or the file. */
  private HubException error(Reply<?> reply, Subject subject) {
    int status = reply.response().statusCode();
    String code = reply.header("X-Error-Code").orElse("");
    String repo = subject.repo();
    String page = endpoint + repo;
    String tokenHint = "pass a token (--token, HF_TOKEN or `hf auth login`)";
    String message = switch (code) {
      case "GatedRepo" -> settings.token() == null || status == 401
          ? repo + " is gated (HTTP " + status + "): accept its terms at " + page + ", then " + tokenHint + " of that account"
          : repo + " is gated and the token's account has no access yet (HTTP " + status + "): accept its terms at " + page;
      case "RepoNotFound" -> repoNotFound(status, repo, tokenHint);
      case "RevisionNotFound" -> "revision " + subject.revision() + " not found in " + repo + " (HTTP " + status + ")";
      case "EntryNotFound" -> "file " + subject.file() + " not found in " + repo + " at " + subject.revision() + " (HTTP " + status + ")";
      default -> switch (status) {
        case 401 -> settings.token() == null ? repoNotFound(status, repo, tokenHint)
            : "the hub did not accept the token from " + settings.tokenSource() + " for " + repo + " (HTTP 401)";
        case 403 -> "the token from " + settings.tokenSource() + " lacks access to " + repo
            + " (HTTP 403): a fine-grained token needs read access to this repository";
        case 404 -> subject.file() != null ? "file " + subject.file() + " not found in " + repo + " at " + subject.revision() + " (HTTP 404)"
            : repo + " or its revision " + subject.revision() + " not found on " + endpoint + " (HTTP 404)";
        default -> "HTTP " + status + " from " + reply.response().uri().getHost() + " for "
            + (subject.file() != null ? subject.file() : repo) + reply.header("X-Error-Message").map(m -> ": " + m).orElse("");
      };
    };
    return new HubException(status, message);
  }

  private String repoNotFound(int status, String repo, String tokenHint) {
    return "repository " + repo + " not found on " + endpoint + " (HTTP " + status + ")"
        + (settings.token() == null ? "; if it is private, " + tokenHint : "");
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** One URL path segment; revisions such as refs/pr/1 keep their slashes encoded, as the hub expects. */
  private static String segment(String s) {
    return URLEncoder.encode(Objects.requireNonNull(s), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
