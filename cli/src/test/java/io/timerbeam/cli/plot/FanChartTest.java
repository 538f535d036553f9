package io.timerbeam.cli.plot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.Test;

public class FanChartTest {
  private static final double[] LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  /** Pixels of the shaded band and the light quantile lines over it: pale and clearly blue. */
  private static int countLightBlue(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int r = p >> 16 & 0xff;
        int b = p & 0xff;
        if (r > 120 && r < 230 && b - r > 25) {
          count++;
        }
      }
    }
    return count;
  }

  /** Standard normal quantiles at LEVELS. */
  private static final double[] Z = {-1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816};

  @Test
  public void drawsOnePanelPerSeriesInTwoColumnsWithHistoryMedianAndBand() throws IOException {
    List<SeriesPlot> plots = seasonalNaiveForecasts(List.of("AirPassengers", "co2", "UKgas", "Nile", "UKDriverDeaths"), 24);
    // Kept under target/ so a person can look at it.
    Path png = Path.of("target", "fan-chart-sample.png");
    FanChart.write(png, plots);

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(2 * FanChart.PANEL_WIDTH, image.getWidth());
    assertEquals("three rows, one legend below", 3 * FanChart.PANEL_HEIGHT + FigureLegend.HEIGHT, image.getHeight());
    assertTrue("history pixels", countNear(image, 0x333333) > 500);
    assertTrue("median pixels", countNear(image, 0x1f5fbf) > 300);
    assertTrue("band pixels", countLightBlue(image) > 5_000);
  }

  /** The legend is the figure's, once below the panels: no panel repeats it. */
  @Test
  public void theLegendIsShownOnceForTheFigure() throws IOException {
    List<SeriesPlot> plots = seasonalNaiveForecasts(List.of("AirPassengers", "co2", "UKgas", "Nile", "UKDriverDeaths"), 24);
    List<org.knowm.xchart.XYChart> panels = plots.stream().map(p -> FanChart.panel(p, "value")).toList();
    for (org.knowm.xchart.XYChart panel : panels) {
      assertTrue(panel.getTitle() + " draws a legend of its own", !panel.getStyler().isLegendVisible());
    }
    assertEquals(List.of("history", "80% band (q10-q90)", "median"),
        FigureLegend.entries(panels).stream().map(FigureLegend.Entry::name).toList());
  }

  /** Value ticks keep their leading zero (XChart's default pattern writes ".09"). */
  @Test
  public void valueLabelsKeepTheLeadingZero() throws IOException {
    SeriesPlot small = seasonalNaiveForecasts(List.of("AirPassengers"), 12).get(0);
    double[] scaled = java.util.Arrays.stream(small.history()).map(v -> v / 5000).toArray(); // 0.02 .. 0.13
    SeriesPlot.Forecast f = small.forecasts().get(0);
    double[][] q = java.util.Arrays.stream(f.quantiles())
        .map(row -> java.util.Arrays.stream(row).map(v -> v / 5000).toArray()).toArray(double[][]::new);
    SeriesPlot plot = new SeriesPlot("small", small.historyTimes(), scaled, f.times(), q[4], LEVELS, q);
    var format = FanChart.panel(plot, "value").getStyler().getyAxisTickLabelsFormattingFunction();
    assertEquals("0.09", format.apply(0.09));
    assertEquals("0.3", format.apply(0.1 * 3));
  }

  @Test
  public void drawsAtMostMaxPanels() throws IOException {
    List<SeriesPlot> plots = seasonalNaiveForecasts(List.of("AirPassengers", "co2", "UKgas"), 12);
    Path png = Files.createTempFile("fan", ".png");
    FanChart.write(png, plots, 1, "value", false);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(FanChart.PANEL_WIDTH, image.getWidth());
    assertEquals(FanChart.PANEL_HEIGHT + FigureLegend.HEIGHT, image.getHeight());
    Files.delete(png);
  }

  @Test
  public void axesAreTitledAndDemoWeightsAreMarkedInRed() throws IOException {
    List<SeriesPlot> plots = seasonalNaiveForecasts(List.of("AirPassengers", "co2"), 12);
    org.knowm.xchart.XYChart panel = FanChart.panel(plots.get(0), "sales");
    assertEquals("time (UTC)", panel.getXAxisTitle());
    assertEquals("sales", panel.getYAxisTitle());
    Path plain = Files.createTempFile("fan", ".png");
    Path demo = Path.of("target", "demo-weights-sample.png");
    FanChart.write(plain, plots, 2, "sales", false);
    FanChart.write(demo, plots, 2, "sales", true);
    int red = FanChart.DEMO_MARK.getRGB() & 0xffffff;
    assertEquals("no mark on real weights", 0, countNear(ImageIO.read(plain.toFile()), red));
    BufferedImage marked = ImageIO.read(demo.toFile());
    assertEquals("a banner above the panels", FanChart.PANEL_HEIGHT + FanChart.DEMO_BANNER_HEIGHT + FigureLegend.HEIGHT,
        marked.getHeight());
    assertTrue("the red mark", countNear(marked, red) > 300);
    Files.delete(plain);
  }

  /** A point forecaster (Timer-XL) has no quantile rows: the forecast line without a band. */
  @Test
  public void drawsAPointForecastWithoutABand() throws IOException {
    SeriesPlot band = seasonalNaiveForecasts(List.of("AirPassengers"), 24).get(0);
    SeriesPlot.Forecast fan = band.forecasts().get(0);
    SeriesPlot point = new SeriesPlot(band.id(), band.historyTimes(), band.history(), fan.times(), fan.median(),
        new double[0], new double[0][]);
    Path png = Path.of("target", "point-forecast-sample.png");
    FanChart.write(png, List.of(point));
    BufferedImage image = ImageIO.read(png.toFile());
    Path withBand = Path.of("target", "band-forecast-sample.png");
    FanChart.write(withBand, List.of(band));
    assertTrue("forecast pixels", countNear(image, 0x1f5fbf) > 100);
    // Only the forecast line's anti-aliased edges are light blue: a tenth of a band's pixels at most.
    int bandPixels = countLightBlue(ImageIO.read(withBand.toFile()));
    assertTrue("band pixels " + countLightBlue(image) + " vs " + bandPixels, countLightBlue(image) * 10 < bandPixels);
  }

  /**
   * A backtest panel: AirPassengers' last 48 months, 2 windows of 12 months, cutoffs 24 months
   * apart (a gap of 12 unshaded months between them). Across the plot, the columns shaded amber
   * form two runs, as wide as the gap between them (all three span 12 months), and the cutoff
   * lines are drawn; a forecast's panel has no shading.
   */
  @Test
  public void backtestWindowsAreShadedFromTheirCutoffs() throws IOException {
    SeriesPlot air = seasonalNaiveForecasts(List.of("AirPassengers"), 12).get(0);
    int n = air.history().length;
    int h = 12;
    List<SeriesPlot.Forecast> windows = new ArrayList<>();
    for (int cutoff : new int[] {n - 1 - h - 24, n - 1 - h}) {
      double[][] q = new double[LEVELS.length][h];
      for (int l = 0; l < LEVELS.length; l++) {
        for (int t = 0; t < h; t++) {
          q[l][t] = air.history()[cutoff - 11 + t] + Z[l] * 20; // seasonal naive, a fixed spread
        }
      }
      windows.add(new SeriesPlot.Forecast(air.historyTimes().get(cutoff), air.historyTimes().subList(cutoff + 1, cutoff + 1 + h),
          q[4], LEVELS, q));
    }
    SeriesPlot backtest = SeriesPlot.backtest(air.id(), air.historyTimes(), air.history(), windows);
    Path png = Path.of("target", "backtest-sample.png");
    FanChart.write(png, List.of(backtest), 1, "passengers", true);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(FanChart.PANEL_WIDTH, image.getWidth());
    assertEquals(FanChart.DEMO_BANNER_HEIGHT + FanChart.PANEL_HEIGHT + FigureLegend.HEIGHT, image.getHeight());
    assertTrue("the demo mark", countNear(image, FanChart.DEMO_MARK.getRGB() & 0xffffff) > 300);

    List<int[]> runs = shadedRuns(image);
    assertEquals("two shaded windows, runs " + describe(runs), 2, runs.size());
    int first = runs.get(0)[1] - runs.get(0)[0];
    int second = runs.get(1)[1] - runs.get(1)[0];
    int gap = runs.get(1)[0] - runs.get(0)[1];
    // 12 months each; 10% for the lines drawn over the shading and pixel rounding.
    assertEquals("second window vs first, runs " + describe(runs), first, second, 0.1 * first);
    assertEquals("unshaded gap vs a window, runs " + describe(runs), first, gap, 0.1 * first);
    // Left of the first cutoff (2 years of history before it) nothing is shaded.
    assertTrue("history before the first window, runs " + describe(runs), runs.get(0)[0] > 0.3 * image.getWidth());
    assertTrue("cutoff lines", countNear(image, FanChart.CUTOFF.getRGB() & 0xffffff) > 50);

    Path forecast = Files.createTempFile("fan", ".png");
    FanChart.write(forecast, List.of(air), 1, "passengers", false);
    assertEquals("no shading on a forecast", List.of(), shadedRuns(ImageIO.read(forecast.toFile())));
    Files.delete(forecast);
  }

  @Test(expected = IllegalArgumentException.class)
  public void aPanelHoldsAForecastOrWindowsNotBoth() {
    SeriesPlot.Forecast forecast = new SeriesPlot.Forecast(null, List.of(Instant.EPOCH.plusSeconds(60)), new double[] {1},
        new double[0], new double[0][]);
    SeriesPlot.Forecast window = new SeriesPlot.Forecast(Instant.EPOCH, List.of(Instant.EPOCH.plusSeconds(60)), new double[] {1},
        new double[0], new double[0][]);
    new SeriesPlot("x", List.of(Instant.EPOCH), new double[] {1}, List.of(window, forecast));
  }

  /**
   * Runs [from, to) of columns where a third of the pixels or more have the window shade's colour
   * on white; runs at most 3 columns apart are one (a cutoff or grid line drawn over the shading).
   */
  private static List<int[]> shadedRuns(BufferedImage image) {
    int shade = onWhite(FanChart.WINDOW_SHADE);
    List<int[]> runs = new ArrayList<>();
    int start = -1;
    for (int x = 0; x <= image.getWidth(); x++) {
      boolean shaded = false;
      if (x < image.getWidth()) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
          count += distance(image.getRGB(x, y), shade) <= 12 ? 1 : 0;
        }
        shaded = count >= image.getHeight() / 3;
      }
      if (shaded && start < 0) {
        int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && x - last[1] <= 3) {
          runs.remove(runs.size() - 1);
          start = last[0];
        } else {
          start = x;
        }
      } else if (!shaded && start >= 0) {
        runs.add(new int[] {start, x});
        start = -1;
      }
    }
    return runs;
  }

  private static String describe(List<int[]> runs) {
    StringBuilder s = new StringBuilder();
    runs.forEach(r -> s.append('[').append(r[0]).append(", ").append(r[1]).append(") "));
    return s.toString();
  }

  /** A translucent colour as drawn over white. */
  private static int onWhite(java.awt.Color c) {
    double a = c.getAlpha() / 255.0;
    int r = (int) Math.round(255 * (1 - a) + c.getRed() * a);
    int g = (int) Math.round(255 * (1 - a) + c.getGreen() * a);
    int b = (int) Math.round(255 * (1 - a) + c.getBlue() * a);
    return r << 16 | g << 8 | b;
  }

  private static int distance(int p, int rgb) {
    return Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff))
        + Math.abs((p & 0xff) - (rgb & 0xff));
  }

  @Test(expected = IllegalArgumentException.class)
  public void oneQuantileRowIsNeitherAPointForecastNorABand() {
    new SeriesPlot("x", List.of(), new double[0], List.of(Instant.EPOCH), new double[] {1},
        new double[] {0.5}, new double[][] {{1}});
  }

  @Test(expected = IllegalArgumentException.class)
  public void quantileRowsMustMatchTheHorizon() {
    new SeriesPlot("x", List.of(), new double[0], List.of(Instant.EPOCH), new double[] {1},
        new double[] {0.1, 0.9}, new double[][] {{0}, {1, 2}});
  }

  /** Pixels within a small distance of an RGB colour. */
  private static int countNear(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int d = Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff))
            + Math.abs((p & 0xff) - (rgb & 0xff));
        if (d <= 30) {
          count++;
        }
      }
    }
    return count;
  }

  /**
   * Real monthly/quarterly series from examples/data with a seasonal-naive forecast (last season,
   * scaled by the last year-on-year growth) whose spread grows with the step.
   */
  static List<SeriesPlot> seasonalNaiveForecasts(List<String> ids, int horizon) throws IOException {
    Map<String, List<String[]>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "examples", "data", "r-datasets.csv"))) {
      String[] cells = line.split(",");
      rows.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
    }
    List<SeriesPlot> plots = new ArrayList<>();
    for (String id : ids) {
      List<String[]> series = rows.get(id);
      int n = series.size();
      List<Instant> times = new ArrayList<>();
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        times.add(LocalDate.parse(series.get(i)[1]).atStartOfDay(ZoneOffset.UTC).toInstant());
        y[i] = Double.parseDouble(series.get(i)[2]);
      }
      LocalDate first = LocalDate.parse(series.get(0)[1]);
      int monthsPerStep = (int) java.time.temporal.ChronoUnit.MONTHS.between(first, LocalDate.parse(series.get(1)[1]));
      int season = 12 / monthsPerStep;
      double growth = mean(y, n - season, n) / mean(y, n - 2 * season, n - season);
      double spread = 0;
      for (int i = season; i < n; i++) {
        spread += Math.pow(y[i] - y[i - season], 2) / (n - season);
      }
      spread = Math.sqrt(spread);
      List<Instant> future = new ArrayList<>();
      double[][] quantiles = new double[LEVELS.length][horizon];
      LocalDate last = LocalDate.parse(series.get(n - 1)[1]);
      for (int h = 0; h < horizon; h++) {
        future.add(last.plusMonths((long) monthsPerStep * (h + 1)).atStartOfDay(ZoneOffset.UTC).toInstant());
        double median = y[n - season + h % season] * Math.pow(growth, h / season + 1);
        for (int q = 0; q < LEVELS.length; q++) {
          quantiles[q][h] = median + Z[q] * spread * Math.sqrt(1 + (double) h / season);
        }
      }
      plots.add(new SeriesPlot(id, times, y, future, quantiles[4], LEVELS, quantiles));
    }
    return plots;
  }

  private static double mean(double[] y, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += y[i];
    }
    return sum / (to - from);
  }
}
