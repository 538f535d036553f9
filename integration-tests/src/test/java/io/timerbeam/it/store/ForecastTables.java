package io.timerbeam.it.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reads back forecast tables written by {@code SqlForecastSink.of}. */
public final class ForecastTables {
  /** The key io/ upserts on: one row per series, context end, step and model. */
  private static final String KEY = "series_id, context_end_timestamp, forecast_timestamp, model_id";

  private final PostgresStore store;

  public ForecastTables(PostgresStore store) {
    this.store = store;
  }

  public long rows(String table) throws SQLException {
    return store.count("SELECT COUNT(*) FROM " + table);
  }

  /** Rows so far of a table the running job may not have created yet. */
  public long rowsSoFar(String table) throws SQLException {
    return store.count("SELECT COUNT(*) FROM pg_class WHERE relname = '" + table + "'") == 0 ? 0 : rows(table);
  }

  public long series(String table) throws SQLException {
    return store.count("SELECT COUNT(DISTINCT series_id) FROM " + table);
  }

  /** Rows with any interval column set: 0 for a point forecaster, whose interval columns are null. */
  public long rowsWithAnInterval(String table) throws SQLException {
    return store.count("SELECT COUNT(*) FROM " + table + " WHERE prediction_interval_lower_bound IS NOT NULL"
        + " OR prediction_interval_upper_bound IS NOT NULL OR confidence_level IS NOT NULL");
  }

  /** Rows of {@code a} with no row of the same key in {@code b}. */
  public long unmatched(String a, String b) throws SQLException {
    return store.count("SELECT COUNT(*) FROM " + a + " a WHERE NOT EXISTS (SELECT 1 FROM " + b
        + " b WHERE (" + qualified("a") + ") = (" + qualified("b") + "))");
  }

  /**
   * Largest difference over every numeric forecast column (quantiles, value, bounds) between rows
   * of the same key, relative to max(1, |b|) as the golden tests measure it.
   */
  public double maxRelativeDifference(String a, String b) throws SQLException {
    List<String> columns = doubleColumns(a);
    if (columns.isEmpty()) {
      throw new IllegalStateException(a + " has no DOUBLE PRECISION columns");
    }
    String differences = columns.stream()
        .map(c -> "ABS(a." + c + " - b." + c + ") / GREATEST(1, ABS(b." + c + "))")
        .collect(Collectors.joining(", "));
    String sql = "SELECT MAX(GREATEST(" + differences + ")) FROM " + a + " a JOIN " + b + " b USING (" + KEY + ")";
    try (Connection c = store.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getDouble(1);
    }
  }

  private List<String> doubleColumns(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = store.connect();
        ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
      while (r.next()) {
        if (r.getInt("DATA_TYPE") == java.sql.Types.DOUBLE) {
          columns.add(r.getString("COLUMN_NAME"));
        }
      }
    }
    return columns;
  }

  private static String qualified(String alias) {
    return List.of(KEY.split(", ")).stream().map(k -> alias + "." + k).collect(Collectors.joining(", "));
  }
}
