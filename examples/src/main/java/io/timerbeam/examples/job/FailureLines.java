package io.timerbeam.examples.job;

import io.timerbeam.io.CsvText;
import io.timerbeam.transforms.ForecastResult;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * One CSV line per failure, from either stage, so a single file says what was lost and why:
 * {@code stage,where,code,reason}. Read failures name their file and line, series failures their id.
 */
final class FailureLines {
  static final String HEADER = "stage,where,code,reason";
  static final String NAMESPACE = "timers1";
  static final String READ_FAILURES = "read_failures";

  private FailureLines() {}

  /** A row of the io module's read-failure schema (source, location, reason, raw). */
  static final class FromRead extends DoFn<Row, String> {
    private static final long serialVersionUID = 1L;
    private final Counter count = Metrics.counter(NAMESPACE, READ_FAILURES);

    @ProcessElement
    public void process(@Element Row failure, OutputReceiver<String> out) {
      count.inc();
      out.output(line("read", failure.getString("location"), "unreadable_row", failure.getString("reason")));
    }
  }

  /** A row of the transform's failure schema (id columns, error_code, error_message). */
  static final class FromForecast extends DoFn<Row, String> {
    private static final long serialVersionUID = 1L;
    private final List<String> idColumns;

    FromForecast(List<String> idColumns) {
      this.idColumns = idColumns;
    }

    @ProcessElement
    public void process(@Element Row failure, OutputReceiver<String> out) {
      out.output(line("forecast", SeriesIds.of(failure, idColumns), failure.getString(ForecastResult.ERROR_CODE),
          cliWording(failure.getString(ForecastResult.ERROR_MESSAGE))));
    }
  }

  /** The transform's reasons name its Java options; a command-line user needs the flags. */
  static String cliWording(String reason) {
    return reason == null ? null : reason
        .replace("withDuplicates(MEAN|SUM|LAST)", "--duplicates mean|sum|last")
        .replace("withResampling(...)", "--resampling mean|sum|last")
        .replace("withFrequency(...)", "--frequency")
        .replace("withMinObservations is", "--min-observations is");
  }

  static String line(String stage, String where, String code, String reason) {
    return CsvText.record(Arrays.asList(stage, where, code, reason));
  }
}
