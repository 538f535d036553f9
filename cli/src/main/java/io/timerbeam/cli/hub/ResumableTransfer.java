package io.timerbeam.cli.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Downloads one hub file into a partial file, resuming with an HTTP Range request after a dropped
 * or stalled connection (here or in an earlier run), then checks its size and hash. A partial file
 * that fails the checks is deleted: resuming it would keep the bad bytes. Tries that moved bytes
 * forward do not count against the retry limit.
 */
final class ResumableTransfer {
  private final HubClient hub;
  private final String repo;
  private final String commit;
  private final Consumer<String> log;

  /** @param log where to tell about retries */
  ResumableTransfer(HubClient hub, String repo, String commit, Consumer<String> log) {
    this.hub = hub;
    this.repo = repo;
    this.commit = commit;
    this.log = log;
  }

  /**
   * Fetches {@code file} into {@code part}, checked; {@code progress} gets byte counts as they
   * arrive (negative when restarting).
   */
  void fetch(HubFile file, Path part, LongConsumer progress) throws IOException {
    if (Files.exists(part) && Files.size(part) > file.size()) {
      Files.delete(part); // not a prefix of this file
    }
    Backoff backoff = hub.backoff();
    for (int failures = 0; ; ) {
      long before = sizeOf(part);
      try {
        transfer(file, part, progress);
        break;
      } catch (HubException | InterruptedIOException e) {
        throw e; // the client already retried what retrying can fix
      } catch (IOException e) {
        long have = sizeOf(part);
        failures = have > before ? 1 : failures + 1;
        if (failures == backoff.attempts()) {
          throw new IOException(file.path() + ": download failed " + failures + " times in a row, last: " + e.getMessage()
              + "; run again to resume from byte " + have, e);
        }
        Duration pause = backoff.pause(failures, null);
        log.accept(file.path() + ": interrupted at " + have + " of " + file.size() + " bytes (" + e.getMessage() + "); resuming in "
            + pause.toMillis() / 1000.0 + " s");
        Backoff.sleep(pause);
      }
    }
    Optional<String> problem = ContentCheck.problem(file, part);
    if (problem.isPresent()) {
      Files.delete(part);
      throw new IOException(file.path() + ": " + problem.get() + "; deleted the download");
    }
  }

  /** Appends the missing bytes to {@code part}; an IOException means the connection broke or stalled and it can be resumed. */
  private void transfer(HubFile file, Path part, LongConsumer progress) throws IOException {
    long have = sizeOf(part);
    if (Files.exists(part) && have == file.size()) {
      return;
    }
    HttpResponse<InputStream> response = hub.open(repo, commit, file, have);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status != 200 && status != 206) {
        throw new HubException(status, file.path() + ": HTTP " + status + " for bytes " + have + "-");
      }
      String range = response.headers().firstValue("Content-Range").orElse("");
      if (status == 206 && !range.startsWith("bytes " + have + "-")) {
        throw new HubException(status, file.path() + ": asked for bytes " + have + "-, the server sent '" + range + "'");
      }
      boolean append = status == 206;
      if (have > 0 && !append) {
        progress.accept(-have); // the server ignored the range and sends the whole file
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

  private static long sizeOf(Path part) throws IOException {
    return Files.exists(part) ? Files.size(part) : 0;
  }
}
