package io.timerbeam.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The columns of a CSV file (names trimmed), usable only when unique and holding every required column. */
final class CsvHeader {
  private final List<String> columns;
  private final Map<String, Integer> index;

  private CsvHeader(List<String> columns, Map<String, Integer> index) {
    this.columns = columns;
    this.index = index;
  }

  /** The header, or an {@link InvalidObservationException} naming the duplicated or missing columns. */
  static CsvHeader of(List<String> names, List<String> required) throws InvalidObservationException {
    List<String> columns = new ArrayList<>(names.size());
    Map<String, Integer> index = new HashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (String name : names) {
      String column = name.trim();
      if (index.putIfAbsent(column, columns.size()) != null) {
        duplicates.add(column);
      }
      columns.add(column);
    }
    if (!duplicates.isEmpty()) {
      throw new InvalidObservationException("duplicate column(s) " + duplicates + " in the header " + columns);
    }
    List<String> missing = new ArrayList<>(required);
    missing.removeIf(index::containsKey);
    if (!missing.isEmpty()) {
      List<String> unused = new ArrayList<>(columns);
      unused.removeAll(required);
      throw new InvalidObservationException("missing column(s) " + missing + " (header " + columns + ")"
          + (unused.size() > 1 ? "; if each of " + unused + " is one series, read the file wide (--wide, withWideColumns())" : ""));
    }
    return new CsvHeader(Collections.unmodifiableList(columns), index);
  }

  /**
   * Reads the header record of {@code records}, or takes {@code headerless} when the file has none,
   * and checks it.
   */
  static CsvHeader read(CsvRecords records, List<String> headerless, List<String> required)
      throws InvalidObservationException, CsvRecords.MalformedCsvException {
    if (!headerless.isEmpty()) {
      return of(headerless, required);
    }
    List<String> names = records.next();
    if (names == null) {
      throw new InvalidObservationException("empty file: no header line");
    }
    return of(names, required);
  }

  List<String> columns() {
    return columns;
  }

  int size() {
    return columns.size();
  }

  /** The field of {@code column} in a record of this file; null where the record is too short to hold it. */
  @Nullable String field(List<String> record, String column) {
    Integer i = index.get(column);
    return i == null || i >= record.size() ? null : record.get(i);
  }
}
