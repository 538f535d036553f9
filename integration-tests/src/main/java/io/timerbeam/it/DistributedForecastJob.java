package io.timerbeam.it;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.jdbc.JdbcObservationSource;
import io.timerbeam.io.jdbc.SqlForecastSink;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The forecast pipeline the distributed tests submit: observations from a PostgreSQL table (or
 * made up on the workers, {@link GeneratedObservations}), the Timer-S1 transform, forecasts
 * upserted into another table. The same code runs on the DirectRunner, a Flink cluster and
 * Dataflow; only the options differ.
 */
public final class DistributedForecastJob {
  public static final String SERIES_ID = "series_id";
  public static final String TIMESTAMP = "ts";
  public static final String VALUE = "value";

  private DistributedForecastJob() {}

  public static Pipeline build(DistributedForecastJobOptions options) {
    Pipeline pipeline = Pipeline.create(options);
    JdbcIO.DataSourceConfiguration database =
        JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", options.getJdbcUrl())
            .withUsername(options.getJdbcUser())
            .withPassword(options.getJdbcPassword());
    PCollection<Row> observations = options.getGeneratedSeries() > 0
        ? pipeline.apply("Generate observations",
            new GeneratedObservations(options.getGeneratedSeries(), options.getGeneratedPoints()))
        : pipeline
            .apply("Read observations", ForecastIO.readObservations()
                .from(JdbcObservationSource.ofTable(database, options.getObservationsTable()))
                .withIdColumns(SERIES_ID)
                .withTimestampColumn(TIMESTAMP)
                .withValueColumn(VALUE))
            .observations();
    // Both inputs stamp the columns' roles on their rows: the transform needs no column options.
    TimerForecast.Forecasts forecast = TimerForecast.forecasts()
        .withHorizon(options.getHorizon())
        .withBatchSize(options.getBatchSize())
        .withModel(ModelSpec.of(options.getCheckpoint()).withDevice(options.getDevice()));
    if (options.getContextLength() > 0) {
      forecast = forecast.withContextLength(options.getContextLength());
    }
    observations
        .apply("Forecast", forecast)
        .forecasts()
        .apply("Write forecasts", ForecastIO.writeForecasts()
            .to(SqlForecastSink.of(database, options.getForecastsTable())));
    return pipeline;
  }

  public static void main(String[] args) {
    DistributedForecastJobOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(DistributedForecastJobOptions.class);
    build(options).run().waitUntilFinish();
  }
}
