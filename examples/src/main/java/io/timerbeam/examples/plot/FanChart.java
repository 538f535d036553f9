package io.timerbeam.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws forecasts as fan charts in one PNG: a grid of panels, one per series, each with the history,
 * the median forecast, the band between the outermost quantiles (q10–q90 for Timer-S1, an 80%
 * interval) and the inner quantiles as light lines; axes titled time (UTC) and the value column, and
 * a red "demo weights" banner above the panels when the forecasts come from the seeded-random checkpoint.
 *
 * <pre>{@code FanChart.write(Path.of("forecast.png"), plots); }</pre>
 */
public final class FanChart {
  public static final int DEFAULT_MAX_PANELS = 6;
  static final int PANEL_WIDTH = 640;
  static final int PANEL_HEIGHT = 320;
  static final int MAX_COLUMNS = 2;
  /** History shown per forecast step: enough to see the pattern without squeezing the forecast. */
  private static final int HISTORY_PER_STEP = 4;
  private static final int MIN_HISTORY_SHOWN = 48;

  private static final Color HISTORY = new Color(0x33, 0x33, 0x33);
  private static final Color MEDIAN = new Color(0x1f, 0x5f, 0xbf);
  private static final Color BAND = new Color(0x1f, 0x5f, 0xbf, 0x40);
  private static final Color INNER_QUANTILE = new Color(0x1f, 0x5f, 0xbf, 0x60);
  static final Color DEMO_MARK = new Color(0xd0, 0x10, 0x10);
  static final String DEMO_TEXT = "DEMO WEIGHTS \u2014 FORECASTS MEANINGLESS (seeded-random checkpoint)";
  static final int DEMO_BANNER_HEIGHT = 30;
  static final String TIME_TITLE = "time (UTC)";

  private FanChart() {}

  /** Writes the first {@value #DEFAULT_MAX_PANELS} series to {@code png}, the y axis titled "value". */
  public static void write(Path png, List<SeriesPlot> series) throws IOException {
    write(png, series, DEFAULT_MAX_PANELS, "value", false);
  }

  /**
   * Writes the first {@code maxPanels} series to {@code png}, two panels a row, the y axis titled
   * {@code valueTitle}; {@code demoWeights} adds a banner saying the weights, so the forecasts, are meaningless.
   */
  public static void write(Path png, List<SeriesPlot> series, int maxPanels, String valueTitle, boolean demoWeights) throws IOException {
    if (series.isEmpty() || maxPanels < 1) {
      throw new IllegalArgumentException("nothing to plot: " + series.size() + " series, at most " + maxPanels + " panels");
    }
    List<XYChart> panels = series.stream().limit(maxPanels).map(s -> panel(s, valueTitle)).collect(Collectors.toList());
    int columns = Math.min(MAX_COLUMNS, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    int top = demoWeights ? DEMO_BANNER_HEIGHT : 0;
    BufferedImage grid = new BufferedImage(columns * PANEL_WIDTH, top + rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(Color.WHITE); // under an odd last row's empty cell
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    if (demoWeights) {
      demoBanner(g);
    }
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i % columns * PANEL_WIDTH, top + i / columns * PANEL_HEIGHT, null);
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(grid, "png", png.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  /** Red text in a strip above the panels: it must be seen, and must not cover a title or the data. */
  private static void demoBanner(Graphics2D g) {
    g.setColor(DEMO_MARK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.drawString(DEMO_TEXT, 10, DEMO_BANNER_HEIGHT - 9);
  }

  static XYChart panel(SeriesPlot s, String valueTitle) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(s.id())
        .xAxisTitle(TIME_TITLE).yAxisTitle(valueTitle).build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    // Below the plot, so it never hides data.
    styler.setLegendPosition(LegendPosition.OutsideS);
    styler.setLegendLayout(LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setMarkerSize(0);
    styler.setTimezone(TimeZone.getTimeZone("UTC"));
    styler.setLocale(Locale.ROOT);

    int horizon = s.median().length;
    int n = s.history().length;
    int from = n - Math.min(n, Math.max(MIN_HISTORY_SHOWN, HISTORY_PER_STEP * horizon));
    if (n > 0) {
      line(chart, "history", dates(s.historyTimes().subList(from, n)), Arrays.copyOfRange(s.history(), from, n), HISTORY, 1.5f, true);
    }

    // Forecast lines start at the last observation, so the fan opens from the history.
    Fan fan = new Fan(s);
    double[][] q = s.quantiles();
    if (q.length >= 2) { // a point forecaster (Timer-XL) has no band
      band(chart, fan, q, s.quantileLevels());
      for (int i = 1; i < q.length - 1; i++) {
        if (!Arrays.equals(q[i], s.median())) { // drawn below as the median
          line(chart, "q" + i, fan.times, fan.values(q[i]), INNER_QUANTILE, 0.6f, false);
        }
      }
    }
    line(chart, q.length >= 2 ? "median" : "forecast", fan.times, fan.values(s.median()), MEDIAN, 2f, true);
    return chart;
  }

  /** The band between the outermost quantiles, a polygon: along the upper one, then back along the lower. */
  private static void band(XYChart chart, Fan fan, double[][] q, double[] levels) {
    int high = q.length - 1;
    String bandName = String.format(Locale.ROOT, "%.0f%% band (q%.0f-q%.0f)", 100 * (levels[high] - levels[0]), 100 * levels[0], 100 * levels[high]);
    List<Date> around = new ArrayList<>(fan.times);
    List<Date> back = new ArrayList<>(fan.times);
    Collections.reverse(back);
    around.addAll(back);
    double[] lower = fan.values(q[0]);
    double[] edge = DoubleStream.concat(Arrays.stream(fan.values(q[high])), IntStream.range(0, lower.length).mapToDouble(i -> lower[lower.length - 1 - i])).toArray();
    XYSeries band = chart.addSeries(bandName, around, boxed(edge));
    band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(BAND);
    band.setLineColor(BAND);
    band.setMarker(SeriesMarkers.NONE);
  }

  /** Forecast times and values, preceded by the last observation when there is one. */
  private static final class Fan {
    final List<Date> times;
    private final Double anchor;

    Fan(SeriesPlot s) {
      int n = s.history().length;
      times = new ArrayList<>();
      if (n > 0) {
        times.add(Date.from(s.historyTimes().get(n - 1)));
      }
      times.addAll(dates(s.forecastTimes()));
      anchor = n > 0 ? s.history()[n - 1] : null;
    }

    double[] values(double[] forecast) {
      return anchor == null ? forecast : DoubleStream.concat(DoubleStream.of(anchor), Arrays.stream(forecast)).toArray();
    }
  }

  private static void line(XYChart chart, String name, List<Date> x, double[] y, Color color, float width, boolean inLegend) {
    XYSeries series = chart.addSeries(name, x, boxed(y));
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(width));
    series.setMarker(SeriesMarkers.NONE);
    series.setShowInLegend(inLegend);
  }

  private static List<Date> dates(List<Instant> instants) {
    return instants.stream().map(Date::from).collect(Collectors.toList());
  }

  private static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().collect(Collectors.toList());
  }
}
