package io.timerbeam.io.gcp;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.google.api.client.http.HttpResponseException;
import com.google.api.services.bigquery.model.Table;
import io.timerbeam.transforms.Columns;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TimePartitioning;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Proves, when the pipeline is built, that a {@link BigQueryForecastSink}'s load can succeed, so
 * that a wrong target fails before hours of forecasting rather than in the load job after them:
 * the dataset exists, and an existing table is day-partitioned on {@code context_end_timestamp}
 * and takes every forecast column (same BigQuery type as {@link BigQueryUtils#toTableSchema} gives
 * it, no nullable column into a REQUIRED one, no REQUIRED column the forecasts lack). An absent
 * table is fine: the load creates it. The check reads metadata only and creates nothing.
 */
final class BigQueryPreflight {
  private BigQueryPreflight() {}

  static void check(BigQueryServices services, BigQueryOptions options, TableReference table, Schema rows) {
    String spec = BigQueryHelpers.toTableSpec(table);
    DatasetService datasets;
    try {
      datasets = services.getDatasetService(options);
    } catch (RuntimeException e) { // e.g. no credentials on the launching machine
      throw cannotCheck(spec, e);
    }
    try {
      checkArgument(
          datasetExists(datasets, table),
          "bigQuery %s: dataset %s:%s does not exist; create it before the run (the load creates the table, not the dataset)",
          spec, table.getProjectId(), table.getDatasetId());
      Table existing = datasets.getTable(table);
      if (existing != null) {
        checkPartitioning(spec, existing);
        checkColumns(spec, existing, rows);
      }
    } catch (IOException e) {
      throw cannotCheck(spec, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking bigQuery " + spec, e);
    } finally {
      try {
        datasets.close();
      } catch (Exception ignored) {
        // Closing the client after read-only metadata calls cannot lose anything.
      }
    }
  }

  private static IllegalArgumentException cannotCheck(String spec, Exception e) {
    return new IllegalArgumentException("bigQuery " + spec + " cannot be checked: " + firstLine(e)
        + " (withoutCheckBeforeRun() skips the check for a launcher that cannot reach BigQuery)", e);
  }

  private static boolean datasetExists(DatasetService datasets, TableReference table)
      throws IOException, InterruptedException {
    try {
      return datasets.getDataset(table.getProjectId(), table.getDatasetId()) != null;
    } catch (IOException e) {
      if (isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** BigQuery's 404, however Beam's retrying client wrapped it. */
  private static boolean isNotFound(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpResponseException && ((HttpResponseException) cause).getStatusCode() == 404) {
        return true;
      }
    }
    return false;
  }

  private static void checkPartitioning(String spec, Table table) {
    TimePartitioning partitioning = table.getTimePartitioning();
    checkArgument(
        partitioning != null
            && "DAY".equals(partitioning.getType())
            && Columns.CONTEXT_END_TIMESTAMP.equalsIgnoreCase(String.valueOf(partitioning.getField())),
        "bigQuery %s: the table is %s, but this sink replaces DAY partitions of %s; write to another table or recreate it partitioned so",
        spec, describe(table), Columns.CONTEXT_END_TIMESTAMP);
  }

  private static String describe(Table table) {
    TimePartitioning time = table.getTimePartitioning();
    if (time != null) {
      return "partitioned by " + time.getType() + " on "
          + (time.getField() == null ? "ingestion time" : time.getField());
    }
    if (table.getRangePartitioning() != null) {
      return "range-partitioned on " + table.getRangePartitioning().getField();
    }
    return "not partitioned";
  }

  /** Every problem in one line, so that one fix of the table answers all of them. */
  private static void checkColumns(String spec, Table table, Schema rows) {
    Map<String, TableFieldSchema> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // BigQuery names ignore case
    if (table.getSchema() != null && table.getSchema().getFields() != null) {
      table.getSchema().getFields().forEach(column -> columns.put(column.getName(), column));
    }
    List<String> problems = new ArrayList<>();
    for (TableFieldSchema wanted : BigQueryUtils.toTableSchema(rows).getFields()) {
      TableFieldSchema column = columns.remove(wanted.getName());
      if (column == null) {
        problems.add("no column " + wanted.getName() + " for the forecasts' " + typeOf(wanted));
      } else if (!fits(wanted, column)) {
        problems.add("column " + column.getName() + " is " + typeOf(column) + ", the forecasts' is " + typeOf(wanted));
      }
    }
    for (TableFieldSchema extra : columns.values()) {
      if ("REQUIRED".equals(modeOf(extra))) {
        problems.add("column " + extra.getName() + " is " + typeOf(extra) + " but the forecasts have no such column");
      }
    }
    checkArgument(
        problems.isEmpty(),
        "bigQuery %s: the table does not fit the forecasts, the load would fail: %s",
        spec, String.join("; ", problems));
  }

  private static boolean fits(TableFieldSchema wanted, TableFieldSchema column) {
    String wantedMode = modeOf(wanted);
    String columnMode = modeOf(column);
    boolean modeFits = wantedMode.equals(columnMode)
        || ("REQUIRED".equals(wantedMode) && "NULLABLE".equals(columnMode)); // never null fits nullable
    return modeFits && standardType(wanted).equals(standardType(column));
  }

  private static String typeOf(TableFieldSchema field) {
    return field.getType() + " " + modeOf(field);
  }

  private static String modeOf(TableFieldSchema field) {
    return field.getMode() == null ? "NULLABLE" : field.getMode().toUpperCase(Locale.ROOT);
  }

  /** The standard SQL name of a type that BigQuery also spells with its legacy name. */
  private static String standardType(TableFieldSchema field) {
    String type = String.valueOf(field.getType()).toUpperCase(Locale.ROOT);
    switch (type) {
      case "INTEGER":
        return "INT64";
      case "FLOAT":
        return "FLOAT64";
      case "BOOLEAN":
        return "BOOL";
      case "RECORD":
        return "STRUCT";
      default:
        return type;
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
