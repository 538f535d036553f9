package io.timerbeam.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.commons.csv.CSVFormat;

/**
 * Observations from CSV files. Each record must fit on one line (so that a malformed line costs
 * only that line and failures can name file:line). Ids are read as STRING; timestamps are parsed
 * as ISO-8601 (or {@link ReadObservations#withTimestampFormat}) in {@link
 * ReadObservations#withTimeZone} when they carry no offset. A pattern matching no file fails the
 * pipeline; an empty file is reported as a failure.
 */
public final class CsvObservationSource extends ObservationSource {
  private final String filePattern;
  private final char delimiter;
  private final char quote;
  private final List<String> columns;

  private CsvObservationSource(String filePattern, char delimiter, char quote, List<String> columns) {
    this.filePattern = filePattern;
    this.delimiter = delimiter;
    this.quote = quote;
    this.columns = columns;
  }

  static CsvObservationSource of(String filePattern) {
    if (filePattern == null || filePattern.isEmpty()) {
      throw new IllegalArgumentException("csv: filePattern must not be empty");
    }
    return new CsvObservationSource(filePattern, ',', '"', Collections.emptyList());
  }

  /** Field delimiter (default {@code ,}). */
  public CsvObservationSource withDelimiter(char delimiter) {
    if (delimiter == quote || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("withDelimiter: '" + delimiter + "' is not usable");
    }
    return new CsvObservationSource(filePattern, delimiter, quote, columns);
  }

  /** Quote character (default {@code "}). */
  public CsvObservationSource withQuote(char quote) {
    if (quote == delimiter) {
      throw new IllegalArgumentException("withQuote: '" + quote + "' is the delimiter");
    }
    return new CsvObservationSource(filePattern, delimiter, quote, columns);
  }

  /** The files have no header line; their columns are, in order, {@code columns}. */
  public CsvObservationSource withoutHeader(String... columns) {
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException("withoutHeader: give the column names in file order");
    }
    return new CsvObservationSource(
        filePattern, delimiter, quote, Collections.unmodifiableList(Arrays.asList(columns.clone())));
  }

  @Override
  PCollectionTuple read(PBegin begin, ObservationConverter converter) {
    CSVFormat format = CSVFormat.DEFAULT.withDelimiter(delimiter).withQuote(quote);
    return withSchemas(
        begin
            .apply(
                "Match " + filePattern,
                FileIO.match().filepattern(filePattern).withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply(FileIO.readMatches())
            .apply(
                "Parse CSV",
                ParDo.of(new CsvObservationFn(converter, converter.textOutputSchema(), format, columns))
                    .withOutputTags(
                        ObservationReadResult.OBSERVATIONS,
                        TupleTagList.of(ObservationReadResult.FAILURES))),
        converter.textOutputSchema());
  }
}
