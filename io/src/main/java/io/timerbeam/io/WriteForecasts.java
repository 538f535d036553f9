package io.timerbeam.io;

import org.apache.beam.sdk.transforms.display.DisplayData;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes forecast rows idempotently to a {@link ForecastSink}. Create with {@link
 * ForecastIO#writeForecasts()}.
 *
 * <p>The series id columns default to every column before {@code forecast_timestamp} (the agreed
 * forecast row layout); {@link #withIdColumns} declares them explicitly instead. Rows of another
 * shape (e.g. evaluation metrics) are written with {@link #withKeyColumns}, their primary key.
 */
public final class WriteForecasts extends PTransform<PCollection<Row>, PDone> {
  private final @Nullable ForecastSink sink;
  private final List<String> idColumns;
  private final List<String> keyColumns;

  private WriteForecasts(@Nullable ForecastSink sink, List<String> idColumns, List<String> keyColumns) {
    this.sink = sink;
    this.idColumns = idColumns;
    this.keyColumns = keyColumns;
  }

  static WriteForecasts create() {
    return new WriteForecasts(null, Collections.emptyList(), Collections.emptyList());
  }

  public WriteForecasts to(ForecastSink sink) {
    if (sink == null) {
      throw new IllegalArgumentException("to: sink must not be null");
    }
    return new WriteForecasts(sink, idColumns, keyColumns);
  }

  public WriteForecasts withIdColumns(String... idColumns) {
    if (idColumns == null || idColumns.length == 0) {
      throw new IllegalArgumentException("withIdColumns: give at least one column");
    }
    return new WriteForecasts(sink, Collections.unmodifiableList(Arrays.asList(idColumns.clone())), keyColumns);
  }

  /**
   * Writes rows of any schema keyed by these columns (a rerun replaces each key's row) instead of
   * forecast rows keyed by (ids, context_end_timestamp, forecast_timestamp, model_id).
   */
  public WriteForecasts withKeyColumns(String... keyColumns) {
    if (keyColumns == null || keyColumns.length == 0) {
      throw new IllegalArgumentException("withKeyColumns: give at least one column");
    }
    return new WriteForecasts(sink, idColumns, Collections.unmodifiableList(Arrays.asList(keyColumns.clone())));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("idColumns", String.join(",", idColumns)).withLabel("Series id columns"))
        .add(DisplayData.item("keyColumns", String.join(",", keyColumns)).withLabel("Upsert key columns (empty: the forecast key)"));
    if (sink != null) {
      builder.include("sink", sink);
    }
  }

  @Override
  public PDone expand(PCollection<Row> forecasts) {
    if (sink == null) {
      throw new IllegalArgumentException("writeForecasts: call to(ForecastSink) first");
    }
    if (!forecasts.hasSchema()) {
      throw new IllegalArgumentException("writeForecasts: the input PCollection has no schema");
    }
    sink.write(forecasts, keyColumns.isEmpty()
        ? ForecastKeys.keyColumns(ForecastKeys.idColumns(forecasts.getSchema(), idColumns))
        : ForecastKeys.declaredKey(forecasts.getSchema(), keyColumns));
    return PDone.in(forecasts.getPipeline());
  }
}
