package io.timerbeam.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The records of one CSV file as RFC 4180 defines them (a quoted field may hold delimiters, quotes
 * and line breaks; CRLF or LF), each with the line it starts on. The text must be UTF-8 (see {@link
 * #notUtf8}); a leading byte order mark is skipped. Blank lines are skipped. A malformed record (an
 * unclosed quote, text after a closing quote) ends the file: where the next record would
 * start cannot be known, so the rest is reported once instead of guessed at.
 */
final class CsvRecords implements Closeable {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private long lastLineRead;
  private long line;
  private boolean broken;

  private CsvRecords(CSVParser parser) {
    this.parser = parser;
    this.records = parser.iterator();
  }

  /** {@code format} is the delimiter and quote to use; the other settings are this class's. */
  static CsvRecords open(ReadableByteChannel channel, CSVFormat format) throws IOException {
    // Bytes that are not UTF-8 become U+FFFD, which the reader then refuses record by record.
    Reader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return new CsvRecords(new CSVParser(reader,
        format.withIgnoreEmptyLines(false).withIgnoreSurroundingSpaces(false).withTrim(false)));
  }

  /** The fields of the next non-blank record, or null at the end of the file. */
  @Nullable List<String> next() throws MalformedCsvException {
    while (!broken) {
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (IllegalStateException | UncheckedIOException e) {
        broken = true;
        throw new MalformedCsvException(lastLineRead + 1, describe(e));
      }
      line = lastLineRead + 1;
      lastLineRead = parser.getCurrentLineNumber();
      List<String> fields = new ArrayList<>(record.size());
      record.forEach(fields::add);
      if (fields.size() != 1 || !fields.get(0).trim().isEmpty()) {
        return fields;
      }
    }
    return null;
  }

  /** The line the record last returned by {@link #next} starts on (1-based). */
  long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** Whether a record holds U+FFFD, which the decoder puts where bytes are not UTF-8. */
  static boolean notUtf8(List<String> fields) {
    return fields.stream().anyMatch(field -> field.indexOf('\uFFFD') >= 0);
  }

  private static String describe(RuntimeException e) {
    String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    // commons-csv's wording, e.g. "(startline 5) EOF reached before encapsulated token finished".
    return message.replaceFirst("^\\(line \\d+\\) |^\\(startline \\d+\\) ", "").replace("encapsulated token", "quoted field");
  }

  /** A record that cannot be parsed; nothing after it in the file is read. */
  static final class MalformedCsvException extends Exception {
    private static final long serialVersionUID = 1L;
    final long line;

    MalformedCsvException(long line, String problem) {
      super("malformed CSV record starting at this line (" + problem + "); the rest of the file was not read");
      this.line = line;
    }
  }
}
