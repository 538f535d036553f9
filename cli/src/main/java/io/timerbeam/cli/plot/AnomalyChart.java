package io.timerbeam.cli.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws detected anomalies in one PNG, a panel per series as {@link FanChart} lays them out: the
 * series (the history before its target shown up to {@value #HISTORY_PER_TARGET_POINT} times the
 * target's length), the band between each scored point's lower and upper bound, and the anomalies
 * as red dots on the series.
 */
public final class AnomalyChart {
  static final int HISTORY_PER_TARGET_POINT = 3;
  private static final int MIN_HISTORY_SHOWN = 48;
  private static final Color SERIES = new Color(0x33, 0x33, 0x33);
  private static final Color BAND = new Color(0x1f, 0x5f, 0xbf, 0x40);
  static final Color ANOMALY = new Color(0xd0, 0x10, 0x10);

  private AnomalyChart() {}

  /**
   * Writes the first {@code maxPanels} series to {@code png}, the y axis titled {@code valueTitle};
   * the band is labelled with {@code threshold}'s levels; {@code demoWeights} adds FanChart's banner.
   */
  public static void write(Path png, List<AnomalyPlot> series, int maxPanels, String valueTitle, double threshold,
      boolean demoWeights) throws IOException {
    if (series.isEmpty() || maxPanels < 1) {
      throw new IllegalArgumentException("nothing to plot: " + series.size() + " scored series, at most " + maxPanels + " panels");
    }
    FanChart.writeGrid(png, series.stream().limit(maxPanels).map(s -> panel(s, valueTitle, threshold)).collect(Collectors.toList()),
        demoWeights);
  }

  static XYChart panel(AnomalyPlot s, String valueTitle, double threshold) {
    Instant firstTarget = s.targetTimes().get(0);
    int before = 0;
    while (before < s.times().size() && s.times().get(before).isBefore(firstTarget)) {
      before++;
    }
    int from = Math.max(0, before - Math.max(MIN_HISTORY_SHOWN, HISTORY_PER_TARGET_POINT * s.targetTimes().size()));
    List<Instant> shown = s.times().subList(from, s.times().size());
    List<Instant> all = new ArrayList<>(shown);
    all.addAll(s.targetTimes());
    TimeAxis time = TimeAxis.forTimes(all);
    int anomalies = 0;
    for (boolean a : s.anomaly()) {
      anomalies += a ? 1 : 0;
    }
    // The count in the title: the figure's one legend names what a dot is, not how many a panel has.
    XYChart chart = FanChart.emptyPanel(s.id() + " (" + anomalies + " anomal" + (anomalies == 1 ? "y" : "ies") + ")",
        valueTitle, time, all);
    band(chart, time, s, threshold);
    double[] values = java.util.Arrays.copyOfRange(s.values(), from, s.values().length);
    FanChart.line(chart, "series", FanChart.x(time, shown), values, SERIES, 1.5f, true);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < s.targetTimes().size(); i++) {
      int at = s.times().indexOf(s.targetTimes().get(i));
      if (s.anomaly()[i] && at >= 0) {
        x.add(time.coordinate(s.targetTimes().get(i)));
        y.add(s.values()[at]);
      }
    }
    if (!x.isEmpty()) { // XChart refuses an empty series
      XYSeries dots = chart.addSeries("anomaly", x, y);
      dots.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      dots.setMarker(SeriesMarkers.CIRCLE);
      dots.setMarkerColor(ANOMALY);
      chart.getStyler().setMarkerSize(8);
    }
    FanChart.calendarTicks(chart);
    return chart;
  }

  /** Between each scored point's bounds: a polygon along the upper bounds and back along the lower. */
  private static void band(XYChart chart, TimeAxis time, AnomalyPlot s, double threshold) {
    List<Double> around = FanChart.x(time, s.targetTimes());
    List<Double> back = new ArrayList<>(around);
    Collections.reverse(back);
    around.addAll(back);
    List<Double> edge = new ArrayList<>(FanChart.boxed(s.upper()));
    List<Double> lower = FanChart.boxed(s.lower());
    Collections.reverse(lower);
    edge.addAll(lower);
    XYSeries band = chart.addSeries(String.format(Locale.ROOT, "bounds (p <= %s)", threshold), around, edge);
    band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(BAND);
    band.setLineColor(BAND);
    band.setMarker(SeriesMarkers.NONE);
  }
}
