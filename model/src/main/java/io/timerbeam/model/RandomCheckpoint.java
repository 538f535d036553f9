package io.timerbeam.model;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.checkpoint.SafetensorsWriter;
import io.timerbeam.model.checkpoint.StorageType;
import io.timerbeam.model.timers1.TimerS1Config;
import io.timerbeam.model.timerxl.TimerXlConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a seeded random-weight checkpoint in the release layout of the config's family, for tests and
 * benchmarks. Weights follow torch's default Linear init (uniform in ±1/sqrt(fan_in)) so activations
 * stay in a realistic range; each tensor's values depend only on the seed and its name.
 */
public final class RandomCheckpoint {
  private RandomCheckpoint() {}

  /**
   * @param configJson the config.json text to write and follow
   * @param shards 1 for a single {@code model.safetensors}, more for shards plus an index
   */
  public static void write(String configJson, long seed, Path outDir, StorageType dtype, int shards) throws IOException {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    JsonObject json = JsonParser.parseString(configJson).getAsJsonObject();
    json.addProperty("torch_dtype", dtype == StorageType.BF16 ? "bfloat16" : dtype == StorageType.F16 ? "float16" : "float32");
    ConfigJson config = ConfigJson.parse(json.toString(), "config");
    Map<String, long[]> tensors = switch (ModelFamily.of(config)) {
      case TIMER_S1 -> TimerS1Config.of(config).expectedTensors();
      case TIMER_XL -> TimerXlConfig.of(config).expectedTensors();
    };
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve(ConfigJson.FILE), json.toString(), StandardCharsets.UTF_8);
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      String name = t.getKey();
      long[] shape = t.getValue();
      entries.add(new SafetensorsWriter.Entry(name, dtype, shape, () -> values(name, shape, seed)));
    }
    SafetensorsWriter.writeCheckpoint(outDir, entries, shards);
  }

  private static float[] values(String name, long[] shape, long seed) {
    int n = Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact));
    float[] v = new float[n];
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + name.hashCode());
    boolean isScale = name.endsWith("norm1.weight") || name.endsWith("norm2.weight") || name.endsWith("norm.weight")
        || name.endsWith("norm_hidden.weight") || name.endsWith("norm_embeds.weight") || name.endsWith("_scale");
    if (isScale) {
      for (int i = 0; i < n; i++) {
        v[i] = (float) (1 + 0.1 * (random.nextDouble() - 0.5));
      }
      return v;
    }
    long fanIn = shape.length > 1 ? shape[shape.length - 1] : shape[0];
    double bound = 1 / Math.sqrt(fanIn);
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return v;
  }
}
