package io.timerbeam.cli.job;

import io.timerbeam.cli.plot.SeriesPlot;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The data of a fan chart, gathered inside the pipeline so that it works on any runner and any
 * source: the history and forecast quantiles of the first N series by id (for a backtest: the
 * series and the model's forecast of each window, keyed by its cutoff), written as tab-separated
 * lines to one file that the command line reads back after the run.
 */
final class PlotSample {
  private PlotSample() {}

  /** Adds the branch that writes the sample of a forecast to {@code file}. */
  static void write(PCollection<Row> observations, PCollection<Row> forecasts, ForecastJobSpec spec, String file) {
    write(observations, forecasts, spec, file, null);
  }

  /** Adds the branch that writes the sample of a backtest to {@code file}: the model's windows, not the baseline's. */
  static void writeBacktest(PCollection<Row> observations, PCollection<Row> windowForecasts, ForecastJobSpec spec, String file) {
    PCollection<Row> model = windowForecasts.apply("PlotModelWindows",
        Filter.by(r -> !EvaluationRows.SEASONAL_NAIVE.equals(r.getString(EvaluationRows.MODEL))));
    write(observations, model, spec, file, EvaluationRows.CUTOFF);
  }

  /** @param cutoffColumn the column of a backtest window's cutoff, or null for a forecast */
  private static void write(PCollection<Row> observations, PCollection<Row> forecasts, ForecastJobSpec spec, String file,
      @Nullable String cutoffColumn) {
    writeLines(observations, forecasts, spec, file, "PlotForecast", (r, id) -> {
      StringBuilder line = new StringBuilder("f\t").append(id).append('\t')
          .append(cutoffColumn == null ? "" : String.valueOf(r.getDateTime(cutoffColumn).getMillis())).append('\t')
          .append(r.getDateTime(Columns.FORECAST_TIMESTAMP).getMillis()).append('\t').append(r.getDouble(Columns.FORECAST_VALUE));
      for (String field : r.getSchema().getFieldNames()) {
        if (Columns.isQuantileColumn(field)) {
          line.append('\t').append(r.getDouble(field));
        }
      }
      return line.toString();
    });
  }

  /**
   * Adds the branch that writes a sample to {@code file}: the history lines ({@link #historyLines}) of the
   * first {@code spec.plotSeries} series among {@code rows}, and each of their rows as {@code line}
   * writes it from the row and its series id.
   */
  static void writeLines(PCollection<Row> observations, PCollection<Row> rows, ForecastJobSpec spec, String file, String step,
      SerializableBiFunction<Row, String, String> line) {
    List<String> ids = spec.idColumns;
    PCollectionView<List<String>> chosen = firstIds(rows, spec);
    PCollection<String> history = historyLines(observations, chosen, spec);
    PCollection<String> sampled = rows.apply(step, ParDo.of(new DoFn<Row, String>() {
      private static final long serialVersionUID = 1L;

      @ProcessElement
      public void process(ProcessContext c) {
        String id = SeriesIds.of(c.element(), ids);
        if (c.sideInput(chosen).contains(id)) {
          c.output(line.apply(c.element(), id));
        }
      }
    }).withSideInputs(chosen));
    PCollectionList.of(history).and(sampled).apply("PlotLines", Flatten.pCollections())
        .apply("WritePlotSample", TextIO.write().to(file).withoutSharding());
  }

  /** The first {@code spec.plotSeries} series ids (by id) among {@code rows}. */
  private static PCollectionView<List<String>> firstIds(PCollection<Row> rows, ForecastJobSpec spec) {
    List<String> ids = spec.idColumns;
    return rows
        .apply("PlotIds", MapElements.into(TypeDescriptors.strings()).via(r -> SeriesIds.of(r, ids)))
        .apply("DistinctPlotIds", Distinct.create())
        .apply("FirstPlotIds", Top.smallest(spec.plotSeries))
        .apply("PlotIdsView", View.asSingleton());
  }

  /** The observations of the {@code chosen} series as history lines: {@code h, id, epoch millis, value (empty: null)}. */
  private static PCollection<String> historyLines(PCollection<Row> observations, PCollectionView<List<String>> chosen, ForecastJobSpec spec) {
    List<String> ids = spec.idColumns;
    String ts = spec.timestampColumn;
    String value = spec.valueColumn;
    return observations.apply("PlotHistory", ParDo.of(new DoFn<Row, String>() {
      private static final long serialVersionUID = 1L;

      @ProcessElement
      public void process(ProcessContext c) {
        String id = SeriesIds.of(c.element(), ids);
        if (c.sideInput(chosen).contains(id)) {
          Double v = c.element().getDouble(value);
          c.output("h\t" + id + "\t" + c.element().getDateTime(ts).getMillis() + "\t" + (v == null ? "" : v));
        }
      }
    }).withSideInputs(chosen));
  }

  /** Adds a history line ({@link #historyLines}) to {@code history}: per series, per time, the value (NaN: null). */
  static void readHistoryLine(String[] f, Map<String, TreeMap<Long, Double>> history) {
    history.computeIfAbsent(f[1], k -> new TreeMap<>()).put(Long.parseLong(f[2]), f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]));
  }

  /**
   * Reads the sample back: one plot per series, the last {@code historyPoints} points of history,
   * and its forecast or its windows (oldest first).
   */
  static List<SeriesPlot> read(Path file, double[] levels, int historyPoints) throws IOException {
    Map<String, TreeMap<Long, Double>> history = new TreeMap<>();
    // Per series, per cutoff ("" for a forecast), per step time: median then quantiles.
    Map<String, TreeMap<String, TreeMap<Long, double[]>>> forecast = new TreeMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f[0].equals("h")) {
        readHistoryLine(f, history);
      } else {
        double[] values = new double[f.length - 4];
        for (int i = 4; i < f.length; i++) {
          values[i - 4] = Double.parseDouble(f[i]);
        }
        forecast.computeIfAbsent(f[1], k -> new TreeMap<>(CUTOFF_ORDER)).computeIfAbsent(f[2], k -> new TreeMap<>())
            .put(Long.parseLong(f[3]), values);
      }
    }
    List<SeriesPlot> plots = new ArrayList<>();
    for (Map.Entry<String, TreeMap<String, TreeMap<Long, double[]>>> e : forecast.entrySet()) {
      String id = e.getKey();
      List<Map.Entry<Long, Double>> h = new ArrayList<>(history.getOrDefault(id, new TreeMap<>()).entrySet());
      h = h.subList(Math.max(0, h.size() - historyPoints), h.size());
      List<Instant> historyTimes = new ArrayList<>();
      double[] historyValues = new double[h.size()];
      for (int i = 0; i < h.size(); i++) {
        historyTimes.add(Instant.ofEpochMilli(h.get(i).getKey()));
        historyValues[i] = h.get(i).getValue();
      }
      List<SeriesPlot.Forecast> fans = new ArrayList<>();
      for (Map.Entry<String, TreeMap<Long, double[]>> fan : e.getValue().entrySet()) {
        Instant cutoff = fan.getKey().isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(fan.getKey()));
        fans.add(fan(id, cutoff, fan.getValue(), levels));
      }
      plots.add(new SeriesPlot(id, historyTimes, historyValues, fans));
    }
    return plots;
  }

  /** Cutoffs (epoch millis) in time order. */
  private static final Comparator<String> CUTOFF_ORDER =
      Comparator.comparingLong((String cutoff) -> cutoff.isEmpty() ? Long.MIN_VALUE : Long.parseLong(cutoff));

  private static SeriesPlot.Forecast fan(String id, @Nullable Instant cutoff, TreeMap<Long, double[]> steps, double[] levels) {
    List<Instant> times = new ArrayList<>();
    double[] median = new double[steps.size()];
    double[][] quantiles = new double[levels.length][steps.size()];
    int t = 0;
    for (Map.Entry<Long, double[]> step : steps.entrySet()) {
      times.add(Instant.ofEpochMilli(step.getKey()));
      median[t] = step.getValue()[0];
      for (int q = 0; q < levels.length; q++) {
        quantiles[q][t] = step.getValue()[q + 1];
      }
      t++;
    }
    return SeriesPlot.forecast(id, cutoff, times, median, levels, quantiles);
  }
}
