package io.timerbeam.cli.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Hugging Face hub, behaving as the real one where clients go wrong: the hub on
 * 127.0.0.1 serves the revision, paginated tree and {@code resolve} APIs for one repository; LFS
 * files are 302-redirected (with X-Repo-Commit, X-Linked-Etag, X-Linked-Size) to a storage host on
 * 127.0.0.2 that answers 400 to any Authorization header, as signed-URL storage does. Errors carry
 * X-Error-Code. Faults to inject: a renamed repository (relative 307), one-off error statuses
 * (with Retry-After), dropped, stalled or corrupted transfers, Range ignored, a gated or private
 * repository, a branch moving to a new commit. Records every request.
 */
public final class FakeHub implements AutoCloseable {
  public static final String HUB_HOST = "127.0.0.1";
  public static final String STORAGE_HOST = "127.0.0.2";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One request as served: which server, path (with query), Range header, whether it carried a token, when. */
  public record Request(String server, String path, String range, boolean authorized, long nanoTime) {
    @Override
    public String toString() {
      return server + " " + path + (range == null ? "" : " Range: " + range) + (authorized ? " [token]" : "");
    }
  }

  private record Failure(String pathContains, int status, String retryAfter) {}

  private final String repo;
  private final String branch;
  private final Map<String, String> branches = new ConcurrentHashMap<>();
  private final Map<String, Map<String, byte[]>> commits = new ConcurrentHashMap<>();
  private final Set<String> inLfs = ConcurrentHashMap.newKeySet();
  private final Map<String, byte[]> blobsBySha256 = new ConcurrentHashMap<>();
  private final Map<byte[], String> sha256s = Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, long[]> drops = new ConcurrentHashMap<>();
  private final Map<String, Long> stallOnceAfter = new ConcurrentHashMap<>();
  private final Set<String> corrupted = ConcurrentHashMap.newKeySet();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpServer hub;
  private final HttpServer storage;
  private volatile int pageSize = 1000;
  private volatile boolean ignoreRange;
  private volatile String renamedFrom;
  private volatile String grantedToken;
  private volatile boolean gated;
  private int commitCount;

  public FakeHub(String repo, String branch) throws IOException {
    this.repo = repo;
    this.branch = branch;
    newCommit();
    hub = start(HUB_HOST, this::handleHub);
    storage = start(STORAGE_HOST, this::handleStorage);
  }

  private HttpServer start(String host, com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
    server.createContext("/", handler);
    server.setExecutor(threads); // a stalled transfer must not block the next request
    server.start();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://" + HUB_HOST + ":" + hub.getAddress().getPort());
  }

  public int port() {
    return hub.getAddress().getPort();
  }

  /** Adds or replaces a file in the branch's newest commit; {@code storedInLfs} ones are listed with their SHA-256 and redirected to storage. */
  public FakeHub file(String path, byte[] content, boolean storedInLfs) {
    commits.get(branches.get(branch)).put(path, content);
    if (storedInLfs) {
      inLfs.add(path);
      blobsBySha256.put(lfsOid(content), content);
    }
    return this;
  }

  /** Moves the branch to a new commit with the same files; {@link #file} then changes that commit only. */
  public FakeHub newCommit() {
    String old = branches.get(branch);
    String commit = sha1(("commit " + ++commitCount).getBytes(StandardCharsets.UTF_8));
    commits.put(commit, Collections.synchronizedMap(new LinkedHashMap<>(old == null ? Map.of() : commits.get(old))));
    branches.put(branch, commit);
    return this;
  }

  /** The commit the branch is at. */
  public String commit() {
    return branches.get(branch);
  }

  /** Tree listings answer this many entries per page, with a Link header to the next. */
  public FakeHub pageSize(int entries) {
    pageSize = entries;
    return this;
  }

  /** The repository was renamed from {@code oldRepo}: requests naming it get a relative 307 to the new name. */
  public FakeHub renamedFrom(String oldRepo) {
    renamedFrom = oldRepo;
    return this;
  }

  /** The next hub request whose path contains {@code pathContains} is answered {@code status} (with Retry-After unless null). */
  public FakeHub failOnce(String pathContains, int status, String retryAfter) {
    failures.add(new Failure(pathContains, status, retryAfter));
    return this;
  }

  /** The next {@code times} downloads of {@code path} send {@code bytes} bytes each and then drop the connection. */
  public FakeHub drop(String path, long bytes, int times) {
    drops.put(path, new long[] {bytes, times});
    return this;
  }

  /** The first download of {@code path} sends {@code bytes} bytes and then sends nothing more, keeping the connection open. */
  public FakeHub stallOnceAfter(String path, long bytes) {
    stallOnceAfter.put(path, bytes);
    return this;
  }

  /** Downloads of {@code path} serve other bytes than the listed hash (same size). */
  public FakeHub corrupt(String path) {
    corrupted.add(path);
    return this;
  }

  /** Range headers are ignored: every download is a 200 with the whole file. */
  public FakeHub ignoreRange() {
    ignoreRange = true;
    return this;
  }

  /** A gated repository: 401 GatedRepo without a token, 403 GatedRepo with one not granted access. */
  public FakeHub gated(String granted) {
    grantedToken = granted;
    gated = true;
    return this;
  }

  /** A private repository: 401 RepoNotFound without a token, 403 with a token lacking access (a fine-grained one). */
  public FakeHub privateRepo(String granted) {
    grantedToken = granted;
    gated = false;
    return this;
  }

  public List<Request> log() {
    return new ArrayList<>(requests);
  }

  /** Every request as "path" or "path Range: bytes=N-" (either host). */
  public List<String> requests() {
    return log().stream().map(r -> r.range() == null ? r.path() : r.path() + " Range: " + r.range()).toList();
  }

  private void handleHub(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(new Request("hub", query == null ? path : path + "?" + query, range, authorization != null, System.nanoTime()));
    try (exchange) {
      String old = renamedFrom;
      if (old != null && (path.startsWith("/" + old + "/") || path.startsWith("/api/models/" + old + "/"))) {
        exchange.getResponseHeaders().set("Location", path.replace(old, repo) + (query == null ? "" : "?" + query));
        exchange.sendResponseHeaders(307, -1);
        return;
      }
      for (Failure failure : failures) {
        if (path.contains(failure.pathContains()) && failures.remove(failure)) {
          if (failure.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
          }
          send(exchange, failure.status(), null, "{\"error\":\"try later\"}");
          return;
        }
      }
      String granted = grantedToken;
      if (granted != null && !("Bearer " + granted).equals(authorization)) {
        if (authorization == null) {
          send(exchange, 401, gated ? "GatedRepo" : "RepoNotFound", "{\"error\":\"Access restricted\"}");
        } else {
          send(exchange, 403, gated ? "GatedRepo" : null, "{\"error\":\"Forbidden\"}");
        }
        return;
      }
      route(exchange, path, query);
    }
  }

  private void route(HttpExchange exchange, String path, String query) throws IOException {
    String revisionApi = "/api/models/" + repo + "/revision/";
    String treeApi = "/api/models/" + repo + "/tree/";
    String resolve = "/" + repo + "/resolve/";
    if (path.startsWith(revisionApi)) {
      String commit = commitOf(decode(path.substring(revisionApi.length())));
      if (commit == null) {
        send(exchange, 404, "RevisionNotFound", "{\"error\":\"Invalid rev id\"}");
      } else {
        JsonObject info = new JsonObject();
        info.addProperty("id", repo);
        info.addProperty("sha", commit);
        send(exchange, 200, null, info.toString());
      }
    } else if (path.startsWith(treeApi)) {
      String commit = commitOf(decode(path.substring(treeApi.length())));
      if (commit == null) {
        send(exchange, 404, "RevisionNotFound", "{\"error\":\"Invalid rev id\"}");
      } else {
        int from = query != null && query.startsWith("cursor=") ? Integer.parseInt(query.substring(7)) : 0;
        List<String> paths = new ArrayList<>(commits.get(commit).keySet());
        int to = Math.min(paths.size(), from + pageSize);
        if (to < paths.size()) {
          String host = exchange.getRequestHeaders().getFirst("Host");
          exchange.getResponseHeaders().set("Link", "<http://" + host + path + "?cursor=" + to + ">; rel=\"next\"");
        }
        send(exchange, 200, null, listing(commit, paths.subList(from, to)));
      }
    } else if (path.startsWith(resolve) && path.indexOf('/', resolve.length()) > 0) {
      int slash = path.indexOf('/', resolve.length());
      String commit = commitOf(decode(path.substring(resolve.length(), slash)));
      String name = decode(path.substring(slash + 1));
      if (commit == null) {
        send(exchange, 404, "RevisionNotFound", "{\"error\":\"Invalid rev id\"}");
        return;
      }
      byte[] content = commits.get(commit).get(name);
      if (content == null) {
        send(exchange, 404, "EntryNotFound", "{\"error\":\"Entry not found\"}");
        return;
      }
      exchange.getResponseHeaders().set("X-Repo-Commit", commit);
      if (inLfs.contains(name)) {
        String sha = lfsOid(content);
        exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + sha + "\"");
        exchange.getResponseHeaders().set("X-Linked-Size", Integer.toString(content.length));
        exchange.getResponseHeaders().set("Location",
            "http://" + STORAGE_HOST + ":" + storage.getAddress().getPort() + "/" + sha + "?name=" + name + "&X-Amz-Signature=f00d");
        exchange.sendResponseHeaders(302, -1);
      } else {
        exchange.getResponseHeaders().set("ETag", "\"" + gitOid(content) + "\"");
        serveBytes(exchange, name, content);
      }
    } else {
      send(exchange, exchange.getRequestHeaders().getFirst("Authorization") == null ? 401 : 404, "RepoNotFound",
          "{\"error\":\"Repository not found\"}");
    }
  }

  private void handleStorage(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    boolean authorized = exchange.getRequestHeaders().containsKey("Authorization");
    requests.add(new Request("storage", path + "?" + query, exchange.getRequestHeaders().getFirst("Range"), authorized, System.nanoTime()));
    try (exchange) {
      byte[] content = blobsBySha256.get(path.substring(1));
      if (authorized) {
        send(exchange, 400, null, "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>");
      } else if (content == null || query == null || !query.contains("X-Amz-Signature=")) {
        send(exchange, 403, null, "<Error><Code>AccessDenied</Code></Error>");
      } else {
        serveBytes(exchange, decode(query.replaceAll("^name=([^&]*)&.*", "$1")), content);
      }
    }
  }

  private String commitOf(String revision) {
    return commits.containsKey(revision) ? revision : branches.get(revision);
  }

  private String listing(String commit, List<String> paths) {
    JsonArray array = new JsonArray();
    for (String path : paths) {
      byte[] content = commits.get(commit).get(path);
      JsonObject entry = new JsonObject();
      entry.addProperty("type", "file");
      entry.addProperty("path", path);
      entry.addProperty("size", content.length);
      if (inLfs.contains(path)) {
        String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + lfsOid(content) + "\nsize " + content.length + "\n";
        entry.addProperty("oid", gitOid(pointer.getBytes(StandardCharsets.UTF_8)));
        JsonObject lfs = new JsonObject();
        lfs.addProperty("oid", lfsOid(content));
        lfs.addProperty("size", content.length);
        lfs.addProperty("pointerSize", pointer.length());
        entry.add("lfs", lfs);
      } else {
        entry.addProperty("oid", gitOid(content));
      }
      array.add(entry);
    }
    return array.toString();
  }

  private void serveBytes(HttpExchange exchange, String name, byte[] content) throws IOException {
    if (corrupted.contains(name)) {
      content = content.clone();
      content[content.length / 2] ^= 0x55;
    }
    String range = ignoreRange ? null : exchange.getRequestHeaders().getFirst("Range");
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (!m.matches() || Long.parseLong(m.group(1)) >= content.length) {
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      from = Integer.parseInt(m.group(1));
      exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    exchange.sendResponseHeaders(range == null ? 200 : 206, content.length - from);
    OutputStream out = exchange.getResponseBody();
    Long dropAfter = takeDrop(name);
    Long stallAfter = stallOnceAfter.remove(name);
    Long cut = dropAfter != null ? dropAfter : stallAfter;
    if (cut != null) {
      out.write(content, from, (int) Math.min(cut, content.length - from));
      out.flush();
      if (stallAfter != null) {
        awaitStop(); // the connection stays open and silent
      }
      // Closing the exchange short of the announced length makes the server close the connection.
      exchange.close();
      return;
    }
    for (int at = from; at < content.length; at += 1 << 16) {
      out.write(content, at, Math.min(1 << 16, content.length - at)); // one write of a large array needs a copy of it
    }
    out.close();
  }

  private synchronized Long takeDrop(String name) {
    long[] drop = drops.get(name);
    if (drop == null || drop[1] == 0) {
      return null;
    }
    drop[1]--;
    return drop[0];
  }

  private void awaitStop() {
    try {
      stopped.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String errorCode, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "application/xml" : "application/json");
    if (errorCode != null) {
      exchange.getResponseHeaders().set("X-Error-Code", errorCode);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  /** The SHA-256 of an LFS file, computed once per content. */
  private String lfsOid(byte[] content) {
    return sha256s.computeIfAbsent(content, FakeHub::sha256);
  }

  public static String sha256(byte[] content) {
    return digest("SHA-256", content);
  }

  private static String sha1(byte[] content) {
    return digest("SHA-1", content);
  }

  /** The git blob id: SHA-1 of "blob SIZE\0" and the content. */
  static String gitOid(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[header.length + content.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(content, 0, all, header.length, content.length);
    return sha1(all);
  }

  private static String digest(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    hub.stop(0);
    storage.stop(0);
    threads.shutdownNow();
  }
}
