package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.hamcrest.MatcherAssert.assertThat;

import io.timerbeam.model.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A CSV with one series per column, read with {@code --wide} or refused without it; local-midnight days in Berlin. */
public class WideInputCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** ds, north, south: twelve monthly rows, south with one empty (missing) field. */
  private Path wideCsv() throws Exception {
    StringBuilder csv = new StringBuilder("ds,north,south\n");
    for (int m = 1; m <= 12; m++) {
      csv.append(String.format("2020-%02d-01,%d,%s%n", m, m % 5 + 1, m == 6 ? "" : String.valueOf(10.0 * m)));
    }
    Path file = tmp.getRoot().toPath().resolve("wide.csv");
    Files.writeString(file, csv);
    return file;
  }

  private CliRun forecast(Path csv, String... extra) {
    List<String> args = new ArrayList<>(List.of("forecast", "--input", csv.toString(),
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(), "--horizon", "3",
        "--output", file("o.duckdb").toString(), "--failures", file("f.csv").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private Path file(String name) {
    return tmp.getRoot().toPath().resolve(name);
  }

  private List<String> column(String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file("o.duckdb"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  @Test
  public void wideColumnsAreSeriesNamedByTheirColumn() throws Exception {
    CliRun run = forecast(wideCsv(), "--wide");
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 2 in, 2 forecast, 0 failed"));
    assertThat(run.out, containsString("forecast rows written: 6 to "));
    assertEquals(List.of("north", "south"), column("SELECT DISTINCT unique_id FROM forecasts ORDER BY 1"));
    assertEquals(List.of("2021-01-01", "2021-02-01", "2021-03-01"),
        column("SELECT DISTINCT CAST(forecast_timestamp AS DATE) FROM forecasts ORDER BY 1").stream()
            .map(String::valueOf).toList());
  }

  @Test
  public void aWideFileWithoutWideIsRefusedBeforeThePipelineNamingTheOption() throws Exception {
    Path csv = wideCsv();
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString(csv + ":1: missing column(s) [unique_id, y]"));
    assertThat(run.errorLine(), containsString("if each of [north, south] is one series, read the file wide (--wide"));
    assertFalse("nothing written", Files.exists(file("o.duckdb")) || Files.exists(file("f.csv")));
  }

  @Test
  public void berlinDailyAcrossTheOctoberSwitchForecastsAtLocalMidnight() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
    LocalDate first = LocalDate.of(2024, 10, 14);
    for (int d = 0; d < 14; d++) {
      csv.append("a,").append(first.plusDays(d)).append("T00:00:00,").append(d % 3 + 1).append('\n');
    }
    Path file = file("berlin.csv");
    Files.writeString(file, csv);
    CliRun run = forecast(file, "--time-zone", "Europe/Berlin", "--frequency", "d");
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 1 in, 1 forecast, 0 failed"));
    List<String> expected = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      expected.add(String.valueOf(first.plusDays(14 + d).atStartOfDay(berlin).toEpochSecond()));
    }
    assertEquals(expected, column("SELECT CAST(epoch(forecast_timestamp) AS BIGINT) FROM forecasts ORDER BY 1"));
  }
}
