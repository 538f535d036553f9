package io.timerbeam.io;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes forecast rows idempotently to a {@link ForecastSink}. Create with {@link
 * ForecastIO#writeForecasts()}.
 *
 * <p>The series id columns default to every column before {@code forecast_timestamp} (the agreed
 * forecast row layout); {@link #withIdColumns} declares them explicitly instead. Rows of another
 * shape (e.g. evaluation metrics) are written with {@link #withKeyColumns}, their primary key. The
 * {@link ForecastWriteResult} tells a later step, through {@code Wait.on}, that every row is written.
 */
@AutoValue
public abstract class WriteForecasts extends PTransform<PCollection<Row>, ForecastWriteResult> {
  abstract @Nullable ForecastSink sink();

  abstract List<String> idColumns();

  abstract List<String> keyColumns();

  abstract Builder toBuilder();

  static WriteForecasts create() {
    return new AutoValue_WriteForecasts.Builder().setIdColumns(List.of()).setKeyColumns(List.of()).build();
  }

  public WriteForecasts to(ForecastSink sink) {
    return toBuilder().setSink(checkArgumentNotNull(sink, "to: sink must not be null")).build();
  }

  public WriteForecasts withIdColumns(String... idColumns) {
    checkArgument(idColumns != null && idColumns.length > 0, "withIdColumns: give at least one column");
    return toBuilder().setIdColumns(List.of(idColumns)).build();
  }

  /**
   * Writes rows of any schema keyed by these columns (a rerun replaces each key's row) instead of
   * forecast rows keyed by (ids, context_end_timestamp, forecast_timestamp, model_id).
   */
  public WriteForecasts withKeyColumns(String... keyColumns) {
    checkArgument(keyColumns != null && keyColumns.length > 0, "withKeyColumns: give at least one column");
    return toBuilder().setKeyColumns(List.of(keyColumns)).build();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("idColumns", String.join(",", idColumns())).withLabel("Series id columns"))
        .add(DisplayData.item("keyColumns", String.join(",", keyColumns())).withLabel("Upsert key columns (empty: the forecast key)"));
    ForecastSink sink = sink();
    if (sink != null) {
      builder.include("sink", sink);
    }
  }

  @Override
  public ForecastWriteResult expand(PCollection<Row> forecasts) {
    ForecastSink sink = checkArgumentNotNull(sink(), "writeForecasts: call to(ForecastSink) first");
    checkArgument(forecasts.hasSchema(), "writeForecasts: the input PCollection has no schema");
    Schema schema = forecasts.getSchema();
    List<String> key = keyColumns().isEmpty()
        ? ForecastKeys.keyColumns(ForecastKeys.idColumns(schema, idColumns()))
        : ForecastKeys.declaredKey(schema, keyColumns());
    return ForecastWriteResult.in(sink.write(forecasts, key));
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSink(ForecastSink sink);

    abstract Builder setIdColumns(List<String> idColumns);

    abstract Builder setKeyColumns(List<String> keyColumns);

    abstract WriteForecasts build();
  }
}
