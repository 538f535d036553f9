package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ModelConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a new user and an adversarial pass broke without a word (a date moved, a forecast on the
 * wrong scale, an input overwritten, an output found unwritable after the work, the demo
 * unflagged): each is now refused before the work, failed with its reason, or said.
 */
public class NewUserPitfallsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path file(String name) {
    return tmp.getRoot().toPath().resolve(name);
  }

  /** {@code days} daily points of a weekly pattern around 0.5, times {@code magnitude}, from 2023-02-01. */
  private static String daily(String id, int days, double magnitude) {
    StringBuilder lines = new StringBuilder();
    for (int d = 0; d < days; d++) {
      lines.append(id).append(',').append(LocalDate.of(2023, 2, 1).plusDays(d)).append(',')
          .append(magnitude * (0.5 + 0.15 * Math.sin(2 * Math.PI * d / 7) + 0.01 * (d % 3))).append('\n');
    }
    return lines.toString();
  }

  private Path input(String body) throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + body);
    return csv;
  }

  /** {@code forecast} of {@code input} into out.csv and failures.csv with the tiny model; {@code options} (pairs) replace or add. */
  private CliRun forecast(Path input, String... options) {
    Map<String, String> named = new LinkedHashMap<>(Map.of("--input", input.toString(), "--horizon", "3",
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(), "--output", file("out.csv").toString(),
        "--failures", file("failures.csv").toString()));
    for (int i = 0; i < options.length; i += 2) {
      named.put(options[i], options[i + 1]);
    }
    List<String> args = new ArrayList<>(List.of("forecast"));
    named.forEach((option, value) -> args.addAll(List.of(option, value)));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static List<CSVRecord> records(Path csv) throws Exception {
    try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      return parser.getRecords();
    }
  }

  @Test
  public void anImpossibleDateIsAFailureNamingItsLineNotMovedToAnotherDay() throws Exception {
    Path csv = input(daily("a", 27, 1) + "a,2023-02-30,0.9\n"); // 02-28 is free: the clamped date would fit the grid
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("input rows that could not be read: 1"));
    String failures = Files.readString(file("failures.csv"));
    assertThat(failures, containsString("read,a,unreadable_record,"));
    assertThat(failures, containsString(csv + ":29: timestamp column 'ds': unparseable timestamp '2023-02-30': Invalid date 'FEBRUARY 30'"));
    assertEquals("the forecast starts after the last real day", "2023-02-28T00:00:00.000Z",
        records(file("out.csv")).get(0).get("forecast_timestamp"));
  }

  @Test
  public void tinyValuesAreForecastOnTheirOwnScale() throws Exception {
    CliRun run = forecast(input(daily("unit", 60, 1) + daily("tiny", 60, 1e-8) + daily("tinier", 60, 1e-30)));
    assertEquals(run.toString(), 0, run.exitCode);
    Map<String, Double> relative = new HashMap<>();
    for (CSVRecord r : records(file("out.csv"))) {
      double magnitude = Map.of("unit", 1.0, "tiny", 1e-8, "tinier", 1e-30).get(r.get("unique_id"));
      relative.put(r.get("unique_id") + r.get("horizon_step"), Double.parseDouble(r.get("forecast_value")) / magnitude);
    }
    assertEquals(9, relative.size());
    for (String step : new String[] {"1", "2", "3"}) {
      double unit = relative.get("unit" + step);
      assertEquals("step " + step, unit, relative.get("tiny" + step), 1e-5 * unit);
      assertEquals("step " + step, unit, relative.get("tinier" + step), 1e-5 * unit);
    }
  }

  @Test
  public void anOutputThatIsTheInputOrAnotherOutputIsRefusedBeforeAnyWork() throws Exception {
    Path csv = input(daily("a", 30, 1));
    String before = Files.readString(csv);
    CliRun overInput = forecast(csv, "--output", csv.toString());
    assertEquals(overInput.toString(), 2, overInput.exitCode);
    assertThat(overInput.errorLine(), containsString("--output " + csv + " is read by --input " + csv));
    assertEquals("", overInput.out);
    assertEquals(before, Files.readString(csv));

    CliRun failuresOverOutput = forecast(csv, "--failures", file("out.csv").toString());
    assertEquals(failuresOverOutput.toString(), 2, failuresOverOutput.exitCode);
    assertThat(failuresOverOutput.errorLine(), containsString("--failures " + file("out.csv") + " is also --output"));

    CliRun summaryOverInput = forecast(csv, "--summary-json", tmp.getRoot() + "/./in.csv");
    assertEquals(summaryOverInput.toString(), 2, summaryOverInput.exitCode);
    assertThat(summaryOverInput.errorLine(), containsString("is read by --input"));
  }

  @Test
  public void replacingAnExistingOutputFileIsSaid() throws Exception {
    Path csv = input(daily("a", 30, 1));
    CliRun fresh = forecast(csv);
    assertEquals(fresh.toString(), 0, fresh.exitCode);
    assertThat(fresh.out, not(containsString("replaced")));
    Files.writeString(file("unrelated.csv"), "someone's,own,table\n1,2,3\n");
    CliRun replacing = forecast(csv, "--output", file("unrelated.csv").toString());
    assertEquals(replacing.toString(), 0, replacing.exitCode);
    assertThat(replacing.out, containsString("forecast rows written: 3 to " + file("unrelated.csv") + " (it replaced the file that was there)"));
  }

  @Test
  public void anOutputThatCannotBeWrittenIsNamedBeforeAnyWork() throws Exception {
    Path csv = input(daily("a", 30, 1));
    // A path under a regular file: unwritable even for root, who writes into read-only folders.
    Path blocker = file("a-file");
    Files.writeString(blocker, "not a folder\n");
    for (String[] option : new String[][] {{"--output", "x.csv"}, {"--output", "x.parquet"}, {"--failures", "x.csv"},
        {"--plot", "x.png"}, {"--summary-json", "x.json"}}) {
      Path path = blocker.resolve(option[1]);
      CliRun run = forecast(csv, option[0], path.toString());
      assertEquals(run.toString(), 2, run.exitCode);
      assertThat(run.toString(), run.errorLine(), containsString(option[0] + " " + path + " cannot be written: " + blocker + " is a file, not a folder"));
      assertEquals("no summary: nothing ran", "", run.out);
    }
    CliRun folder = forecast(csv, "--summary-json", tmp.getRoot().toString());
    assertEquals(folder.toString(), 2, folder.exitCode);
    assertThat(folder.errorLine(), containsString("--summary-json " + tmp.getRoot() + " cannot be written: it is a folder"));
  }

  @Test
  public void theSummaryNamesTheTableADuckDbLocationWrites() throws Exception {
    Path csv = input(daily("a", 30, 1));
    CliRun named = forecast(csv, "--output", "duckdb:" + file("o.duckdb") + "#mine");
    assertEquals(named.toString(), 0, named.exitCode);
    assertThat(named.out, containsString("#mine (table mine)"));
    CliRun both = forecast(csv, "--output", "duckdb:" + file("o.duckdb") + "#mine", "--output-table", "other");
    assertThat(both.out, containsString("#mine (table mine)"));
  }

  @Test
  public void aPlotThatIsNotAPngOrHasNoSeriesIsRefusedBeforeAnyWork() throws Exception {
    Path csv = input(daily("a", 30, 1));
    CliRun jpg = forecast(csv, "--plot", file("chart.jpg").toString());
    assertEquals(jpg.toString(), 2, jpg.exitCode);
    assertThat(jpg.errorLine(), containsString("--plot " + file("chart.jpg") + ": the chart is written as PNG; name the file .png"));
    CliRun none = forecast(csv, "--plot", file("chart.png").toString(), "--plot-series", "0");
    assertEquals(none.toString(), 2, none.exitCode);
    assertThat(none.errorLine(), containsString("--plot-series must be positive, got 0"));
    assertEquals("", jpg.out + none.out);
  }

  @Test
  public void theDemoCheckpointNamedExplicitlyIsFlagged() throws Exception {
    Path demo = Path.of("").toAbsolutePath().getParent().resolve(DefaultModel.DEMO_IN_REPO);
    CliRun run = forecast(input(daily("a", 30, 1)), "--model", demo.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.err, containsString(DefaultModel.DEMO_WARNING));
  }

  @Test
  public void aContextShorterThanOnePatchIsRefusedBeforeAnyWork() throws Exception {
    int patch = ModelConfigs.read(Fixtures.checkpoint(Fixtures.TINY)).patchLength();
    CliRun run = forecast(input(daily("a", 30, 1)), "--context-length", "1");
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("--context-length 1 is below one patch of the model ("
        + patch + " points)"));
    assertEquals("", run.out);
  }

  @Test
  public void aPointForecasterRefusesIntervalsBeforeAnyWork() throws Exception {
    Path csv = input(daily("a", 30, 1));
    String timerXl = Fixtures.timerXl(Fixtures.TINY).toString();
    for (String[] option : new String[][] {{"--levels", "80"}, {"--confidence-level", "0.8"}}) {
      CliRun run = forecast(csv, "--model", timerXl, option[0], option[1]);
      assertEquals(run.toString(), 2, run.exitCode);
      assertThat(run.errorLine(), containsString(option[0] + " " + option[1] + ": the model is a point forecaster"));
      assertEquals("", run.out);
    }
  }

  @Test
  public void anOutputTableForAFileOutputIsRefused() throws Exception {
    Path csv = input(daily("a", 30, 1));
    for (String output : new String[] {"out.csv", "out.parquet"}) {
      CliRun run = forecast(csv, "--output", file(output).toString(), "--output-table", "mine");
      assertEquals(run.toString(), 2, run.exitCode);
      assertThat(run.errorLine(), containsString("--output-table mine: --output " + file(output) + " is a file, not a database table"));
      assertEquals("", run.out);
    }
  }

  @Test
  public void withNoForecastsTheSummarySaysNothingWasWritten() throws Exception {
    CliRun run = forecast(input("a,2023-02-01,1\na,2023-02-02,2\n")); // fewer points than --min-observations
    assertEquals(run.toString(), 3, run.exitCode);
    assertThat(run.out, containsString("forecast rows written: none, " + file("out.csv") + " was not written"));
    assertThat(run.out, not(containsString("rows written: 0")));
    assertFalse(Files.exists(file("out.csv")));
  }

  @Test
  public void aValueOfTheWrongTypeIsOneLineNamingTheOption() throws Exception {
    CliRun run = forecast(input(daily("a", 30, 1)), "--horizon", "1.5");
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals(run.toString(), 1, run.err.strip().split("\n").length);
    assertThat(run.errorLine(), containsString("'--horizon': '1.5'"));
  }

  @Test
  public void anOffGridReasonNamesTheCommandLineOptions() throws Exception {
    CliRun run = forecast(input(daily("a", 30, 1)), "--frequency", "PT48H"); // every other day is off this grid
    assertEquals(run.toString(), 3, run.exitCode);
    String failures = Files.readString(file("failures.csv"));
    assertThat(failures, containsString("forecast,a,off_grid,"));
    assertThat(failures, containsString("--resampling mean|sum|last"));
    assertThat(failures, containsString("--time-zone"));
    assertThat(failures, not(containsString("withResampling")));
  }

  @Test
  public void everyDefaultOutputFileIsGitIgnored() throws Exception {
    List<PathMatcher> ignored = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../.gitignore"))) {
      if (!line.isBlank() && !line.startsWith("#") && !line.endsWith("/")) {
        ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + line.replaceFirst("^/", "")));
      }
    }
    CommandLine cli = new CommandLine(new TimerS1Cli());
    cli.getSubcommands().forEach((name, sub) -> {
      for (String option : new String[] {"--output", "--failures"}) {
        OptionSpec spec = sub.getCommandSpec().findOption(option);
        String file = spec == null ? null : spec.defaultValue();
        if (file != null && file.contains(".")) {
          assertTrue(name + " " + option + " " + file, ignored.stream().anyMatch(m -> m.matches(Path.of(file))));
        }
      }
    });
  }
}
