package io.timerbeam.io.files;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ForecastSink;
import org.apache.beam.sdk.transforms.display.DisplayData;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * CSV or Parquet files named {@code prefix-SSSSS-of-NNNNN.suffix}, or the one file {@code
 * prefix.suffix} ({@link #withoutSharding}). Beam's FileIO writes each shard to a temporary file
 * (in {@code .temp-beam} next to the output, or under {@link #withTempDirectory}) and renames
 * it into place only after all shards succeeded, so a failed run publishes nothing; after a
 * successful run, shards of earlier runs with the same prefix but another shard count are deleted,
 * so one complete output remains.
 */
public final class FileForecastSink extends ForecastSink {
  private enum Format {
    CSV(".csv"),
    PARQUET(".parquet");

    final String suffix;

    Format(String suffix) {
      this.suffix = suffix;
    }
  }

  private final String outputPrefix;
  private final Format format;
  /** 0 for one file without a shard suffix. */
  private final int numShards;
  /** Null for FileIO's default, next to the output. */
  private final @Nullable String tempDirectory;

  private FileForecastSink(String outputPrefix, Format format, int numShards, @Nullable String tempDirectory) {
    checkArgument(
        outputPrefix != null && !outputPrefix.isEmpty() && !outputPrefix.endsWith("/"),
        "outputPrefix must name files, e.g. /out/forecasts, was '%s'",
        outputPrefix);
    this.outputPrefix = outputPrefix;
    this.format = format;
    this.numShards = numShards;
    this.tempDirectory = tempDirectory;
  }

  /** {@code outputPrefix-SSSSS-of-NNNNN.csv} files with a header line. */
  public static FileForecastSink ofCsv(String outputPrefix) {
    return new FileForecastSink(outputPrefix, Format.CSV, 1, null);
  }

  /** {@code outputPrefix-SSSSS-of-NNNNN.parquet} files. */
  public static FileForecastSink ofParquet(String outputPrefix) {
    return new FileForecastSink(outputPrefix, Format.PARQUET, 1, null);
  }

  /** Number of output files (default 1); fixed so that a rerun replaces the same names. */
  public FileForecastSink withNumShards(int numShards) {
    checkArgument(numShards >= 1, "withNumShards must be positive, was %s", numShards);
    return new FileForecastSink(outputPrefix, format, numShards, tempDirectory);
  }

  /** One file named exactly {@code outputPrefix} + {@code .csv} or {@code .parquet}, no shard suffix. */
  public FileForecastSink withoutSharding() {
    return new FileForecastSink(outputPrefix, format, 0, tempDirectory);
  }

  /**
   * Stages the temporary files in {@code directory} (on the output's file system: they are renamed
   * into place), e.g. one a later run can tell is a dead run's, instead of next to the output.
   */
  public FileForecastSink withTempDirectory(String directory) {
    checkArgument(directory != null && !directory.isEmpty(), "withTempDirectory: give a directory");
    return new FileForecastSink(outputPrefix, format, numShards, directory);
  }

  @Override
  public PCollection<Void> write(PCollection<Row> forecasts, List<String> keyColumns) {
    ResourceId prefix = FileSystems.matchNewResource(outputPrefix, false);
    String directory = prefix.getCurrentDirectory().toString();
    String name = prefix.getFilename();
    WriteFilesResult<Void> written =
        format == Format.CSV
            ? writeCsv(forecasts, directory, name)
            : writeParquet(forecasts, directory, name);
    return written
        .getPerDestinationOutputFilenames()
        .apply("Published files", Values.create())
        .apply(WithKeys.of(0))
        .apply(GroupByKey.create())
        .apply(Values.create())
        .apply(
            "Delete stale shards",
            ParDo.of(new DeleteStaleShardsFn(directory, name + "-*-of-*" + format.suffix)));
  }

  private <T> FileIO.Write<Void, T> placed(FileIO.Write<Void, T> write, String directory, String name) {
    FileIO.Write<Void, T> placed = tempDirectory == null ? write.to(directory) : write.to(directory).withTempDirectory(tempDirectory);
    if (numShards == 0) {
      String file = name + format.suffix;
      return placed.withNaming((window, pane, shards, shard, compression) -> file).withNumShards(1);
    }
    return placed.withNaming(FileIO.Write.defaultNaming(name, format.suffix)).withNumShards(numShards);
  }

  private WriteFilesResult<Void> writeCsv(PCollection<Row> rows, String directory, String name) {
    Schema schema = rows.getSchema();
    return rows.apply("To CSV lines", MapElements.into(TypeDescriptors.strings()).via(CsvForecastFormat::line))
        .apply(
            "Write CSV",
            placed(FileIO.<String>write().via(TextIO.sink().withHeader(CsvForecastFormat.header(schema))),
                directory, name));
  }

  private WriteFilesResult<Void> writeParquet(
      PCollection<Row> rows, String directory, String name) {
    org.apache.avro.Schema avro = AvroUtils.toAvroSchema(rows.getSchema());
    return rows.apply(
            "To Avro records",
            MapElements.into(TypeDescriptor.of(GenericRecord.class))
                .via(AvroUtils.getRowToGenericRecordFunction(avro)))
        .setCoder(AvroCoder.of(GenericRecord.class, avro))
        .apply(
            "Write Parquet",
            placed(FileIO.<GenericRecord>write().via(ParquetIO.sink(avro)), directory, name));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("format", format.name().toLowerCase(java.util.Locale.ROOT)))
        .add(DisplayData.item("outputPrefix", outputPrefix).withLabel("Output prefix"))
        .add(DisplayData.item("numShards", numShards).withLabel("Shards (0: one file without a shard suffix)"));
  }
}
