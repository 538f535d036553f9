package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Random CSV files from a grammar of nasty fields (quotes, line breaks, BOM, CRLF, NUL, unicode,
 * huge and tiny numbers, duplicated points) through {@code timers1 forecast}, in this JVM: never an
 * internal error, never an invented or merged series, and the counts reconcile with what the
 * generator knows it wrote. Fixed seed; {@code -Dfuzz.files=N} files (default {@value #DEFAULT_FILES}, for
 * CI; a thousand for a soak), every failing file reported, not only the first.
 */
public class ForecastFuzzTest {
  private static final long SEED = 20261201L;
  private static final int DEFAULT_FILES = 20;
  private static final int FILES = Integer.getInteger("fuzz.files", DEFAULT_FILES);
  /** Failing files listed in full; the rest only counted. */
  private static final int REPORTED = 5;
  private static final int HORIZON = 2;
  private static final String[] IDS = {"plain", "with,comma", "with \"quotes\"", "two\nline\r\nbreaks", " spaced ",
      "naïve ünïcode", "e\u0301", "\uD83D\uDE00 emoji", "tab\there", "nul\0inside", "nul\0other", "", "'single'", "\uFEFFbom-in-id"};
  private static final String[] VALUES = {"1", "2.5", "-3", "1e200", "-1e300", "1e-300", "4.9e-324", "0", "", "NaN", "abc", "1,5"};

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** What the generator knows about the file it wrote. */
  private static final class Expected {
    final Set<String> readableIds = new TreeSet<>();
    int unreadable;
  }

  private static String field(String text, Random random) {
    boolean mustQuote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
    return mustQuote || random.nextInt(4) == 0 ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static Expected write(Path file, Random random) throws Exception {
    Expected expected = new Expected();
    String eol = random.nextBoolean() ? "\r\n" : "\n";
    StringBuilder csv = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "").append("unique_id,ds,y").append(eol);
    int series = 1 + random.nextInt(5);
    for (int s = 0; s < series; s++) {
      String id = IDS[random.nextInt(IDS.length)];
      int points = 1 + random.nextInt(14);
      for (int p = 0; p < points; p++) {
        boolean badTime = random.nextInt(25) == 0;
        String time = badTime ? "2020-13-0" + (1 + random.nextInt(9)) : "2020-01-01T00:00:00".replace("01-01", String.format("%02d-01", 1 + (random.nextInt(30) == 0 ? 0 : p % 12)));
        String value = random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : String.valueOf(random.nextGaussian() * 10);
        csv.append(field(id, random)).append(',').append(time).append(',').append(field(value, random)).append(eol);
        if (random.nextInt(12) == 0) {
          csv.append(eol); // a blank line, skipped
        }
        boolean readable = !id.isEmpty() && id.indexOf('\0') < 0 && !badTime && isNumberOrEmpty(value);
        if (readable) {
          expected.readableIds.add(id);
        } else {
          expected.unreadable++;
        }
      }
    }
    Files.write(file, csv.toString().getBytes(StandardCharsets.UTF_8));
    return expected;
  }

  private static boolean isNumberOrEmpty(String value) {
    if (value.trim().isEmpty()) {
      return true;
    }
    try {
      Double.parseDouble(value.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long count(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  public void randomNastyCsvFilesNeverFailInternallyNorInventOrMergeSeries() throws Exception {
    Random random = new Random(SEED);
    String model = Fixtures.checkpoint(Fixtures.TINY).toString();
    List<String> failures = new ArrayList<>();
    int failing = 0;
    for (int i = 0; i < FILES; i++) {
      Path dir = tmp.newFolder("run" + i).toPath();
      Path csv = dir.resolve("in.csv");
      Expected expected = write(csv, random); // before the check, so that file i is the same whatever failed before it
      try {
        check(i, dir, csv, expected, model);
        deleteTree(dir); // a thousand runs' databases would fill the disk
      } catch (AssertionError e) {
        if (failing++ < REPORTED) {
          failures.add(e.getMessage());
        }
      }
    }
    assertTrue(failing + " of " + FILES + " files failed; the first:\n" + String.join("\n====\n", failures), failing == 0);
  }

  private static void check(int i, Path dir, Path csv, Expected expected, String model) throws Exception {
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", model, "--horizon", String.valueOf(HORIZON),
        "--output", dir.resolve("o.duckdb").toString(), "--failures", dir.resolve("f.csv").toString());
    String context = "file " + i + " (seed " + SEED + "): " + run;
    assertTrue(context, run.exitCode == 0 || run.exitCode == 3);
    long in = count(run.out, "series: (\\d+) in");
    long forecast = count(run.out, "series: \\d+ in, (\\d+) forecast");
    long failed = count(run.out, "forecast, (\\d+) failed");
    assertEquals(context, expected.readableIds.size(), in);
    assertEquals(context, in, forecast + failed);
    assertEquals(context, expected.unreadable, count(run.out, "input rows that could not be read: (\\d+)"));

    Map<String, Integer> rowsById = new HashMap<>();
    if (forecast > 0) {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("o.duckdb"));
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT unique_id, count(*) FROM forecasts GROUP BY unique_id")) {
        while (r.next()) {
          rowsById.put(r.getString(1), r.getInt(2));
        }
      }
    }
    assertEquals(context, forecast, rowsById.size());
    for (Map.Entry<String, Integer> written : rowsById.entrySet()) {
      assertTrue(context + " invented id " + written.getKey(), expected.readableIds.contains(written.getKey()));
      assertEquals(context, HORIZON, (int) written.getValue());
    }

    Set<String> failedIds = new HashSet<>();
    int readFailures = 0;
    try (CSVParser failures = CSVParser.parse(dir.resolve("f.csv"), StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      for (CSVRecord f : failures) {
        if (f.get("stage").equals("read")) {
          readFailures++;
        } else {
          assertTrue(context + " unknown failed id " + f.get("where"), expected.readableIds.contains(f.get("where")));
          assertTrue(context + " failed twice: " + f.get("where"), failedIds.add(f.get("where")));
        }
      }
    }
    assertEquals(context, expected.unreadable, readFailures);
    assertEquals(context, failed, failedIds.size());
    List<String> overlap = new ArrayList<>(failedIds);
    overlap.retainAll(rowsById.keySet());
    assertTrue(context + " forecast and failed: " + overlap, overlap.isEmpty());
  }

  private static void deleteTree(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
