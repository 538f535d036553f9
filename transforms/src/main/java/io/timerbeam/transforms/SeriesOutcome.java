package io.timerbeam.transforms;

import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one series gave a caller that sees one series per call ({@link SeriesForecaster},
 * {@link SeriesEvaluator}): its rows, or why the series as a whole could not be used.
 */
public final class SeriesOutcome {
  private final List<Row> rows;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;

  private SeriesOutcome(List<Row> rows, @Nullable String errorCode, @Nullable String errorMessage) {
    this.rows = rows;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  static SeriesOutcome of(List<Row> rows) {
    return new SeriesOutcome(rows, null, null);
  }

  static SeriesOutcome rejected(SeriesRejection rejection) {
    return new SeriesOutcome(List.of(), rejection.code(), rejection.getMessage());
  }

  /** The rows (without id columns); empty when the series failed as a whole. */
  public List<Row> rows() {
    return rows;
  }

  /** A {@link TimerForecast} failure code ({@code too_few_observations}, {@code duplicate_timestamp}...), or null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  public @Nullable String errorMessage() {
    return errorMessage;
  }
}
