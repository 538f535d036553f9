package io.timerbeam.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The row count CSV files give before any read: their bytes times the lines per byte of the
 * first file's head (what the command line sizes its runner by).
 */
public class CsvEstimatedRowsTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  /** {@code rows} records after a header; ids and values vary in width as real files do. */
  private File write(String name, int rows, boolean gzip) throws Exception {
    File file = new File(folder.getRoot(), name);
    try (OutputStream out = Files.newOutputStream(file.toPath());
        Writer w = new OutputStreamWriter(gzip ? new GZIPOutputStream(out) : out, StandardCharsets.UTF_8)) {
      w.write("unique_id,ds,y\n");
      for (int i = 0; i < rows; i++) {
        w.write("s" + (i % 997) + ",2020-01-" + String.format("%02d", 1 + i % 28) + "," + (i % 1000) * 0.37 + "\n");
      }
    }
    return file;
  }

  @Test
  public void onePlainFileIsCountedWithinTwoPercent() throws Exception {
    File file = write("one.csv", 200_000, false);
    long rows = ObservationSource.csv(file.getPath()).estimatedRows().getAsLong();
    assertEquals(200_000, rows, 4_000);
  }

  @Test
  public void aSmallFileIsCountedExactly() throws Exception {
    File file = write("small.csv", 4_670, false);
    assertEquals(4_670, ObservationSource.csv(file.getPath()).estimatedRows().getAsLong());
  }

  @Test
  public void gzipFilesAndGlobsAreCountedFromTheirCompressedSize() throws Exception {
    write("part-1.csv.gz", 150_000, true);
    write("part-2.csv.gz", 150_000, true);
    long rows = ObservationSource.csv(new File(folder.getRoot(), "part-*.csv.gz").getPath()).estimatedRows().getAsLong();
    // The head's compression ratio stands for the whole file's: within 20% here.
    assertEquals(300_000, rows, 60_000);
  }

  @Test
  public void noMatchingFileGivesNoEstimate() {
    assertTrue(ObservationSource.csv(new File(folder.getRoot(), "none-*.csv").getPath()).estimatedRows().isEmpty());
  }
}
