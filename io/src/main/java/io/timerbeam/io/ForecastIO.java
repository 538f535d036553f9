package io.timerbeam.io;

/**
 * Entry point for reading observations and writing Timer-S1 forecasts in Beam pipelines.
 *
 * <pre>{@code
 * ObservationReadResult read = p.apply(ForecastIO.readObservations()
 *     .from(ObservationSource.csv("gs://bucket/sales-*.csv"))
 *     .withIdColumns("store", "item").withTimestampColumn("day").withValueColumn("sales"));
 * ForecastWriteResult written = forecasts.apply(ForecastIO.writeForecasts()
 *     .to(DuckDb.sink("forecasts.duckdb", "forecasts"))); // io.timerbeam.io.duckdb, artifact timer-beam-io-duckdb
 * }</pre>
 */
public final class ForecastIO {
  private ForecastIO() {}

  /** Reads observation rows (ids, timestamp, value) from an {@link ObservationSource}. */
  public static ReadObservations readObservations() {
    return ReadObservations.create();
  }

  /** Writes forecast rows idempotently to a {@link ForecastSink}. */
  public static WriteForecasts writeForecasts() {
    return WriteForecasts.create();
  }
}
