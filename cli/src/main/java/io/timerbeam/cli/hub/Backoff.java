package io.timerbeam.cli.hub;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How often and how long to wait before trying a request again: doubling pauses from {@code first}
 * up to {@code longest}, or what the server's Retry-After says (up to {@link #LONGEST_RETRY_AFTER}).
 *
 * @param attempts tries in all, the first one included
 */
record Backoff(int attempts, Duration first, Duration longest) {
  /** As huggingface_hub: 5 tries, 1 s doubling to 8 s. */
  static final Backoff DEFAULT = new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(8));
  static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(5);

  /** The pause after failed try number {@code attempt}; {@code retryAfter} is the header's value or null. */
  Duration pause(int attempt, String retryAfter) {
    if (retryAfter != null) {
      Duration asked = parseRetryAfter(retryAfter.trim());
      if (asked != null) {
        return asked.isNegative() ? Duration.ZERO : asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
      }
    }
    Duration doubled = first.multipliedBy(1L << Math.min(attempt - 1, 20));
    return doubled.compareTo(longest) > 0 ? longest : doubled;
  }

  static void sleep(Duration pause) throws InterruptedIOException {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** Retry-After is seconds or an HTTP date; null when it is neither. */
  private static Duration parseRetryAfter(String value) {
    if (value.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      return Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
