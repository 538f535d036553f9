package io.timerbeam.transforms;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Failure rows ({@link Columns#failureSchema}: reading's, assembly's and forecasting's) as Beam {@link BadRecord}s for a pipeline's
 * {@link ErrorHandler}: the record is the failure row (as a JSON object of its columns, and encoded
 * with its {@link RowCoder}),
 * the failure's description {@code error_code: error_message}. There is no exception: a series
 * that cannot be forecast is data, not a crash.
 */
public final class FailureBadRecords {
  private FailureBadRecords() {}

  /** Sends every row of {@code failures} to {@code handler} as a bad record; nothing when there is no handler. */
  public static void report(PCollection<Row> failures, @Nullable ErrorHandler<BadRecord, ?> handler) {
    if (handler == null) {
      return;
    }
    handler.addErrorCollection(failures
        .apply("FailuresToBadRecords", ParDo.of(new ToBadRecordFn(failures.getSchema())))
        .setCoder(BadRecord.getCoder(failures.getPipeline())));
  }

  /** The bad record of one failure row. */
  static BadRecord of(Row failure, RowCoder coder) throws IOException {
    return BadRecord.builder()
        .setRecord(BadRecord.Record.builder().addHumanReadableJson(columns(failure)).addCoderAndEncodedRecord(coder, failure).build())
        .setFailure(BadRecord.Failure.builder()
            .setDescription(failure.getString(Columns.ERROR_CODE) + ": " + failure.getString(Columns.ERROR_MESSAGE))
            .build())
        .build();
  }

  /** Column name to value; values JSON has no type for (timestamps, dates, decimals) as their text. */
  private static Map<String, Object> columns(Row row) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < row.getFieldCount(); i++) {
      Object value = row.getValue(i);
      boolean plain = value == null || value instanceof String || value instanceof Boolean
          || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
      columns.put(row.getSchema().getField(i).getName(), plain ? value : String.valueOf(value));
    }
    return columns;
  }

  private static final class ToBadRecordFn extends DoFn<Row, BadRecord> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;
    private transient RowCoder coder;

    ToBadRecordFn(Schema schema) {
      this.schema = schema;
    }

    @Setup
    public void setup() {
      coder = RowCoder.of(schema);
    }

    @ProcessElement
    public void process(@Element Row failure, OutputReceiver<BadRecord> out) throws IOException {
      out.output(of(failure, coder));
    }
  }
}
