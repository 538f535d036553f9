package io.timerbeam.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Parses one CSV file line by line; every data line becomes an observation or a failure. */
final class CsvObservationFn extends DoFn<FileIO.ReadableFile, Row> {
  private final ObservationConverter converter;
  private final Schema output;
  private final CSVFormat format;
  private final List<String> headerlessColumns;

  CsvObservationFn(
      ObservationConverter converter, Schema output, CSVFormat format, List<String> headerlessColumns) {
    this.converter = converter;
    this.output = output;
    this.format = format;
    this.headerlessColumns = headerlessColumns;
  }

  @ProcessElement
  public void processElement(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
      throws IOException {
    String path = file.getMetadata().resourceId().toString();
    try (BufferedReader reader =
        new BufferedReader(Channels.newReader(file.open(), StandardCharsets.UTF_8.name()))) {
      int lineNumber = 0;
      List<String> columns = headerlessColumns;
      if (columns.isEmpty()) {
        String header = reader.readLine();
        lineNumber = 1;
        if (header == null) {
          fail(out, path + ":1", "empty file: no header line", null);
          return;
        }
        try {
          columns = parse(header);
        } catch (InvalidObservationException e) {
          fail(out, path + ":1", "malformed header: " + e.getMessage(), header);
          return;
        }
      }
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        index.put(columns.get(i).trim(), i);
      }
      String missing = missingColumns(index);
      int dataLines = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.trim().isEmpty()) {
          continue;
        }
        dataLines++;
        try {
          if (missing != null) {
            throw new InvalidObservationException(missing + " (header " + columns + ")");
          }
          List<String> fields = parse(line);
          if (fields.size() != columns.size()) {
            throw new InvalidObservationException(
                "expected " + columns.size() + " fields, found " + fields.size());
          }
          out.get(ObservationReadResult.OBSERVATIONS)
              .output(converter.convert(column -> fields.get(index.get(column)), output));
        } catch (InvalidObservationException e) {
          fail(out, path + ":" + lineNumber, e.getMessage(), line);
        }
      }
      if (dataLines == 0) {
        fail(out, path + ":" + Math.max(lineNumber, 1), "empty file: no data lines", null);
      }
    }
  }

  private @Nullable String missingColumns(Map<String, Integer> index) {
    List<String> required = new ArrayList<>(converter.idColumns());
    required.add(converter.timestampColumn());
    required.add(converter.valueColumn());
    required.removeIf(index::containsKey);
    return required.isEmpty() ? null : "missing column(s) " + required;
  }

  private List<String> parse(String line) throws InvalidObservationException {
    try (CSVParser parser = CSVParser.parse(line, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new InvalidObservationException("malformed CSV line");
      }
      List<String> fields = new ArrayList<>();
      records.get(0).forEach(fields::add);
      return fields;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InvalidObservationException("malformed CSV line: " + e.getMessage());
    }
  }

  private static void fail(MultiOutputReceiver out, String location, String reason, @Nullable String raw) {
    out.get(ObservationReadResult.FAILURES)
        .output(ObservationReadResult.failure("csv", location, reason, raw));
  }
}
