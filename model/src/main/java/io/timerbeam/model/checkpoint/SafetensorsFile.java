package io.timerbeam.model.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.InvalidModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of one safetensors file, checked against the file's real size: every tensor's byte
 * range must lie inside the data section, match its dtype and shape, and not overlap another.
 */
public final class SafetensorsFile {
  /** Headers above this are refused rather than read into memory (the format's own cap is 100 MB). */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private SafetensorsFile() {}

  public static Map<String, TensorInfo> readHeader(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new InvalidModelException(file + ": truncated safetensors file (" + size + " bytes, no header length)");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > size) {
        throw new InvalidModelException(file + ": header length " + headerLen + " does not fit a file of " + size + " bytes (truncated or not safetensors)");
      }
      ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
      readFully(ch, headerBuf, 8);
      String json = new String(headerBuf.array(), StandardCharsets.UTF_8);
      return parse(file, json, 8 + headerLen, size);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new InvalidModelException("unexpected end of file while reading a safetensors header");
      }
      pos += n;
    }
  }

  private static Map<String, TensorInfo> parse(Path file, String json, long dataStart, long fileSize) {
    JsonNesting.check(json, file + " header");
    JsonObject header;
    try {
      header = JsonParser.parseString(json).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new InvalidModelException(file + ": header is not a JSON object: " + e.getMessage(), e);
    }
    long dataSize = fileSize - dataStart;
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
      String name = entry.getKey();
      if (name.equals("__metadata__")) {
        continue;
      }
      String where = file.getFileName() + " tensor '" + name + "'";
      try {
        JsonObject t = entry.getValue().getAsJsonObject();
        StorageType type = StorageType.parse(t.get("dtype").getAsString(), where);
        JsonArray shapeJson = t.getAsJsonArray("shape");
        long[] shape = new long[shapeJson.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeJson.get(i).getAsLong();
          if (shape[i] < 0) {
            throw new InvalidModelException(where + ": negative dimension in shape " + shapeJson);
          }
          elements = Math.multiplyExact(elements, shape[i]);
        }
        JsonArray offsets = t.getAsJsonArray("data_offsets");
        long begin = offsets.get(0).getAsLong();
        long end = offsets.get(1).getAsLong();
        if (begin < 0 || end < begin || end > dataSize) {
          throw new InvalidModelException(where + ": data_offsets [" + begin + ", " + end + "] lie outside the "
              + dataSize + "-byte data section (truncated file or a header that lies)");
        }
        if (end - begin != elements * type.bytes()) {
          throw new InvalidModelException(where + ": data_offsets span " + (end - begin) + " bytes but "
              + type + shapeJson + " needs " + elements * type.bytes());
        }
        tensors.put(name, new TensorInfo(name, type, shape, file, dataStart + begin, end - begin));
      } catch (InvalidModelException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InvalidModelException(where + ": malformed header entry " + entry.getValue() + ": " + e, e);
      }
    }
    checkNoOverlap(file, new ArrayList<>(tensors.values()));
    return tensors;
  }

  private static void checkNoOverlap(Path file, List<TensorInfo> tensors) {
    tensors.sort(Comparator.comparingLong(TensorInfo::offset));
    for (int i = 1; i < tensors.size(); i++) {
      TensorInfo prev = tensors.get(i - 1);
      TensorInfo cur = tensors.get(i);
      if (cur.offset() < prev.offset() + prev.byteLength()) {
        throw new InvalidModelException(file.getFileName() + ": tensors '" + prev.name() + "' and '" + cur.name()
            + "' overlap in the data section (a header that lies about offsets)");
      }
    }
  }
}
