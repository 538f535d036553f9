package io.timerbeam.examples.plot;

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
    assertEquals(3 * FanChart.PANEL_HEIGHT, image.getHeight());
    assertTrue("history pixels", countNear(image, 0x333333) > 500);
    assertTrue("median pixels", countNear(image, 0x1f5fbf) > 300);
    assertTrue("band pixels", countLightBlue(image) > 5_000);
  }

  @Test
  public void drawsAtMostMaxPanels() throws IOException {
    List<SeriesPlot> plots = seasonalNaiveForecasts(List.of("AirPassengers", "co2", "UKgas"), 12);
    Path png = Files.createTempFile("fan", ".png");
    FanChart.write(png, plots, 1, "value", false);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(FanChart.PANEL_WIDTH, image.getWidth());
    assertEquals(FanChart.PANEL_HEIGHT, image.getHeight());
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
    assertEquals("a banner above the panels", FanChart.PANEL_HEIGHT + FanChart.DEMO_BANNER_HEIGHT, marked.getHeight());
    assertTrue("the red mark", countNear(marked, red) > 300);
    Files.delete(plain);
  }

  /** A point forecaster (Timer-XL) has no quantile rows: the forecast line without a band. */
  @Test
  public void drawsAPointForecastWithoutABand() throws IOException {
    SeriesPlot band = seasonalNaiveForecasts(List.of("AirPassengers"), 24).get(0);
    SeriesPlot point = new SeriesPlot(band.id(), band.historyTimes(), band.history(), band.forecastTimes(), band.median(),
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
    for (String line : Files.readAllLines(Path.of("data", "r-datasets.csv"))) {
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
