package io.timerbeam.model.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes safetensors files. Tensors are produced one at a time by their suppliers while the file
 * is streamed, so a checkpoint larger than the heap can be written.
 */
public final class SafetensorsWriter {
  /** One tensor to write: values are given as float32 and stored as {@code type}. */
  public static final class Entry {
    final String name;
    final StorageType type;
    final long[] shape;
    final Supplier<float[]> values;

    public Entry(String name, StorageType type, long[] shape, Supplier<float[]> values) {
      this.name = name;
      this.type = type;
      this.shape = shape.clone();
      this.values = values;
    }

    long elements() {
      return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    long bytes() {
      return elements() * type.bytes();
    }
  }

  private SafetensorsWriter() {}

  public static void write(Path file, List<Entry> entries) throws IOException {
    JsonObject header = new JsonObject();
    JsonObject metadata = new JsonObject();
    metadata.addProperty("format", "pt");
    header.add("__metadata__", metadata);
    long offset = 0;
    for (Entry e : entries) {
      JsonObject t = new JsonObject();
      t.addProperty("dtype", e.type.name());
      JsonArray shape = new JsonArray();
      for (long d : e.shape) {
        shape.add(d);
      }
      t.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + e.bytes());
      t.add("data_offsets", offsets);
      header.add(e.name, t);
      offset += e.bytes();
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8-byte alignment
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(headerBytes);
      for (Entry e : entries) {
        float[] v = e.values.get();
        if (v.length != e.elements()) {
          throw new IllegalArgumentException("tensor '" + e.name + "' got " + v.length + " values for shape " + Arrays.toString(e.shape));
        }
        out.write(encode(v, e.type));
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static byte[] encode(float[] v, StorageType type) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      switch (type) {
        case F32:
          buf.putFloat(x);
          break;
        case BF16:
          buf.putShort(toBfloat16(x));
          break;
        case F16:
          buf.putShort(toFloat16(x));
          break;
        default:
          throw new IllegalStateException("unhandled storage type " + type);
      }
    }
    return buf.array();
  }

  /** Round to nearest even, as torch does when casting float32 to bfloat16. */
  static short toBfloat16(float x) {
    int bits = Float.floatToRawIntBits(x);
    if (Float.isNaN(x)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int rounding = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /** IEEE half precision, round to nearest even (values beyond its range become infinity). */
  static short toFloat16(float x) {
    int bits = Float.floatToRawIntBits(x);
    int sign = (bits >>> 16) & 0x8000;
    int exp = ((bits >>> 23) & 0xFF) - 127 + 15;
    int mant = bits & 0x7FFFFF;
    if (((bits >>> 23) & 0xFF) == 0xFF) {
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
    }
    if (exp >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (exp <= 0) {
      if (exp < -10) {
        return (short) sign;
      }
      mant |= 0x800000;
      int shift = 14 - exp;
      int half = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int mid = 1 << (shift - 1);
      if (rem > mid || (rem == mid && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = sign | (exp << 10) | (mant >>> 13);
    int rem = mant & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
      half++;
    }
    return (short) half;
  }

  /**
   * Writes a checkpoint's weight files: one {@code model.safetensors}, or {@code shards} files of about
   * equal size plus their index.
   */
  public static void writeCheckpoint(Path outDir, List<Entry> entries, int shards) throws IOException {
    if (shards == 1) {
      write(outDir.resolve(Checkpoint.SINGLE_FILE), entries);
      return;
    }
    long total = entries.stream().mapToLong(Entry::bytes).sum();
    long perShard = (total + shards - 1) / shards;
    Map<String, String> weightMap = new LinkedHashMap<>();
    List<Entry> current = new ArrayList<>();
    long currentBytes = 0;
    int shard = 1;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      current.add(e);
      currentBytes += e.bytes();
      boolean last = i == entries.size() - 1;
      if (last || (currentBytes >= perShard && shard < shards)) {
        String file = String.format("model-%05d-of-%05d.safetensors", shard, shards);
        write(outDir.resolve(file), current);
        current.forEach(x -> weightMap.put(x.name, file));
        current = new ArrayList<>();
        currentBytes = 0;
        shard++;
      }
    }
    if (shard - 1 != shards) {
      throw new IllegalArgumentException("cannot split " + entries.size() + " tensors into " + shards + " non-empty shards");
    }
    JsonObject index = new JsonObject();
    JsonObject metadata = new JsonObject();
    metadata.addProperty("total_size", total);
    index.add("metadata", metadata);
    JsonObject map = new JsonObject();
    weightMap.forEach(map::addProperty);
    index.add("weight_map", map);
    Files.writeString(outDir.resolve(Checkpoint.INDEX_FILE), index.toString(), StandardCharsets.UTF_8);
  }
}
