package io.timerbeam.io.jdbc;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries database work that failed for a transient reason: a server refusing or dropping
 * connections (SQLSTATE class 08, 57P), too many connections (53), serialization failures and
 * deadlocks (40), DuckDB write-write conflicts, and a DuckDB file locked by another process (which
 * may be about to close it). Anything else fails at once.
 */
final class Retries {
  interface SqlWork {
    void run() throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
  static final int MAX_ATTEMPTS = 8;
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 8_000;

  private Retries() {}

  static void run(String what, SqlWork work) throws SQLException, InterruptedException {
    long backoff = FIRST_BACKOFF_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (SQLException e) {
        if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
          throw e;
        }
        LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", what, attempt, backoff, e.toString());
        Thread.sleep(backoff);
        backoff = Math.min(2 * backoff, MAX_BACKOFF_MILLIS);
      }
    }
  }

  static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null
            && (state.startsWith("08")
                || state.startsWith("40")
                || state.startsWith("53")
                || state.startsWith("57P"))) {
          return true;
        }
      }
      String message = t.getMessage();
      if (message != null
          && (message.contains("write-write conflict") || message.contains("Conflict on ")
              || message.contains("Could not set lock on file"))) {
        return true; // DuckDB reports transaction conflicts and file locks without a SQLSTATE
      }
    }
    return false;
  }
}
