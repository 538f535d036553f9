package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.Fixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code forecast}'s interval levels, column styles, number format, summary JSON, log level and help examples. */
public class ForecastOutputOptionsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path file(String name) {
    return tmp.getRoot().toPath().resolve(name);
  }

  /** Two monthly series of 24 points and one too short to forecast. */
  private Path input() throws Exception {
    StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
    for (String id : List.of("a", "b")) {
      for (int m = 0; m < 24; m++) {
        csv.append(id).append(',').append(2020 + m / 12).append('-').append(String.format("%02d", m % 12 + 1)).append("-01,")
            .append((id.equals("a") ? 10 : 200) + (m % 6) * 1.7).append('\n');
      }
    }
    csv.append("tiny,2020-01-01,1\n");
    Path path = file("in.csv");
    Files.writeString(path, csv.toString());
    return path;
  }

  private CliRun forecast(String... extra) throws Exception {
    return forecastTo(file("out.csv"), extra);
  }

  private CliRun forecastTo(Path output, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("forecast", "--input", input().toString(), "--horizon", "4",
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(), "--output", output.toString(),
        "--failures", file("f.csv").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private List<CSVRecord> output() throws Exception {
    try (CSVParser p = CSVParser.parse(file("out.csv"), StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      return p.getRecords();
    }
  }

  private List<String> header() throws Exception {
    try (CSVParser p = CSVParser.parse(file("out.csv"), StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      return p.getHeaderNames();
    }
  }

  @Test
  public void aLevelTheQuantilesDoNotSpanIsRefusedBeforeAnyWorkNamingTheWidest() throws Exception {
    String quantiles = "the model's quantiles are [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]; the widest level available is 80%";
    CliRun levels = forecast("--levels", "80,95");
    assertEquals(levels.toString(), 2, levels.exitCode);
    assertThat(levels.errorLine(), containsString("--levels 95: the 95% interval needs quantiles 0.025 and 0.975 but " + quantiles));
    assertEquals("nothing ran", "", levels.out);
    CliRun single = forecast("--confidence-level", "0.95");
    assertEquals(single.toString(), 2, single.exitCode);
    assertThat(single.errorLine(), containsString("--confidence-level 0.95: the 95% interval needs quantiles 0.025 and 0.975 but " + quantiles));
    assertTrue("nothing written", !Files.exists(file("out.csv")));
    assertThat(forecast("--levels", "80", "--confidence-level", "0.8").errorLine(), containsString("give --levels or --confidence-level, not both"));
    assertThat(forecast("--levels", "high").errorLine(), containsString("--levels takes percentages such as 80,60, got 'high'"));
  }

  @Test
  public void severalLevelsGiveBandColumnsEqualToTheirQuantiles() throws Exception {
    CliRun run = forecast("--levels", "80,60");
    assertEquals(run.toString(), 0, run.exitCode);
    List<String> header = header();
    assertTrue(header.toString(), header.containsAll(List.of("prediction_interval_lower_bound_80", "prediction_interval_upper_bound_80",
        "prediction_interval_lower_bound_60", "prediction_interval_upper_bound_60")));
    assertTrue("the level is in the names", !header.contains("confidence_level") && !header.contains("prediction_interval_lower_bound"));
    List<CSVRecord> rows = output();
    assertEquals(2 * 4, rows.size());
    for (CSVRecord r : rows) {
      assertEquals(r.get("q10"), r.get("prediction_interval_lower_bound_80"));
      assertEquals(r.get("q90"), r.get("prediction_interval_upper_bound_80"));
      assertEquals(r.get("q20"), r.get("prediction_interval_lower_bound_60"));
      assertEquals(r.get("q80"), r.get("prediction_interval_upper_bound_60"));
    }
  }

  @Test
  public void nixtlaStyleNamesIdsTimesModelAndBands() throws Exception {
    CliRun run = forecast("--column-style", "nixtla", "--levels", "80,60");
    assertEquals(run.toString(), 0, run.exitCode);
    assertEquals(List.of("unique_id", "ds", "horizon_step", "TimerS1", "q10", "q20", "q30", "q40", "q50", "q60", "q70", "q80", "q90",
        "TimerS1-lo-80", "TimerS1-hi-80", "TimerS1-lo-60", "TimerS1-hi-60", "context_end_timestamp", "model_id"), header());
    for (CSVRecord r : output()) {
      assertEquals(r.get("q50"), r.get("TimerS1"));
      assertEquals(r.get("q10"), r.get("TimerS1-lo-80"));
      assertEquals(r.get("q80"), r.get("TimerS1-hi-60"));
    }
    CliRun toDb = forecastTo(file("nixtla.duckdb"), "--column-style", "nixtla");
    assertEquals(toDb.toString(), 2, toDb.exitCode);
    assertThat(toDb.errorLine(), containsString("--column-style nixtla writes names with '-' (TimerS1-lo-80), which SQL tables"));
    CliRun twoIds = forecast("--column-style", "nixtla", "--id-column", "store,sku");
    assertEquals(2, twoIds.exitCode);
    assertThat(twoIds.errorLine(), containsString("--column-style nixtla names one id column unique_id"));
    assertThat(forecast("--column-style", "r").errorLine(), containsString("--column-style must be bigquery or nixtla, got r"));
  }

  @Test
  public void csvNumbersAreTheFloatsShortestForm() throws Exception {
    assertEquals(0, forecast().exitCode);
    int checked = 0;
    for (CSVRecord r : output()) {
      for (String column : List.of("forecast_value", "q10", "q90", "prediction_interval_lower_bound")) {
        String text = r.get(column);
        float f = Float.parseFloat(text);
        String shortest = new BigDecimal(Float.toString(f)).toPlainString();
        assertTrue(column + " " + text + " is not the float's shortest form " + Float.toString(f),
            text.equals(Float.toString(f)) || text.equals(shortest));
        checked++;
      }
      assertEquals("0.8", r.get("confidence_level"));
    }
    assertEquals(8 * 4, checked);
  }

  @Test
  public void summaryJsonHasThePrintedNumbers() throws Exception {
    Path json = file("summary.json");
    CliRun run = forecast("--summary-json", json.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    JsonObject s = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    Matcher series = Pattern.compile("series: (\\d+) in, (\\d+) forecast, (\\d+) failed").matcher(run.out);
    assertTrue(run.out, series.find());
    assertEquals(Long.parseLong(series.group(1)), s.get("series_in").getAsLong());
    assertEquals(Long.parseLong(series.group(2)), s.get("series_forecast").getAsLong());
    assertEquals(Long.parseLong(series.group(3)), s.get("series_failed").getAsLong());
    assertEquals(3, s.get("series_in").getAsLong());
    Matcher reason = Pattern.compile("failed (\\w+): (\\d+)").matcher(run.out);
    assertTrue(run.out, reason.find());
    assertEquals(Map.of(reason.group(1), Long.parseLong(reason.group(2))).toString(),
        Map.of(s.getAsJsonObject("failed_by_reason").keySet().iterator().next(),
            s.getAsJsonObject("failed_by_reason").entrySet().iterator().next().getValue().getAsLong()).toString());
    assertEquals(1, s.getAsJsonObject("failed_by_reason").size());
    assertEquals(number(run.out, "forecast rows written: (\\d+)"), s.get("forecast_rows").getAsLong(), 0);
    assertEquals(8, s.get("forecast_rows").getAsLong());
    assertEquals(number(run.out, "model_workers=(\\d+)"), s.get("model_workers").getAsLong(), 0);
    // Printed with one decimal.
    assertEquals(number(run.out, "wall time: ([\\d.]+) s"), s.get("wall_seconds").getAsDouble(), 0.05 + 1e-9);
    assertTrue(s.get("write_failure").isJsonNull());
    assertEquals(0, s.get("exit_code").getAsInt());
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(regex + " in " + text, m.find());
    return Double.parseDouble(m.group(1));
  }

  @Test
  public void logLevelIsOneOfFourNames() throws Exception {
    String before = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
    try {
      CliRun debug = CliRun.of("forecast", "--log-level", "DEBUG", "--help");
      assertEquals(debug.toString(), 0, debug.exitCode);
      assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
      assertEquals(0, CliRun.of("--log-level", "error", "inspect", "--help").exitCode);
      CliRun loud = CliRun.of("forecast", "--log-level", "loud", "--help");
      assertEquals(loud.toString(), 2, loud.exitCode);
      assertThat(loud.err, containsString("--log-level"));
      assertThat(loud.err, containsString("loud"));
    } finally {
      if (before == null) {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
      } else {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", before);
      }
    }
  }

  @Test
  public void everySubcommandsHelpEndsWithExamples() {
    for (String command : List.of("forecast", "evaluate", "inspect", "bench", "init", "soak", "download")) {
      CliRun help = CliRun.of(command, "--help");
      assertEquals(help.toString(), 0, help.exitCode);
      String examples = help.out.substring(help.out.indexOf("Examples:"));
      assertThat(command, examples, containsString("Examples:\n  timers1 " + command + " "));
      for (String line : examples.split("\n")) {
        assertTrue("not wrapped: " + line, line.isEmpty() || line.equals("Examples:") || line.startsWith("  timers1 " + command));
      }
    }
    assertThat(CliRun.of("forecast", "--help").out, containsString("--levels 80,60 --column-style nixtla"));
  }

  @Test
  public void helpExamplesReadTheSampleWhereItLies() {
    for (String command : List.of("forecast", "evaluate")) {
      String help = CliRun.of(command, "--help").out;
      Matcher input = Pattern.compile("--input (\\S*data/\\S+)").matcher(help);
      assertTrue(command, input.find());
      assertTrue(command + " --help: " + input.group(1), Files.exists(Path.of("..").resolve(input.group(1))));
    }
  }
}
