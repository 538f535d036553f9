package io.timerbeam.cli.job;

import io.timerbeam.model.InvalidModelException;
import java.io.IOException;
import java.sql.SQLException;

/** Sorts an exception that ended a run: a bad checkpoint (exit 2), a failed write (exit 3), or a bug (exit 1). */
final class RunFailure {
  private RunFailure() {}

  /**
   * One line saying why writing failed, when {@code e} is a database or file error; rethrows a bad
   * checkpoint found by a worker, and anything else, as they are.
   */
  static String writeFailure(RuntimeException e) {
    Throwable io = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidModelException) {
        throw (InvalidModelException) cause;
      }
      if (cause instanceof SQLException || cause instanceof IOException) {
        io = cause;
      }
    }
    if (io == null) {
      throw e;
    }
    String message = String.valueOf(io.getMessage()).strip();
    int newline = message.indexOf('\n');
    return io.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
  }
}
