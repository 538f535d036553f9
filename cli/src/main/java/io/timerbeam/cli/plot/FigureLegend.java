package io.timerbeam.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/**
 * The one legend of a figure, in a strip below its panels: every panel draws the same kinds of
 * series, so a legend per panel repeats itself and takes room from the data. Each kind is named
 * once, in the order panels first show it.
 */
public final class FigureLegend {
  public static final int HEIGHT = 30;
  private static final int SWATCH = 22;
  private static final int GAP = 24;

  /** One legend entry: a series' name, how it is drawn and in which colours. */
  record Entry(String name, XYSeriesRenderStyle style, Color line, BasicStroke stroke, Color fill, Color marker) {}

  private FigureLegend() {}

  /** The series of {@code panels} shown in a legend, each name once. */
  static List<Entry> entries(List<XYChart> panels) {
    Set<String> seen = new LinkedHashSet<>();
    List<Entry> entries = new ArrayList<>();
    for (XYChart panel : panels) {
      for (XYSeries s : panel.getSeriesMap().values()) {
        if (s.isShowInLegend() && seen.add(s.getName())) {
          entries.add(new Entry(s.getName(), s.getXYSeriesRenderStyle(), s.getLineColor(), s.getLineStyle(), s.getFillColor(),
              s.getMarkerColor()));
        }
      }
    }
    return entries;
  }

  /** Draws {@code entries} centred in the strip of {@code width} starting at {@code top}. */
  static void draw(Graphics2D g, List<Entry> entries, int top, int width) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int total = 0;
    for (Entry e : entries) {
      total += SWATCH + 6 + g.getFontMetrics().stringWidth(e.name()) + GAP;
    }
    int x = Math.max(10, (width - total + GAP) / 2);
    int middle = top + HEIGHT / 2;
    for (Entry e : entries) {
      switch (e.style()) {
        case Scatter -> {
          g.setColor(e.marker());
          g.fillOval(x + SWATCH / 2 - 4, middle - 4, 8, 8);
        }
        case Line, Step, StepArea -> {
          g.setColor(e.line());
          g.setStroke(e.stroke() != null ? e.stroke() : new BasicStroke(1.5f));
          g.drawLine(x, middle, x + SWATCH, middle);
        }
        default -> { // areas: the band, a backtest window
          g.setColor(e.fill());
          g.fillRect(x, middle - 6, SWATCH, 12);
        }
      }
      g.setColor(Color.BLACK);
      g.drawString(e.name(), x + SWATCH + 6, middle + 4);
      x += SWATCH + 6 + g.getFontMetrics().stringWidth(e.name()) + GAP;
    }
  }
}
