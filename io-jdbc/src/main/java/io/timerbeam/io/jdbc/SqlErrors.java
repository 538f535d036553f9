package io.timerbeam.io.jdbc;

import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;

/**
 * Database errors as one line a user can act on: the driver's own words for the innermost error,
 * without the connection pool's wrapper ("Cannot create PoolableConnectionFactory (...)"), the
 * exception class names, DuckDB's error category ("Binder Error: ") or its caret diagram, and
 * with the database named (a DuckDB file by its path; another URL without its parameters).
 */
final class SqlErrors {
  private SqlErrors() {}

  /** The innermost SQL error's first line, without wrappers. */
  static String oneLine(Throwable error) {
    Throwable innermost = error;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        innermost = t;
      }
    }
    String message = String.valueOf(innermost.getMessage()).strip();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline).strip();
    }
    message = message.replaceAll("^(java\\.sql\\.SQLException: )+", "");
    if (message.startsWith("Cannot create PoolableConnectionFactory (") && message.endsWith(")")) {
      message = message.substring("Cannot create PoolableConnectionFactory (".length(), message.length() - 1);
    }
    return message.replaceFirst("^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)* Error: ", "");
  }

  /** The database {@code dataSource} opens, for messages: {@code FILE} for DuckDB, else the URL up to its parameters. */
  static String database(JdbcIO.DataSourceConfiguration dataSource) {
    // The URL getter is package-private in Beam; its display data carries the URL (never the password).
    String text = null;
    for (DisplayData.Item item : DisplayData.from(
        (HasDisplayData) JdbcIO.DataSourceProviderFromDataSourceConfiguration.of(dataSource)).items()) {
      if (item.getKey().equals("jdbcUrl") && item.getValue() != null) {
        text = String.valueOf(item.getValue());
      }
    }
    if (text == null) {
      return "the database";
    }
    if (text.startsWith("jdbc:duckdb:")) {
      return text.substring("jdbc:duckdb:".length());
    }
    int parameters = text.indexOf('?');
    return parameters < 0 ? text : text.substring(0, parameters);
  }
}
