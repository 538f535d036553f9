package io.timerbeam.examples.pipelines;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.jdbc.JdbcObservationSource;
import io.timerbeam.io.jdbc.SqlForecastSink;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * SQL-warehouse enrichment: the {@code sales} table of a PostgreSQL warehouse is forecast into a
 * {@code sales_forecasts} table next to it, and a view {@code sales_with_forecasts} puts actuals and
 * forecasts (with their 80% interval) side by side for analysts and dashboards.
 */
public final class WarehouseEnrichment {
  static final String VIEW = "sales_with_forecasts";

  private WarehouseEnrichment() {}

  /** Adds the read-forecast-write steps; the view is created by {@link #createView} after the run. */
  static void build(Pipeline pipeline, String jdbcUrl, String model, int horizon) {
    JdbcIO.DataSourceConfiguration warehouse = JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", jdbcUrl);
    pipeline
        .apply(ForecastIO.readObservations().from(JdbcObservationSource.ofTable(warehouse, "sales"))
            .withIdColumns("store", "item").withTimestampColumn("day").withValueColumn("units"))
        .observations() // its columns stamped with their roles: the forecast needs no column options
        .apply(TimerForecast.forecasts()
            .withHorizon(horizon).withModel(ModelSpec.of(model)))
        .forecasts()
        .apply(ForecastIO.writeForecasts().to(SqlForecastSink.of(warehouse, "sales_forecasts")));
  }

  /** Actuals and the latest run's forecasts in one view: one row per series and day. */
  static void createView(String jdbcUrl) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE VIEW " + VIEW + " AS"
          + " SELECT store, item, day, units AS actual, NULL::double precision AS forecast,"
          + "        NULL::double precision AS lower_80, NULL::double precision AS upper_80 FROM sales"
          + " UNION ALL"
          + " SELECT f.store, f.item, f.forecast_timestamp, NULL, f.forecast_value,"
          + "        f.prediction_interval_lower_bound, f.prediction_interval_upper_bound"
          + " FROM sales_forecasts f"
          + " WHERE f.context_end_timestamp = (SELECT max(context_end_timestamp) FROM sales_forecasts g"
          + "                                  WHERE g.store = f.store AND g.item = f.item)");
    }
  }
}
