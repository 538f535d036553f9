package io.timerbeam.io;

import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.schemas.transforms.Convert;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Observations from a table or query through Beam's own {@link BigQueryIO} read, configured by the
 * caller (project, method, test services...). Tested only against Beam's FakeBigQueryServices.
 */
public final class BigQueryObservationSource extends ObservationSource {
  private final BigQueryIO.TypedRead<TableRow> read;

  private BigQueryObservationSource(BigQueryIO.TypedRead<TableRow> read) {
    this.read = read;
  }

  static BigQueryObservationSource of(BigQueryIO.TypedRead<TableRow> read) {
    if (read == null) {
      throw new IllegalArgumentException("bigQuery: read must not be null");
    }
    return new BigQueryObservationSource(read);
  }

  @Override
  PCollectionTuple read(PBegin begin, ObservationConverter converter) {
    TableReference table = read.getTable();
    String where = table == null ? "query" : "table " + BigQueryHelpers.toTableSpec(table);
    PCollection<TableRow> tableRows = begin.apply("Read BigQuery", read);
    if (!tableRows.hasSchema()) {
      throw new IllegalArgumentException(
          "bigQuery: use BigQueryIO.readTableRowsWithSchema() so that columns have types");
    }
    PCollection<Row> raw = tableRows.apply("To rows", Convert.toRows());
    return convertRows(raw, converter, "bigquery", "BigQuery " + where, row -> where);
  }
}
