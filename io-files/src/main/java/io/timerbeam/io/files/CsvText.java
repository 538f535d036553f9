package io.timerbeam.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/** One RFC 4180 record as text, without its line end (Beam's text sinks add it); any field text round-trips. */
public final class CsvText {
  private CsvText() {}

  /** The record; nulls are empty fields, and fields holding a comma, quote or line break are quoted. */
  public static String record(List<?> values) {
    try {
      StringBuilder line = new StringBuilder();
      CSVFormat.DEFAULT.printRecord(line, values.toArray());
      return line.substring(0, line.length() - 2); // the record separator, CRLF
    } catch (IOException e) {
      throw new UncheckedIOException(e); // StringBuilder does not throw
    }
  }
}
