package io.timerbeam.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import org.apache.beam.sdk.transforms.display.DisplayData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.commons.csv.CSVFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Observations from CSV files (RFC 4180: quoted fields may span lines; UTF-8, a byte order mark is
 * skipped); each failure names the file and the line its record starts on. Ids are read as STRING,
 * byte for byte; timestamps are parsed as ISO-8601 (or {@link ReadObservations#withTimestampFormat})
 * in {@link ReadObservations#withTimeZone} when they carry no offset.
 *
 * <p>The files are checked when the pipeline is built, so that a wrong command fails at once
 * rather than putting every record into the failures: a pattern matching no file, an empty or
 * header-only file, a duplicated column name or a missing id, timestamp or value column is an
 * {@link IllegalArgumentException} naming the file.
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
    checkArgument(filePattern != null && !filePattern.isEmpty(), "csv: filePattern must not be empty");
    return new CsvObservationSource(filePattern, ',', '"', Collections.emptyList());
  }

  /** Field delimiter (default {@code ,}). */
  public CsvObservationSource withDelimiter(char delimiter) {
    checkArgument(delimiter != quote && delimiter != '\n' && delimiter != '\r', "withDelimiter: '%s' is not usable", delimiter);
    return new CsvObservationSource(filePattern, delimiter, quote, columns);
  }

  /** Quote character (default {@code "}). */
  public CsvObservationSource withQuote(char quote) {
    checkArgument(quote != delimiter, "withQuote: '%s' is the delimiter", quote);
    return new CsvObservationSource(filePattern, delimiter, quote, columns);
  }

  /** The files have no header line; their columns are, in order, {@code columns}. */
  public CsvObservationSource withoutHeader(String... columns) {
    checkArgument(columns != null && columns.length > 0, "withoutHeader: give the column names in file order");
    return new CsvObservationSource(
        filePattern, delimiter, quote, Collections.unmodifiableList(Arrays.asList(columns.clone())));
  }

  @Override
  public void checkBeforeRead(ObservationConverter converter) {
    checkFiles(format(), converter.requiredColumns());
  }

  private CSVFormat format() {
    return CSVFormat.DEFAULT.withDelimiter(delimiter).withQuote(quote);
  }

  @Override
  public ObservationReadResult read(PBegin begin, ObservationConverter converter) {
    CSVFormat format = format();
    checkBeforeRead(converter);
    return ObservationReadResult.in(withSchemas(
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
        converter.textOutputSchema()));
  }

  /**
   * The files' bytes on disk times the lines per byte of the first file's head (its first MB,
   * decompressed, against the bytes read from disk for it), less a header line per file.
   */
  @Override
  public OptionalLong estimatedRows() {
    try {
      MatchResult match = FileSystems.match(filePattern, EmptyMatchTreatment.ALLOW);
      List<MatchResult.Metadata> files = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
      if (files.isEmpty()) {
        return OptionalLong.empty();
      }
      long bytes = 0;
      for (MatchResult.Metadata file : files) {
        bytes += file.sizeBytes();
      }
      double linesPerByte = linesPerByte(files.get(0).resourceId());
      long headers = columns.isEmpty() ? files.size() : 0;
      return OptionalLong.of(Math.max(0, Math.round(bytes * linesPerByte) - headers));
    } catch (IOException e) {
      return OptionalLong.empty(); // the read reports what is wrong with the files
    }
  }

  private static double linesPerByte(ResourceId file) throws IOException {
    long[] onDisk = {0};
    try (ReadableByteChannel raw = FileSystems.open(file);
        InputStream in = Channels.newInputStream(Compression.detect(file.getFilename()).readDecompressed(new ReadableByteChannel() {
          @Override
          public int read(ByteBuffer dst) throws IOException {
            int n = raw.read(dst);
            onDisk[0] += Math.max(0, n);
            return n;
          }

          @Override
          public boolean isOpen() {
            return raw.isOpen();
          }

          @Override
          public void close() throws IOException {
            raw.close();
          }
        }))) {
      byte[] buffer = new byte[1 << 16];
      long lines = 0;
      long read = 0;
      for (int n; read < (1 << 20) && (n = in.read(buffer)) > 0; read += n) {
        for (int i = 0; i < n; i++) {
          lines += buffer[i] == '\n' ? 1 : 0;
        }
      }
      return onDisk[0] == 0 ? 0 : (double) lines / onDisk[0];
    }
  }

  private void checkFiles(CSVFormat format, List<String> required) {
    List<MatchResult.Metadata> files;
    try {
      MatchResult match = FileSystems.match(filePattern, EmptyMatchTreatment.ALLOW);
      files = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
    } catch (IOException e) {
      throw new IllegalArgumentException("csv " + filePattern + ": cannot list the files: " + e.getMessage(), e);
    }
    checkArgument(!files.isEmpty(), "csv %s: no such file (or no file matches the pattern)", filePattern);
    List<String> problems = new ArrayList<>();
    for (MatchResult.Metadata file : files) {
      String problem = problem(file.resourceId(), format, required);
      if (problem != null) {
        problems.add(problem);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0)
          + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more of the " + files.size() + " files)" : ""));
    }
  }

  /** What makes {@code file} unusable as a whole, or null; a bad record is left to the read, which lists it. */
  private @Nullable String problem(ResourceId file, CSVFormat format, List<String> required) {
    Compression compression = Compression.detect(file.getFilename());
    try (CsvRecords records = CsvRecords.open(compression.readDecompressed(FileSystems.open(file)), format)) {
      CsvHeader.read(records, columns, required);
      return records.next() == null ? file + ": no data records" + (columns.isEmpty() ? ", only a header" : "") : null;
    } catch (InvalidObservationException e) {
      return file + ":1: " + e.getMessage();
    } catch (CsvRecords.MalformedCsvException e) {
      return e.line == 1 && columns.isEmpty() ? file + ":1: malformed header: " + e.getMessage() : null;
    } catch (IOException e) {
      return file + ": cannot be read: " + e.getMessage();
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", "csv"))
        .add(DisplayData.item("filePattern", filePattern).withLabel("Input files"))
        .add(DisplayData.item("delimiter", String.valueOf(delimiter)))
        .add(DisplayData.item("quote", String.valueOf(quote)));
  }
}
