package io.timerbeam.io;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.commons.csv.CSVFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Parses one CSV file record by record; every data record becomes an observation or a failure naming file:line. */
final class CsvObservationFn extends DoFn<FileIO.ReadableFile, Row> {
  private final ObservationConverter converter;
  private final Schema output;
  private final Schema failure;
  private final CSVFormat format;
  private final List<String> headerlessColumns;

  CsvObservationFn(
      ObservationConverter converter, Schema output, CSVFormat format, List<String> headerlessColumns) {
    this.converter = converter;
    this.output = output;
    this.failure = ObservationReadResult.failureSchema(output);
    this.format = format;
    this.headerlessColumns = headerlessColumns;
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
      throws IOException {
    String path = file.getMetadata().resourceId().toString();
    try (CsvRecords records = CsvRecords.open(file.open(), format)) {
      // Checked before the run too (CsvObservationSource); here again for files changed since.
      CsvHeader header;
      try {
        header = CsvHeader.read(records, headerlessColumns, converter.requiredColumns());
      } catch (InvalidObservationException e) {
        fail(out, null, path + ":1", e.getMessage(), null);
        return;
      } catch (CsvRecords.MalformedCsvException e) {
        fail(out, null, path + ":" + e.line, e.getMessage(), null);
        return;
      }
      int dataRecords = 0;
      try {
        for (List<String> record = records.next(); record != null; record = records.next()) {
          List<String> fields = record;
          ObservationConverter.Record source = column -> header.field(fields, column);
          dataRecords++;
          try {
            if (CsvRecords.notUtf8(fields)) {
              throw new InvalidObservationException(
                  "not UTF-8 text (the record holds U+FFFD, the decoder's mark for bytes it could not read)");
            }
            if (fields.size() != header.size()) {
              throw new InvalidObservationException(
                  "expected " + header.size() + " fields, found " + fields.size());
            }
            if (converter.wide()) {
              melt(out, source, header, path + ":" + records.line(), fields);
            } else {
              out.get(ObservationReadResult.OBSERVATIONS).output(converter.convert(source, output));
            }
          } catch (InvalidObservationException e) {
            fail(out, converter.wide() ? null : source, path + ":" + records.line(), e.getMessage(), record(fields));
          }
        }
      } catch (CsvRecords.MalformedCsvException e) {
        fail(out, null, path + ":" + e.line, e.getMessage(), null);
        return;
      }
      if (dataRecords == 0) {
        fail(out, null, path + ":1", "no data records, only a header", null);
      }
    }
  }

  /** A wide record becomes one row per series column; a bad field fails only its series' row. */
  private void melt(MultiOutputReceiver out, ObservationConverter.Record source, CsvHeader header, String location,
      List<String> fields) {
    for (String series : converter.seriesColumns(header.columns())) {
      try {
        out.get(ObservationReadResult.OBSERVATIONS).output(converter.convertColumn(source, series, output));
      } catch (InvalidObservationException e) {
        fail(out, converter.seriesRecord(source, series), location, e.getMessage(), record(fields));
      }
    }
  }

  /** A failure row; {@code record} gives its ids, null where there is no record (a header, a malformed file). */
  private void fail(MultiOutputReceiver out, ObservationConverter.@Nullable Record record, String location, String reason,
      @Nullable String raw) {
    List<Object> ids = record == null ? Collections.nCopies(converter.idColumns().size(), null) : converter.idsOf(record);
    out.get(ObservationReadResult.FAILURES).output(ObservationReadResult.failure(failure, ids, location, reason, raw));
  }

  /** The record as the file would hold it, quoted where a field needs it (RFC 4180), so that it reads back as it was. */
  private String record(List<String> fields) {
    return format.format(fields.toArray());
  }
}
