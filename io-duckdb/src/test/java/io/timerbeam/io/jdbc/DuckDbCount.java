package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;

/** Prints a table's row count; run in a separate JVM to prove a DuckDB file was released. */
public final class DuckDbCount {
  private DuckDbCount() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      System.out.print(JdbcRows.count(c, "SELECT COUNT(*) FROM " + SqlNames.quoteTable("table", args[1])));
    }
  }
}
