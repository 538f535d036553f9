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

  /** One golden case: a context (NaN = missing), a horizon and the reference [quantile][step]. */
  public static final class Case {
    public final String name;
    public final int horizon;
    public final double[] context;
    public final double[][] forecast;

    Case(String name, int horizon, double[] context, double[][] forecast) {
      this.name = name;
      this.horizon = horizon;
      this.context = context;
      this.forecast = forecast;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Golden() {}

  public static List<Case> cases(String fixture) {
    Path file = Fixtures.checkpoint(fixture).resolve("golden.json");
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
        JsonArray fc = c.getAsJsonArray("forecast");
        double[][] forecast = new double[fc.size()][];
        for (int j = 0; j < forecast.length; j++) {
          JsonArray row = fc.get(j).getAsJsonArray();
          forecast[j] = new double[row.size()];
          for (int t = 0; t < forecast[j].length; t++) {
            forecast[j][t] = row.get(t).getAsDouble();
          }
        }
        cases.add(new Case(c.get("name").getAsString(), c.get("horizon").getAsInt(), context, forecast));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
