package io.timerbeam.examples.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Downloads one hub file into {@code <name>.part} beside its target, resuming with an HTTP Range
 * request after a dropped connection (here or in an earlier run), then checks size and SHA-256
 * before moving it into place. A file that fails the checks is deleted: resuming it would keep the bad bytes.
 */
final class ResumableTransfer {
  static final int MAX_ATTEMPTS = 5;
  private static final long RETRY_PAUSE_MS = 500;

  private final HubClient hub;
  private final String repo;
  private final String revision;
  private final Consumer<String> log;

  /** @param log where to tell about retries */
  ResumableTransfer(HubClient hub, String repo, String revision, Consumer<String> log) {
    this.hub = hub;
    this.repo = repo;
    this.revision = revision;
    this.log = log;
  }

  /** Fetches {@code file} to {@code target}; {@code progress} gets byte counts as they arrive (negative when restarting). */
  void fetch(HubFile file, Path target, LongConsumer progress) throws IOException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    if (Files.exists(part) && Files.size(part) > file.size()) {
      Files.delete(part); // not a prefix of this file (it changed on the hub since)
    }
    for (int attempt = 1; ; attempt++) {
      try {
        transfer(file, part, progress);
        break;
      } catch (IOException e) {
        if (e instanceof HubException && ((HubException) e).isClientError()) {
          throw e; // retrying a 4xx gets the same answer
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (attempt == MAX_ATTEMPTS) {
          throw new IOException(file.path() + ": download failed " + MAX_ATTEMPTS + " times, last: " + e.getMessage()
              + "; run again to resume from byte " + have, e);
        }
        log.accept(file.path() + ": interrupted at " + have + " of " + file.size() + " bytes (" + e.getMessage() + "); resuming");
        pause(attempt);
      }
    }
    verify(file, part);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Appends the missing bytes to {@code part}; an IOException means the connection broke and it can be resumed. */
  private void transfer(HubFile file, Path part, LongConsumer progress) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    if (Files.exists(part) && have == file.size()) {
      return;
    }
    HttpResponse<InputStream> response = hub.open(repo, revision, file.path(), have);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200 && response.statusCode() != 206) {
        throw new HubException(response.statusCode(), file.path() + ": HTTP " + response.statusCode() + " for bytes " + have + "-");
      }
      boolean append = have > 0 && response.statusCode() == 206;
      if (have > 0 && !append) {
        // The server ignored the range and sends the whole file.
        progress.accept(-have);
      }
      try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = body.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          progress.accept(n);
        }
      }
    }
    if (Files.size(part) < file.size()) {
      throw new IOException("the server closed the connection early");
    }
  }

  private static void verify(HubFile file, Path part) throws IOException {
    long size = Files.size(part);
    if (size != file.size()) {
      Files.delete(part);
      throw new IOException(file.path() + ": the hub lists " + file.size() + " bytes but " + size + " arrived; deleted the download");
    }
    if (file.sha256() != null) {
      String actual = sha256(part);
      if (!actual.equalsIgnoreCase(file.sha256())) {
        Files.delete(part);
        throw new IOException(file.path() + ": sha256 mismatch (the hub lists " + file.sha256() + ", the download has " + actual
            + "); deleted the download");
      }
    }
  }

  private static String sha256(Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void pause(int attempt) throws IOException {
    try {
      Thread.sleep(RETRY_PAUSE_MS * (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
