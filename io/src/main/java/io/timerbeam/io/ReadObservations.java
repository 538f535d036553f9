package io.timerbeam.io;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import com.google.auto.value.AutoValue;
import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.FailureBadRecords;
import org.apache.beam.sdk.transforms.display.DisplayData;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.values.PBegin;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads observation rows: the id columns, a timestamp column (DATETIME) and a value column
 * (nullable DOUBLE; null marks a missing observation), keeping the source's column names (default
 * {@code unique_id}, {@code ds}, {@code y}) and stamping each with its {@link ColumnRole}, so that
 * {@link io.timerbeam.transforms.TimerForecast} needs no column options. Records that cannot be read
 * go to {@link ObservationReadResult#failures()}. Create with {@link ForecastIO#readObservations()}.
 */
@AutoValue
public abstract class ReadObservations extends PTransform<PBegin, ObservationReadResult> {
  abstract @Nullable ObservationSource source();

  abstract List<String> idColumns();

  abstract String timestampColumn();

  abstract String valueColumn();

  abstract String timeZone();

  abstract @Nullable String timestampFormat();

  abstract boolean wide();

  abstract @Nullable ErrorHandler<BadRecord, ?> errorHandler();

  abstract Builder toBuilder();

  static ReadObservations create() {
    return new AutoValue_ReadObservations.Builder()
        .setIdColumns(List.of(Columns.UNIQUE_ID))
        .setTimestampColumn(Columns.DS)
        .setValueColumn(Columns.Y)
        .setTimeZone("UTC")
        .setWide(false)
        .build();
  }

  public ReadObservations from(ObservationSource source) {
    return toBuilder().setSource(checkArgumentNotNull(source, "from: source must not be null")).build();
  }

  /** The series id columns (default {@code unique_id}). */
  public ReadObservations withIdColumns(String... idColumns) {
    checkArgument(idColumns != null && idColumns.length > 0, "withIdColumns: give at least one column");
    for (String id : idColumns) {
      checkName("withIdColumns", id);
    }
    return toBuilder().setIdColumns(List.of(idColumns)).build();
  }

  /** The timestamp column (default {@code ds}). */
  public ReadObservations withTimestampColumn(String column) {
    return toBuilder().setTimestampColumn(checkName("withTimestampColumn", column)).build();
  }

  /** The value column (default {@code y}). */
  public ReadObservations withValueColumn(String column) {
    return toBuilder().setValueColumn(checkName("withValueColumn", column)).build();
  }

  /** Zone for timestamps without offset (default UTC). */
  public ReadObservations withTimeZone(String zoneId) {
    try {
      ZoneId.of(zoneId);
    } catch (DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException("withTimeZone: unknown zone '" + zoneId + "'", e);
    }
    return toBuilder().setTimeZone(zoneId).build();
  }

  /** A {@link DateTimeFormatter} pattern for text timestamps (default ISO-8601). */
  public ReadObservations withTimestampFormat(String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("withTimestampFormat: bad pattern '" + pattern + "'", e);
    }
    return toBuilder().setTimestampFormat(pattern).build();
  }

  /**
   * Reads a wide file, one series per column: every column but the timestamp becomes a series
   * whose id (the single id column's value) is the column name and whose values are that
   * column's. Each record is melted into its long rows as it is read. CSV sources only.
   */
  public ReadObservations withWideColumns() {
    return toBuilder().setWide(true).build();
  }

  /**
   * Also sends every failure row to {@code handler} as a Beam {@link BadRecord}, as {@link
   * io.timerbeam.transforms.TimerForecast.Forecasts#withErrorHandler} does its own: the record is the
   * failure row, the description {@code error_code: error_message}. {@link ObservationReadResult#failures()}
   * still holds them.
   */
  public ReadObservations withErrorHandler(ErrorHandler<BadRecord, ?> handler) {
    return toBuilder().setErrorHandler(checkArgumentNotNull(handler, "withErrorHandler: must not be null")).build();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("idColumns", String.join(",", idColumns())).withLabel("Series id columns"))
        .add(DisplayData.item("timestampColumn", timestampColumn()).withLabel("Timestamp column"))
        .add(DisplayData.item("valueColumn", valueColumn()).withLabel("Value column"))
        .add(DisplayData.item("timeZone", timeZone()).withLabel("Time zone of zone-less timestamps"))
        .addIfNotNull(DisplayData.item("timestampFormat", timestampFormat()).withLabel("Timestamp pattern"))
        .add(DisplayData.item("wide", wide()).withLabel("One column per series"));
    ObservationSource source = source();
    if (source != null) {
      builder.include("source", source);
    }
  }

  @Override
  public ObservationReadResult expand(PBegin begin) {
    ObservationReadResult result = requiredSource().read(begin, converter());
    FailureBadRecords.report(result.failures(), errorHandler());
    return result;
  }

  /**
   * Checks the input without a pipeline where the source can (CSV: the files exist and their
   * headers hold the columns; JDBC, DuckDB, Parquet: the query's columns do), throwing {@link IllegalArgumentException} as the read would; lets a
   * command fail before Beam's start-up. The read checks again.
   */
  public void checkInput() {
    requiredSource().checkBeforeRead(converter());
  }

  private ObservationSource requiredSource() {
    return checkArgumentNotNull(source(), "readObservations: call from(ObservationSource) first");
  }

  private ObservationConverter converter() {
    checkArgument(
        !wide() || (idColumns().size() == 1 && requiredSource() instanceof CsvObservationSource),
        "withWideColumns: needs a CSV source and exactly one id column (to hold the column names), got %s",
        idColumns());
    return new ObservationConverter(idColumns(), timestampColumn(), valueColumn(), timeZone(), timestampFormat(), wide());
  }

  private static String checkName(String option, String column) {
    checkArgument(column != null && !column.trim().isEmpty(), "%s: column name must not be empty", option);
    return column;
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSource(ObservationSource source);

    abstract Builder setIdColumns(List<String> idColumns);

    abstract Builder setTimestampColumn(String column);

    abstract Builder setValueColumn(String column);

    abstract Builder setTimeZone(String zoneId);

    abstract Builder setTimestampFormat(String pattern);

    abstract Builder setWide(boolean wide);

    abstract Builder setErrorHandler(ErrorHandler<BadRecord, ?> handler);

    abstract ReadObservations build();
  }
}
