package io.timerbeam.examples.pipelines;

import com.google.api.services.bigquery.model.TableRow;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.gcp.BigQueryForecastSink;
import io.timerbeam.io.gcp.BigQueryObservationSource;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;

/**
 * BigQuery in, BigQuery out: a table of observations ({@code unique_id, ds, y}) is forecast into a
 * day-partitioned forecasts table (each run truncates the partitions of the context-end days it
 * writes, so a rerun replaces rather than duplicates). Run it on Dataflow with {@code --project},
 * {@code --region} and {@code --tempLocation=gs://...}.
 */
public final class BigQueryForecastJob {
  private BigQueryForecastJob() {}

  /**
   * @param read {@code BigQueryIO.readTableRowsWithSchema()}, or one configured for tests
   * @param sink {@code BigQueryForecastSink.of(forecastsTable)}, or one configured for tests
   */
  static void build(Pipeline pipeline, String observationsTable, String model, int horizon,
      BigQueryIO.TypedRead<TableRow> read, BigQueryForecastSink sink) {
    pipeline
        // unique_id, ds, y: the read's defaults, stamped on its rows for the forecast.
        .apply(ForecastIO.readObservations().from(BigQueryObservationSource.of(read.from(observationsTable))))
        .observations()
        .apply(TimerForecast.forecasts().withHorizon(horizon).withModel(ModelSpec.of(model)))
        .forecasts()
        .apply(ForecastIO.writeForecasts().to(sink));
  }
}
