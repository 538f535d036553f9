package io.timerbeam.io;

import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.FailureBadRecords;
import org.apache.beam.sdk.transforms.display.DisplayData;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
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
public final class ReadObservations extends PTransform<PBegin, ObservationReadResult> {
  private final @Nullable ObservationSource source;
  private final List<String> idColumns;
  private final String timestampColumn;
  private final String valueColumn;
  private final String timeZone;
  private final @Nullable String timestampFormat;
  private final boolean wide;
  private final @Nullable ErrorHandler<BadRecord, ?> errorHandler;

  private ReadObservations(
      @Nullable ObservationSource source,
      List<String> idColumns,
      String timestampColumn,
      String valueColumn,
      String timeZone,
      @Nullable String timestampFormat,
      boolean wide,
      @Nullable ErrorHandler<BadRecord, ?> errorHandler) {
    this.source = source;
    this.idColumns = idColumns;
    this.timestampColumn = timestampColumn;
    this.valueColumn = valueColumn;
    this.timeZone = timeZone;
    this.timestampFormat = timestampFormat;
    this.wide = wide;
    this.errorHandler = errorHandler;
  }

  static ReadObservations create() {
    return new ReadObservations(null, List.of(Columns.UNIQUE_ID), Columns.DS, Columns.Y, "UTC", null, false, null);
  }

  public ReadObservations from(ObservationSource source) {
    if (source == null) {
      throw new IllegalArgumentException("from: source must not be null");
    }
    return new ReadObservations(
        source, idColumns, timestampColumn, valueColumn, timeZone, timestampFormat, wide, errorHandler);
  }

  /** The series id columns (default {@code unique_id}). */
  public ReadObservations withIdColumns(String... idColumns) {
    if (idColumns == null || idColumns.length == 0) {
      throw new IllegalArgumentException("withIdColumns: give at least one column");
    }
    for (String id : idColumns) {
      checkName("withIdColumns", id);
    }
    return new ReadObservations(
        source,
        Collections.unmodifiableList(Arrays.asList(idColumns.clone())),
        timestampColumn,
        valueColumn,
        timeZone,
        timestampFormat,
        wide,
        errorHandler);
  }

  /** The timestamp column (default {@code ds}). */
  public ReadObservations withTimestampColumn(String column) {
    return new ReadObservations(
        source, idColumns, checkName("withTimestampColumn", column), valueColumn, timeZone,
        timestampFormat, wide, errorHandler);
  }

  /** The value column (default {@code y}). */
  public ReadObservations withValueColumn(String column) {
    return new ReadObservations(
        source, idColumns, timestampColumn, checkName("withValueColumn", column), timeZone,
        timestampFormat, wide, errorHandler);
  }

  /** Zone for timestamps without offset (default UTC). */
  public ReadObservations withTimeZone(String zoneId) {
    try {
      ZoneId.of(zoneId);
    } catch (DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException("withTimeZone: unknown zone '" + zoneId + "'", e);
    }
    return new ReadObservations(
        source, idColumns, timestampColumn, valueColumn, zoneId, timestampFormat, wide, errorHandler);
  }

  /** A {@link DateTimeFormatter} pattern for text timestamps (default ISO-8601). */
  public ReadObservations withTimestampFormat(String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("withTimestampFormat: bad pattern '" + pattern + "'", e);
    }
    return new ReadObservations(source, idColumns, timestampColumn, valueColumn, timeZone, pattern, wide, errorHandler);
  }

  /**
   * Reads a wide file, one series per column: every column but the timestamp becomes a series
   * whose id (the single id column's value) is the column name and whose values are that
   * column's. Each record is melted into its long rows as it is read. CSV sources only.
   */
  public ReadObservations withWideColumns() {
    return new ReadObservations(source, idColumns, timestampColumn, valueColumn, timeZone, timestampFormat, true, errorHandler);
  }

  /**
   * Also sends every failure row to {@code handler} as a Beam {@link BadRecord}, as {@link
   * io.timerbeam.transforms.TimerForecast.Quantiles#withErrorHandler} does its own: the record is the
   * failure row, the description {@code error_code: error_message}. {@link ObservationReadResult#failures()}
   * still holds them.
   */
  public ReadObservations withErrorHandler(ErrorHandler<BadRecord, ?> handler) {
    if (handler == null) {
      throw new IllegalArgumentException("withErrorHandler: must not be null");
    }
    return new ReadObservations(source, idColumns, timestampColumn, valueColumn, timeZone, timestampFormat, wide, handler);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("idColumns", String.join(",", idColumns)).withLabel("Series id columns"))
        .add(DisplayData.item("timestampColumn", timestampColumn).withLabel("Timestamp column"))
        .add(DisplayData.item("valueColumn", valueColumn).withLabel("Value column"))
        .add(DisplayData.item("timeZone", timeZone).withLabel("Time zone of zone-less timestamps"))
        .addIfNotNull(DisplayData.item("timestampFormat", timestampFormat).withLabel("Timestamp pattern"))
        .add(DisplayData.item("wide", wide).withLabel("One column per series"));
    if (source != null) {
      builder.include("source", source);
    }
  }

  @Override
  public ObservationReadResult expand(PBegin begin) {
    ObservationReadResult result = source().read(begin, converter());
    FailureBadRecords.report(result.failures(), errorHandler);
    return result;
  }

  /**
   * Checks the input without a pipeline where the source can (CSV: the files exist and their
   * headers hold the columns; JDBC, DuckDB, Parquet: the query's columns do), throwing {@link IllegalArgumentException} as the read would; lets a
   * command fail before Beam's start-up. The read checks again.
   */
  public void checkInput() {
    source().checkBeforeRead(converter());
  }

  private ObservationSource source() {
    if (source == null) {
      throw new IllegalArgumentException("readObservations: call from(ObservationSource) first");
    }
    return source;
  }

  private ObservationConverter converter() {
    if (wide && (idColumns.size() != 1 || !(source() instanceof CsvObservationSource))) {
      throw new IllegalArgumentException(
          "withWideColumns: needs a CSV source and exactly one id column (to hold the column names), got " + idColumns);
    }
    return new ObservationConverter(idColumns, timestampColumn, valueColumn, timeZone, timestampFormat, wide);
  }

  private static String checkName(String option, String column) {
    if (column == null || column.trim().isEmpty()) {
      throw new IllegalArgumentException(option + ": column name must not be empty");
    }
    return column;
  }
}
