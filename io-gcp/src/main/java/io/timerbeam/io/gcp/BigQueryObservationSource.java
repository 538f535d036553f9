package io.timerbeam.io.gcp;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ObservationConverter;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.ObservationSource;
import org.apache.beam.sdk.transforms.display.DisplayData;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.TypedRead.Method;
import org.apache.beam.sdk.schemas.transforms.Convert;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Observations from a table or query through Beam's own {@link BigQueryIO} read, configured by the
 * caller (project, test services...). Unless the caller chose a method, rows are read through the
 * Storage Read API ({@code DIRECT_READ}: parallel streams, no export job), and a table read asks
 * only for the id, timestamp and value columns. Tested only against Beam's FakeBigQueryServices
 * with a fake storage client.
 */
public final class BigQueryObservationSource extends ObservationSource {
  private final BigQueryIO.TypedRead<TableRow> read;

  private BigQueryObservationSource(BigQueryIO.TypedRead<TableRow> read) {
    this.read = read;
  }

  /**
   * A configured BigQuery read with a schema, e.g. {@code
   * BigQueryIO.readTableRowsWithSchema().from("project:dataset.table")} or {@code .fromQuery(sql)}.
   */
  public static BigQueryObservationSource of(BigQueryIO.TypedRead<TableRow> read) {
    return new BigQueryObservationSource(checkArgumentNotNull(read, "bigQuery: read must not be null"));
  }

  @Override
  public ObservationReadResult read(PBegin begin, ObservationConverter converter) {
    TableReference table = read.getTable();
    String where = table == null ? "query" : "table " + BigQueryHelpers.toTableSpec(table);
    PCollection<TableRow> tableRows = begin.apply("Read BigQuery", storageRead(table, converter));
    checkArgument(tableRows.hasSchema(), "bigQuery: use BigQueryIO.readTableRowsWithSchema() so that columns have types");
    PCollection<Row> raw = tableRows.apply("To rows", Convert.toRows());
    return convertRows(raw, converter, "BigQuery " + where, row -> where);
  }

  private BigQueryIO.TypedRead<TableRow> storageRead(
      @Nullable TableReference table, ObservationConverter converter) {
    BigQueryIO.TypedRead<TableRow> configured =
        read.getMethod() == Method.DEFAULT ? read.withMethod(Method.DIRECT_READ) : read;
    if (table == null || configured.getMethod() != Method.DIRECT_READ) {
      return configured; // projection applies to table storage reads only; a query selects its own columns
    }
    List<String> columns = new ArrayList<>(converter.idColumns());
    columns.add(converter.timestampColumn());
    columns.add(converter.valueColumn());
    return configured.withSelectedFields(columns);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder.include("read", read);
  }
}
