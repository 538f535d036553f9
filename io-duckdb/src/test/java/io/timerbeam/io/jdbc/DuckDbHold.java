package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;

/** Holds a DuckDB file open (and so locked) for some milliseconds; run in a separate JVM. */
public final class DuckDbHold {
  private DuckDbHold() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }
}
