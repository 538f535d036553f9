package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one series gave a caller that sees one series per call ({@link OneSeriesForecaster},
 * {@link OneSeriesEvaluator}, {@link OneSeriesDetector}): its rows and the failure rows of its parts, or
 * why the series as a whole could not be used.
 */
public final class OneSeriesOutcome {
  private final List<Row> rows;
  private final List<Row> failures;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;

  private OneSeriesOutcome(List<Row> rows, List<Row> failures, @Nullable String errorCode, @Nullable String errorMessage) {
    this.rows = rows;
    this.failures = failures;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  static OneSeriesOutcome of(List<Row> rows) {
    return of(rows, List.of());
  }

  static OneSeriesOutcome of(List<Row> rows, List<Row> failures) {
    return new OneSeriesOutcome(rows, failures, null, null);
  }

  static OneSeriesOutcome rejected(SeriesRejection rejection) {
    return new OneSeriesOutcome(List.of(), List.of(), rejection.code(), rejection.getMessage());
  }

  /** The rows (without id columns); empty when the series failed as a whole. */
  public List<Row> rows() {
    return rows;
  }

  /** Failure rows ({@link Columns#failureSchema}, without id columns) of parts of the series, e.g. a target window. */
  public List<Row> failures() {
    return failures;
  }

  /** A {@link TimerForecast} failure code ({@code too_few_observations}, {@code duplicate_timestamp}...), or null. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  public @Nullable String errorMessage() {
    return errorMessage;
  }
}
