package io.timerbeam.examples.pipelines;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ForecastSink;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.files.CsvText;
import io.timerbeam.io.jdbc.SqlForecastSink;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.ForecastResult;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The nightly batch job: yesterday's Parquet export of observations ({@code unique_id, ds, y}) is
 * forecast with Timer-S1 and upserted into the warehouse (a DuckDB file or a PostgreSQL URL), so a
 * retried night leaves one row per key. Series that cannot be forecast land in a CSV with their reason.
 *
 * <pre>
 * java ... io.timerbeam.examples.pipelines.NightlyBatchJob --input='/exports/2026-11-24/*.parquet' \
 *   --model=/models/Timer-S1 --warehouse=jdbc:postgresql://db/analytics?user=etl --horizon=28
 * </pre>
 */
public final class NightlyBatchJob {
  /** The job's options, on top of the runner's. */
  public interface Options extends PipelineOptions {
    @Description("Parquet files of observations with columns unique_id, ds, y (a glob)")
    @Validation.Required
    String getInput();

    void setInput(String input);

    @Description("Timer-S1 checkpoint folder")
    @Validation.Required
    String getModel();

    void setModel(String model);

    @Description("A .duckdb file or a jdbc:postgresql: URL")
    @Default.String("forecasts.duckdb")
    String getWarehouse();

    void setWarehouse(String warehouse);

    @Description("Steps to forecast")
    @Default.Integer(28)
    int getHorizon();

    void setHorizon(int horizon);

    @Description("CSV file for the series that could not be forecast")
    @Default.String("nightly-failures.csv")
    String getFailures();

    void setFailures(String failures);
  }

  private NightlyBatchJob() {}

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    pipeline.run().waitUntilFinish();
  }

  static void build(Pipeline pipeline, Options options) {
    // The Parquet files have Nixtla's columns (unique_id, ds, y): the read's defaults, stamped on its rows.
    ObservationReadResult read = pipeline.apply(ForecastIO.readObservations().from(DuckDb.parquet(options.getInput())));
    ForecastResult forecast = read.observations().apply(TimerForecast.forecasts()
        .withHorizon(options.getHorizon())
        .withModel(ModelSpec.of(options.getModel())));
    forecast.forecasts().apply(ForecastIO.writeForecasts().to(warehouse(options.getWarehouse())));
    // Read and forecast failures have one schema: one file of both.
    PCollectionList.of(read.failures()).and(forecast.failures())
        .apply("AllFailures", Flatten.pCollections())
        .apply(MapElements.into(TypeDescriptors.strings()).via(f -> CsvText.record(Arrays.asList(
            f.getString(Columns.UNIQUE_ID), f.getString(Columns.ERROR_CODE), f.getString(Columns.ERROR_MESSAGE)))))
        .apply(TextIO.write().to(options.getFailures()).withoutSharding()
            .withHeader(String.join(",", Columns.UNIQUE_ID, Columns.ERROR_CODE, Columns.ERROR_MESSAGE)));
  }

  /** The {@code forecasts} table of a PostgreSQL URL or of a DuckDB file. */
  static ForecastSink warehouse(String location) {
    if (location.startsWith("jdbc:postgresql:")) {
      return SqlForecastSink.of(JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", location), "forecasts");
    }
    checkArgument(location.endsWith(".duckdb"), "--warehouse %s: give a .duckdb file or a jdbc:postgresql: URL", location);
    return DuckDb.sink(location, "forecasts");
  }
}
