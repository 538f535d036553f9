package io.timerbeam.it;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where {@link DistributedForecastJob} reads observations, writes forecasts, and which checkpoint it runs. */
public interface DistributedForecastJobOptions extends PipelineOptions {
  @Description("JDBC URL of the PostgreSQL database holding the observations and forecasts tables")
  @Validation.Required
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Default.String("postgres")
  String getJdbcUser();

  void setJdbcUser(String value);

  @Default.String("postgres")
  String getJdbcPassword();

  void setJdbcPassword(String value);

  @Description("Table of (series_id, ts, value) rows, one per observation")
  @Default.String("observations")
  String getObservationsTable();

  void setObservationsTable(String value);

  @Description("Table the forecasts are upserted into (created if absent)")
  @Validation.Required
  String getForecastsTable();

  void setForecastsTable(String value);

  @Description("Checkpoint folder, on a path every worker sees")
  @Validation.Required
  String getCheckpoint();

  void setCheckpoint(String value);

  @Description("Engine device on the workers: cpu, or gpu0 on workers with an accelerator")
  @Default.String("cpu")
  String getDevice();

  void setDevice(String value);

  @Default.Integer(28)
  int getHorizon();

  void setHorizon(int value);

  @Description("Most series per engine call")
  @Default.Integer(256)
  int getBatchSize();

  void setBatchSize(int value);

  @Description("Series to make up on the workers instead of reading the observations table (0: read the table)")
  @Default.Long(0)
  long getGeneratedSeries();

  void setGeneratedSeries(long value);

  @Description("Daily points per made-up series (with --generatedSeries)")
  @Default.Integer(2000)
  int getGeneratedPoints();

  void setGeneratedPoints(int value);

  @Description("Most recent points per series the model reads (0: the model's longest context)")
  @Default.Integer(0)
  int getContextLength();

  void setContextLength(int value);
}
