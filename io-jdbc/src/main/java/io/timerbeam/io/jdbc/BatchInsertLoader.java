package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.beam.sdk.values.Row;

/** Portable loader: one batched prepared INSERT into the staging table. */
final class BatchInsertLoader implements StagingLoader {
  @Override
  public void load(Connection connection, SqlForecastTable table, Collection<Row> rows)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(table.insertIntoStageSql())) {
      for (Row row : rows) {
        for (int i = 0; i < row.getFieldCount(); i++) {
          insert.setObject(i + 1, SqlTypes.toJdbc(row.getValue(i)));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
