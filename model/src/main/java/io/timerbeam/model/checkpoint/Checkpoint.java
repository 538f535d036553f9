package io.timerbeam.model.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.ModelFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint folder in the Hugging Face layout: {@code config.json} plus {@code
 * model.safetensors}, or shards listed by {@code model.safetensors.index.json}. Reads headers only;
 * tensor bytes stay on disk until {@link TensorLoader} maps them.
 */
public final class Checkpoint {
  public static final String SINGLE_FILE = "model.safetensors";
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private final Path dir;
  private final ConfigJson config;
  private final ModelFamily family;
  private final String configText;
  private final Map<String, TensorInfo> tensors;

  private Checkpoint(Path dir, ConfigJson config, ModelFamily family, String configText, Map<String, TensorInfo> tensors) {
    this.dir = dir;
    this.config = config;
    this.family = family;
    this.configText = configText;
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  public static Checkpoint open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("model folder " + dir + " does not exist or is not a folder");
    }
    ConfigJson config = ConfigJson.read(dir);
    ModelFamily family = ModelFamily.of(config);
    String configText = Files.readString(dir.resolve(ConfigJson.FILE), StandardCharsets.UTF_8);
    Path index = dir.resolve(INDEX_FILE);
    Map<String, TensorInfo> tensors;
    if (Files.isRegularFile(index)) {
      tensors = readShards(dir, index);
    } else if (Files.isRegularFile(dir.resolve(SINGLE_FILE))) {
      tensors = SafetensorsFile.readHeader(dir.resolve(SINGLE_FILE));
    } else {
      throw new InvalidModelException("model folder " + dir + " has neither " + SINGLE_FILE + " nor " + INDEX_FILE);
    }
    return new Checkpoint(dir, config, family, configText, tensors);
  }

  private static Map<String, TensorInfo> readShards(Path dir, Path index) throws IOException {
    JsonObject weightMap;
    String indexText = Files.readString(index, StandardCharsets.UTF_8);
    JsonNesting.check(indexText, index.toString());
    try {
      JsonElement root = JsonParser.parseString(indexText);
      weightMap = root.getAsJsonObject().getAsJsonObject("weight_map");
    } catch (RuntimeException e) {
      throw new InvalidModelException(index + ": not a valid index (" + e.getMessage() + ")", e);
    }
    if (weightMap == null) {
      throw new InvalidModelException(index + ": missing \"weight_map\"");
    }
    Map<String, Map<String, TensorInfo>> shards = new TreeMap<>();
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
      String shardName = e.getValue().getAsString();
      Path shard = dir.resolve(shardName).normalize();
      if (!shard.startsWith(dir.normalize()) || !Files.isRegularFile(shard)) {
        throw new InvalidModelException(index + ": tensor '" + e.getKey() + "' is mapped to missing shard " + shardName);
      }
      Map<String, TensorInfo> header = shards.get(shardName);
      if (header == null) {
        header = SafetensorsFile.readHeader(shard);
        shards.put(shardName, header);
      }
      TensorInfo info = header.get(e.getKey());
      if (info == null) {
        throw new InvalidModelException(index + ": tensor '" + e.getKey() + "' is mapped to " + shardName + ", which does not hold it");
      }
      tensors.put(e.getKey(), info);
    }
    return tensors;
  }

  public Path dir() {
    return dir;
  }

  /** The parsed config.json; each family reads its own keys from it. */
  public ConfigJson config() {
    return config;
  }

  /** The family config.json names ({@code model_type}, else {@code architectures}). */
  public ModelFamily family() {
    return family;
  }

  /** Every tensor in the checkpoint by name. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** Number of weights stored (every tensor's elements). */
  public long parameterCount() {
    long n = 0;
    for (TensorInfo t : tensors.values()) {
      n += t.elementCount();
    }
    return n;
  }

  /**
   * A stable id: the family's name and a SHA-256 over config.json and every tensor's name, dtype,
   * shape and first bytes. Cheap (no full read of a 16 GB checkpoint) yet changes when weights are
   * replaced by others of the same layout, since random or retrained weights differ in their first bytes.
   */
  public String modelId() throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(configText.getBytes(StandardCharsets.UTF_8));
    for (TensorInfo t : new TreeMap<>(tensors).values()) {
      sha.update((t.name() + "|" + t.type() + "|" + java.util.Arrays.toString(t.shape()) + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(TensorLoader.firstBytes(t, 64));
    }
    return family.id() + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
  }
}
