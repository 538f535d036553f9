package io.timerbeam.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reference forecasts in a fixture's golden.json, and the agreement measure they are held to. */
public final class Golden {
  /** Asked of a float32 implementation by the fixtures' README. */
  public static final double TOLERANCE = 1e-4;

  /**
   * One golden case: a context (NaN = missing), a horizon and the reference [row][step]; for a
   * Timer-XL fixture also the reference of the re-normalise-everything mode ({@code
   * forecast_no_cache}), else null.
   */
  public static final class Case {
    public final String name;
    public final int horizon;
    public final double[] context;
    public final double[][] forecast;
    public final double[][] forecastNoCache;

    Case(String name, int horizon, double[] context, double[][] forecast, double[][] forecastNoCache) {
      this.name = name;
      this.horizon = horizon;
      this.context = context;
      this.forecast = forecast;
      this.forecastNoCache = forecastNoCache;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Golden() {}

  /** The cases of a Timer-S1 fixture. */
  public static List<Case> cases(String fixture) {
    return cases(Fixtures.checkpoint(fixture));
  }

  /** The cases of the fixture checkpoint in {@code dir}. */
  public static List<Case> cases(Path dir) {
    Path file = dir.resolve("golden.json");
    try {
      JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      List<Case> cases = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray("cases")) {
        JsonObject c = e.getAsJsonObject();
        JsonArray ctx = c.getAsJsonArray("context");
        double[] context = new double[ctx.size()];
        for (int i = 0; i < context.length; i++) {
          context[i] = ctx.get(i).isJsonNull() ? Double.NaN : ctx.get(i).getAsDouble();
        }
        double[][] noCache = c.has("forecast_no_cache") ? rows(c.getAsJsonArray("forecast_no_cache")) : null;
        cases.add(new Case(c.get("name").getAsString(), c.get("horizon").getAsInt(), context, rows(c.getAsJsonArray("forecast")), noCache));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[][] rows(JsonArray fc) {
    double[][] out = new double[fc.size()][];
    for (int j = 0; j < out.length; j++) {
      JsonArray row = fc.get(j).getAsJsonArray();
      out[j] = new double[row.size()];
      for (int t = 0; t < out[j].length; t++) {
        out[j][t] = row.get(t).getAsDouble();
      }
    }
    return out;
  }

  /**
   * Every case forecast in one batch of different lengths at the longest horizon (the forecasts are
   * prefix-stable), each series' rows cut back to its case's own horizon: [case][row][step].
   */
  public static float[][][] inOneBatch(List<Case> cases, java.util.function.BiFunction<List<double[]>, Integer, float[][][]> forecast) {
    List<double[]> contexts = new ArrayList<>();
    int horizon = 0;
    for (Case c : cases) {
      contexts.add(c.context);
      horizon = Math.max(horizon, c.horizon);
    }
    float[][][] out = forecast.apply(contexts, horizon);
    for (int s = 0; s < cases.size(); s++) {
      for (int j = 0; j < out[s].length; j++) {
        out[s][j] = java.util.Arrays.copyOf(out[s][j], cases.get(s).horizon);
      }
    }
    return out;
  }

  /** A forecast widened to double, to compare with {@link #relativeError} or keep as an expectation. */
  public static double[][] toDouble(float[][] f) {
    double[][] d = new double[f.length][];
    for (int i = 0; i < f.length; i++) {
      d[i] = new double[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        d[i][j] = f[i][j];
      }
    }
    return d;
  }

  /** max |y - golden| / max(1, max |golden|) over every quantile and step. */
  public static double relativeError(float[][] actual, double[][] golden) {
    double maxAbsGolden = 0;
    double maxDiff = 0;
    for (int j = 0; j < golden.length; j++) {
      for (int t = 0; t < golden[j].length; t++) {
        maxAbsGolden = Math.max(maxAbsGolden, Math.abs(golden[j][t]));
        double diff = Math.abs(actual[j][t] - golden[j][t]);
        maxDiff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, diff);
      }
    }
    return maxDiff / Math.max(1, maxAbsGolden);
  }
}
