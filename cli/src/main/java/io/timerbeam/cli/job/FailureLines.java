package io.timerbeam.cli.job;

import io.timerbeam.io.files.CsvText;
import io.timerbeam.transforms.Columns;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * One CSV line per failure row ({@link Columns#failureSchema}, the same for reading and
 * forecasting), so a single file says what was lost and why: {@code stage,where,code,reason}.
 * {@code where} is the series id, empty for a record whose id could not be read; a read failure's
 * reason starts with its file:line or table. Counts each stage's failures.
 */
final class FailureLines extends DoFn<Row, String> {
  private static final long serialVersionUID = 1L;
  static final String HEADER = "stage,where,code,reason";
  static final String NAMESPACE = "timers1";
  static final String READ = "read";
  static final String FORECAST = "forecast";
  static final String READ_FAILURES = counterName(READ);
  static final String FORECAST_FAILURES = counterName(FORECAST);

  private final String stage;
  private final List<String> idColumns;
  private final Counter count;

  FailureLines(String stage, List<String> idColumns) {
    this.stage = stage;
    this.idColumns = idColumns;
    this.count = Metrics.counter(NAMESPACE, counterName(stage));
  }

  private static String counterName(String stage) {
    return stage + "_failures";
  }

  @ProcessElement
  public void process(@Element Row failure, OutputReceiver<String> out) {
    count.inc();
    boolean idKnown = idColumns.stream().anyMatch(id -> failure.getValue(id) != null);
    out.output(CsvText.record(Arrays.asList(stage, idKnown ? SeriesIds.of(failure, idColumns) : "",
        failure.getString(Columns.ERROR_CODE), cliWording(failure.getString(Columns.ERROR_MESSAGE)))));
  }

  /** The transform's reasons name its Java options; a command-line user needs the flags. */
  static String cliWording(String reason) {
    return reason == null ? null : reason
        .replace("withDuplicates(MEAN|SUM|LAST)", "--duplicates mean|sum|last")
        .replace("choose a resampling policy (withResampling(MEAN|SUM|LAST)) to bucket such points",
            "bucket such points with --resampling mean|sum|last, or, if they are local times, give their --time-zone")
        .replace("withFrequency(...)", "--frequency")
        .replace("withMinObservations is", "--min-observations is");
  }
}
