package io.timerbeam.flinksql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Test helpers: a batch-mode table environment on Flink's embedded mini cluster, and collected results. */
final class FlinkSql {
  private FlinkSql() {}

  static TableEnvironment batch() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    env.getConfig().set("parallelism.default", "2");
    return env;
  }

  static List<Row> collect(TableEnvironment env, String query) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = env.executeSql(query).collect()) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** Rows grouped by the value of {@code key}, each group in collected order. */
  static Map<String, List<Row>> byKey(List<Row> rows, String key) {
    Map<String, List<Row>> groups = new TreeMap<>();
    for (Row row : rows) {
      groups.computeIfAbsent(String.valueOf(row.getField(key)), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }

  /** The messages of {@code e} and its causes, joined: planner errors wrap the provider's. */
  static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
