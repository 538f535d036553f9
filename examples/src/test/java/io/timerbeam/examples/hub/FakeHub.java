package io.timerbeam.examples.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1: the tree API and {@code resolve} downloads with
 * Range support, for one repository, plus faults to inject (a dropped connection, corrupted bytes,
 * a required token). Records every request.
 */
public final class FakeHub implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final String repo;
  private final String revision;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, Boolean> lfs = new LinkedHashMap<>();
  private final Map<String, Long> dropOnceAfter = new LinkedHashMap<>();
  private final List<String> corrupted = new ArrayList<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;
  private String requiredToken;

  public FakeHub(String repo, String revision) throws IOException {
    this.repo = repo;
    this.revision = revision;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a file; {@code storedInLfs} ones are listed with their SHA-256, as the hub does for weights. */
  public FakeHub file(String path, byte[] content, boolean storedInLfs) {
    files.put(path, content);
    lfs.put(path, storedInLfs);
    return this;
  }

  /** The first download of {@code path} sends {@code bytes} bytes and then drops the connection. */
  public FakeHub dropOnceAfter(String path, long bytes) {
    dropOnceAfter.put(path, bytes);
    return this;
  }

  /** Downloads of {@code path} serve other bytes than the listed SHA-256 (same size). */
  public FakeHub corrupt(String path) {
    corrupted.add(path);
    return this;
  }

  /** Answers 401 unless this bearer token is sent. */
  public FakeHub requireToken(String token) {
    requiredToken = token;
    return this;
  }

  /** Every request as "path" or "path Range: bytes=N-". */
  public List<String> requests() {
    return new ArrayList<>(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(range == null ? path : path + " Range: " + range);
    try (exchange) {
      if (requiredToken != null && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, "{\"error\":\"Invalid credentials\"}");
        return;
      }
      String tree = "/api/models/" + repo + "/tree/" + revision;
      String resolve = "/" + repo + "/resolve/" + revision + "/";
      if (path.equals(tree)) {
        send(exchange, 200, listing());
      } else if (path.startsWith(resolve) && files.containsKey(path.substring(resolve.length()))) {
        serveFile(exchange, path.substring(resolve.length()), range);
      } else {
        send(exchange, 404, "{\"error\":\"Repository not found\"}");
      }
    }
  }

  private String listing() {
    JsonArray array = new JsonArray();
    files.forEach((path, content) -> {
      JsonObject entry = new JsonObject();
      entry.addProperty("type", "file");
      entry.addProperty("path", path);
      entry.addProperty("size", content.length);
      if (lfs.get(path)) {
        JsonObject pointer = new JsonObject();
        pointer.addProperty("oid", sha256(content));
        pointer.addProperty("size", content.length);
        entry.add("lfs", pointer);
      }
      array.add(entry);
    });
    return array.toString();
  }

  private void serveFile(HttpExchange exchange, String name, String range) throws IOException {
    byte[] content = files.get(name);
    if (corrupted.contains(name)) {
      content = content.clone();
      content[content.length / 2] ^= 0x55;
    }
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
    Long dropAfter = dropOnceAfter.remove(name);
    if (dropAfter != null) {
      out.write(content, from, (int) Math.min(dropAfter, content.length - from));
      out.flush();
      // Closing the exchange short of the announced length makes the server close the connection.
      exchange.close();
      return;
    }
    out.write(content, from, content.length - from);
    out.close();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
