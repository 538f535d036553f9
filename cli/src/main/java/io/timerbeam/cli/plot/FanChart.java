package io.timerbeam.cli.plot;

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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws forecasts as fan charts in one PNG: a grid of panels, one per series, each with the history,
 * the median forecast, the band between the outermost quantiles (q10–q90 for Timer-S1, an 80%
 * interval) and the inner quantiles as light lines; axes titled time (UTC) and the value column, and
 * a red "demo weights" banner above the panels when the forecasts come from the seeded-random checkpoint.
 * A backtest's panel draws the actuals and one fan per window, each window shaded amber from its
 * cutoff (a dashed line) to its last step.
 *
 * <pre>{@code FanChart.write(Path.of("forecast.png"), plots); }</pre>
 */
public final class FanChart {
  public static final int DEFAULT_MAX_PANELS = 6;
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 320;
  static final int MAX_COLUMNS = 2;
  /** History shown per forecast step: enough to see the pattern without squeezing the forecast. */
  private static final int HISTORY_PER_STEP = 4;
  private static final int MIN_HISTORY_SHOWN = 48;

  private static final Color HISTORY = new Color(0x33, 0x33, 0x33);
  private static final Color MEDIAN = new Color(0x1f, 0x5f, 0xbf);
  private static final Color BAND = new Color(0x1f, 0x5f, 0xbf, 0x40);
  private static final Color INNER_QUANTILE = new Color(0x1f, 0x5f, 0xbf, 0x60);
  /** Translucent, so that overlapping windows (a step below the horizon) show darker. */
  public static final Color WINDOW_SHADE = new Color(0xf0, 0xa0, 0x30, 0x40);
  static final Color CUTOFF = new Color(0x80, 0x40, 0x00);
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
    writeGrid(png, series.stream().limit(maxPanels).map(s -> panel(s, valueTitle)).collect(Collectors.toList()), demoWeights);
  }

  /**
   * Writes {@code panels} to {@code png}, two a row, under the demo-weights banner when {@code demoWeights},
   * above the figure's one legend.
   */
  static void writeGrid(Path png, List<XYChart> panels, boolean demoWeights) throws IOException {
    int columns = Math.min(MAX_COLUMNS, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    int top = demoWeights ? DEMO_BANNER_HEIGHT : 0;
    BufferedImage grid = new BufferedImage(columns * PANEL_WIDTH, top + rows * PANEL_HEIGHT + FigureLegend.HEIGHT,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(Color.WHITE); // under an odd last row's empty cell
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    if (demoWeights) {
      demoBanner(g);
    }
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i % columns * PANEL_WIDTH, top + i / columns * PANEL_HEIGHT, null);
    }
    FigureLegend.draw(g, FigureLegend.entries(panels), top + rows * PANEL_HEIGHT, grid.getWidth());
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

  /**
   * An empty panel titled {@code title}, its axes time (UTC), in {@code time}'s unit, spanning {@code shown},
   * and {@code valueTitle}; no legend of its own ({@link FigureLegend} draws one for the figure).
   */
  static XYChart emptyPanel(String title, String valueTitle, TimeAxis time, List<Instant> shown) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle(TIME_TITLE).yAxisTitle(valueTitle).build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setLegendVisible(false);
    styler.setMarkerSize(0);
    styler.setLocale(Locale.ROOT);
    styler.setxAxisTickLabelsFormattingFunction(time.labels());
    styler.setXAxisTickMarkSpacingHint(time.tickSpacingHint(shown, PANEL_WIDTH));
    styler.setyAxisTickLabelsFormattingFunction(ValueLabels::format);
    return chart;
  }

  static XYChart panel(SeriesPlot s, String valueTitle) {
    List<SeriesPlot.Forecast> fans = s.forecasts();
    Instant firstStep = fans.stream().map(f -> f.times().get(0)).min(Instant::compareTo).orElseThrow();
    int horizon = fans.stream().mapToInt(f -> f.median().length).max().orElseThrow();
    int beforeFirstFan = historyBefore(s, firstStep);
    int n = s.history().length;
    int from = Math.max(0, beforeFirstFan - Math.max(MIN_HISTORY_SHOWN, HISTORY_PER_STEP * horizon));
    boolean backtest = fans.get(0).isWindow();
    List<Instant> shown = new ArrayList<>(s.historyTimes().subList(from, n));
    fans.forEach(f -> shown.addAll(f.times()));
    TimeAxis time = TimeAxis.forTimes(shown);
    XYChart chart = emptyPanel(s.id(), valueTitle, time, shown);
    var styler = chart.getStyler();
    if (backtest) {
      // Fixed bounds, so that the shading spans the whole plot height.
      double[] range = valueRange(Arrays.copyOfRange(s.history(), from, n), fans);
      styler.setYAxisMin(range[0]);
      styler.setYAxisMax(range[1]);
      for (int w = 0; w < fans.size(); w++) {
        window(chart, time, fans.get(w), range, w);
      }
    }
    if (n > 0) {
      line(chart, backtest ? "actual" : "history", x(time, s.historyTimes().subList(from, n)), Arrays.copyOfRange(s.history(), from, n),
          HISTORY, 1.5f, true);
    }
    for (int w = 0; w < fans.size(); w++) {
      fan(chart, time, s, fans.get(w), w == 0 ? "" : " " + (w + 1));
    }
    calendarTicks(chart);
    return chart;
  }

  /**
   * Makes XChart choose the time ticks as 1, 2, 5, 10 ... units (so on the calendar) even when the
   * points are equally spaced (yearly data in years, daily in days): then XChart would put ticks on
   * every k-th point instead, k any number (8 years for the Nile). A hidden point a third of the way
   * between the first two times breaks the equal spacing; it draws nothing and is in no legend.
   */
  static void calendarTicks(XYChart chart) {
    double[] x = chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getXData())).distinct().sorted()
        .toArray();
    double[] y = chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData()))
        .filter(Double::isFinite).limit(1).toArray();
    if (x.length < 2 || y.length == 0) {
      return;
    }
    XYSeries hidden = chart.addSeries(" calendar ticks", new double[] {x[0] + (x[1] - x[0]) / 3}, y);
    hidden.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    hidden.setLineColor(new Color(0, 0, 0, 0));
    hidden.setMarker(SeriesMarkers.NONE);
    hidden.setShowInLegend(false);
  }

  /** One fan; {@code suffix} keeps the series names of a panel's fans apart, and only the first fan is in the legend. */
  private static void fan(XYChart chart, TimeAxis time, SeriesPlot s, SeriesPlot.Forecast forecast, String suffix) {
    // Forecast lines start at the last observation before them, so the fan opens from the history.
    Fan fan = new Fan(time, s, forecast);
    double[][] q = forecast.quantiles();
    boolean inLegend = suffix.isEmpty();
    if (q.length >= 2) { // a point forecaster (Timer-XL) has no band
      band(chart, fan, q, forecast.quantileLevels(), suffix, inLegend);
      for (int i = 1; i < q.length - 1; i++) {
        if (!Arrays.equals(q[i], forecast.median())) { // drawn below as the median
          line(chart, "q" + i + suffix, fan.times, fan.values(q[i]), INNER_QUANTILE, 0.6f, false);
        }
      }
    }
    line(chart, (q.length >= 2 ? "median" : "forecast") + suffix, fan.times, fan.values(forecast.median()), MEDIAN, 2f, inLegend);
  }

  /** A backtest window: shaded from its cutoff to its last step, the cutoff a dashed line. */
  private static void window(XYChart chart, TimeAxis time, SeriesPlot.Forecast window, double[] range, int w) {
    List<Double> edges = x(time, List.of(window.cutoff(), window.times().get(window.times().size() - 1)));
    List<Double> corners = List.of(edges.get(0), edges.get(0), edges.get(1), edges.get(1));
    XYSeries shade = chart.addSeries(w == 0 ? "backtest window" : "window " + (w + 1), corners,
        List.of(range[0], range[1], range[1], range[0]));
    shade.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    shade.setFillColor(WINDOW_SHADE);
    shade.setLineColor(WINDOW_SHADE);
    shade.setMarker(SeriesMarkers.NONE);
    shade.setShowInLegend(w == 0);
    XYSeries cutoff = chart.addSeries(w == 0 ? "cutoff" : "cutoff " + (w + 1), List.of(edges.get(0), edges.get(0)),
        List.of(range[0], range[1]));
    cutoff.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    cutoff.setLineColor(CUTOFF);
    cutoff.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    cutoff.setMarker(SeriesMarkers.NONE);
    cutoff.setShowInLegend(w == 0);
  }

  /** The lowest and highest shown value, 5% apart from the data. */
  private static double[] valueRange(double[] shownHistory, List<SeriesPlot.Forecast> fans) {
    DoubleStream all = Arrays.stream(shownHistory);
    for (SeriesPlot.Forecast f : fans) {
      all = DoubleStream.concat(all, Arrays.stream(f.median()));
      for (double[] q : f.quantiles()) {
        all = DoubleStream.concat(all, Arrays.stream(q));
      }
    }
    double[] finite = all.filter(Double::isFinite).toArray();
    double low = Arrays.stream(finite).min().orElse(0);
    double high = Arrays.stream(finite).max().orElse(1);
    double pad = high > low ? 0.05 * (high - low) : 1;
    return new double[] {low - pad, high + pad};
  }

  /** How many history points come before {@code time}. */
  private static int historyBefore(SeriesPlot s, Instant time) {
    int i = 0;
    while (i < s.historyTimes().size() && s.historyTimes().get(i).isBefore(time)) {
      i++;
    }
    return i;
  }

  /** The band between the outermost quantiles, a polygon: along the upper one, then back along the lower. */
  private static void band(XYChart chart, Fan fan, double[][] q, double[] levels, String suffix, boolean inLegend) {
    int high = q.length - 1;
    String bandName = String.format(Locale.ROOT, "%.0f%% band (q%.0f-q%.0f)", 100 * (levels[high] - levels[0]), 100 * levels[0], 100 * levels[high]);
    List<Double> around = new ArrayList<>(fan.times);
    List<Double> back = new ArrayList<>(fan.times);
    Collections.reverse(back);
    around.addAll(back);
    double[] lower = fan.values(q[0]);
    double[] edge = DoubleStream.concat(Arrays.stream(fan.values(q[high])), IntStream.range(0, lower.length).mapToDouble(i -> lower[lower.length - 1 - i])).toArray();
    XYSeries band = chart.addSeries(bandName + suffix, around, boxed(edge));
    band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(BAND);
    band.setLineColor(BAND);
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(inLegend);
  }

  /** Forecast times and values, preceded by the last observation before the forecast when there is one. */
  private static final class Fan {
    final List<Double> times;
    private final Double anchor;

    Fan(TimeAxis time, SeriesPlot s, SeriesPlot.Forecast forecast) {
      int before = historyBefore(s, forecast.times().get(0));
      times = new ArrayList<>();
      if (before > 0) {
        times.add(time.coordinate(s.historyTimes().get(before - 1)));
      }
      times.addAll(x(time, forecast.times()));
      anchor = before > 0 ? s.history()[before - 1] : null;
    }

    double[] values(double[] forecast) {
      return anchor == null ? forecast : DoubleStream.concat(DoubleStream.of(anchor), Arrays.stream(forecast)).toArray();
    }
  }

  static void line(XYChart chart, String name, List<Double> x, double[] y, Color color, float width, boolean inLegend) {
    XYSeries series = chart.addSeries(name, x, boxed(y));
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(width));
    series.setMarker(SeriesMarkers.NONE);
    series.setShowInLegend(inLegend);
  }

  /** {@code instants} as coordinates of the {@code time} axis. */
  static List<Double> x(TimeAxis time, List<Instant> instants) {
    return instants.stream().map(time::coordinate).collect(Collectors.toList());
  }

  static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().collect(Collectors.toList());
  }
}
