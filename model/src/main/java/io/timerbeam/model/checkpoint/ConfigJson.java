package io.timerbeam.model.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.InvalidModelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkpoint's {@code config.json} as a JSON object, with typed reads that fail with an
 * {@link InvalidModelException} naming the file and the key. Shared by every family's config.
 */
public final class ConfigJson {
  public static final String FILE = "config.json";

  private final JsonObject json;
  private final String source;

  private ConfigJson(JsonObject json, String source) {
    this.json = json;
    this.source = source;
  }

  /** Reads {@code config.json} in a checkpoint folder. */
  public static ConfigJson read(Path checkpointDir) throws IOException {
    Path file = checkpointDir.resolve(FILE);
    if (!Files.exists(checkpointDir)) {
      throw new InvalidModelException("model folder " + checkpointDir + " does not exist");
    }
    if (!Files.isDirectory(checkpointDir)) {
      throw new InvalidModelException("model " + checkpointDir + " is a file, not a checkpoint folder (" + FILE + " and *.safetensors)");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("model folder " + checkpointDir + " lacks " + FILE);
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses config JSON text; {@code source} names it in error messages. */
  public static ConfigJson parse(String jsonText, String source) {
    JsonNesting.check(jsonText, source);
    JsonElement root;
    try {
      root = JsonParser.parseString(jsonText);
    } catch (RuntimeException e) {
      throw new InvalidModelException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isJsonObject()) {
      throw new InvalidModelException(source + " is not a JSON object");
    }
    return new ConfigJson(root.getAsJsonObject(), source);
  }

  /** Where the config came from, for messages. */
  public String source() {
    return source;
  }

  public boolean has(String key) {
    JsonElement e = json.get(key);
    return e != null && !e.isJsonNull();
  }

  /** An error about {@code key}: "FILE: config key 'KEY' PROBLEM". */
  public InvalidModelException invalid(String key, String problem) {
    return new InvalidModelException(source + ": config key '" + key + "' " + problem);
  }

  private JsonElement required(String key) {
    if (!has(key)) {
      throw invalid(key, "is missing");
    }
    return json.get(key);
  }

  public double number(String key) {
    JsonElement e = required(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw invalid(key, "is not a number: " + e);
    }
    return e.getAsDouble();
  }

  /** The number, or {@code fallback} when the key is absent. */
  public double number(String key, double fallback) {
    return has(key) ? number(key) : fallback;
  }

  public int nonNegativeInt(String key) {
    return checkedInt(key, number(key), 0);
  }

  public int positiveInt(String key) {
    return checkedInt(key, number(key), 1);
  }

  /** A positive integer, or {@code fallback} when the key is absent. */
  public int positiveInt(String key, int fallback) {
    return has(key) ? positiveInt(key) : fallback;
  }

  public double positiveDouble(String key) {
    double v = number(key);
    if (!(v > 0)) {
      throw invalid(key, "must be positive, got " + v);
    }
    return v;
  }

  public String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonElement e = json.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw invalid(key, "is not a string: " + e);
    }
    return e.getAsString();
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonElement e = json.get(key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw invalid(key, "is not true or false: " + e);
    }
    return e.getAsBoolean();
  }

  /** The first string of an array-of-strings key, or null when absent or empty. */
  public String firstString(String key) {
    if (!has(key)) {
      return null;
    }
    JsonElement e = json.get(key);
    if (!e.isJsonArray()) {
      throw invalid(key, "is not an array: " + e);
    }
    JsonArray a = e.getAsJsonArray();
    if (a.isEmpty()) {
      return null;
    }
    if (!a.get(0).isJsonPrimitive() || !a.get(0).getAsJsonPrimitive().isString()) {
      throw invalid(key, "holds a non-string: " + a.get(0));
    }
    return a.get(0).getAsString();
  }

  /** A non-empty array of positive integers. */
  public int[] positiveInts(String key) {
    JsonArray a = nonEmptyArray(key);
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement x = a.get(i);
      double v = x.isJsonPrimitive() && x.getAsJsonPrimitive().isNumber() ? x.getAsDouble() : Double.NaN;
      if (!(v >= 1) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
        throw invalid(key, "must hold positive integers, got " + x + " at index " + i);
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** A non-empty array of positive integers, or {@code fallback} when the key is absent. */
  public int[] positiveInts(String key, int[] fallback) {
    return has(key) ? positiveInts(key) : fallback.clone();
  }

  /** A non-empty array of numbers. */
  public double[] numbers(String key) {
    JsonArray a = nonEmptyArray(key);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement x = a.get(i);
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
        throw invalid(key, "holds a non-number at index " + i + ": " + x);
      }
      out[i] = x.getAsDouble();
    }
    return out;
  }

  private JsonArray nonEmptyArray(String key) {
    JsonElement e = required(key);
    if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
      throw invalid(key, "must be a non-empty array, got " + e);
    }
    return e.getAsJsonArray();
  }

  private int checkedInt(String key, double v, int min) {
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
      throw invalid(key, "must be a non-negative integer, got " + v);
    }
    if (v < min) {
      throw invalid(key, "must be positive, got " + (long) v);
    }
    return (int) v;
  }
}
