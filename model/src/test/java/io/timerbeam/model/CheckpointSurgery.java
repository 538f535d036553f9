package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of the tiny fixture with deliberate changes to its tensors, for the bad-input tests. */
final class CheckpointSurgery {
  private CheckpointSurgery() {}

  /** The tiny fixture's tensors as float32 arrays with their shapes, in file order. */
  static Map<String, TensorValues> tinyTensors() throws IOException {
    Path dir = Fixtures.checkpoint(Fixtures.TINY);
    Map<String, TensorValues> out = new LinkedHashMap<>();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      TensorLoader loader = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, TensorLoader.DEFAULT_CHUNK_BYTES);
      for (TensorInfo t : SafetensorsFile.readHeader(dir.resolve(Checkpoint.SINGLE_FILE)).values()) {
        out.put(t.name(), new TensorValues(t.shape(), loader.load(t).toFloatArray()));
      }
    }
    return out;
  }

  /** A checkpoint folder holding the tiny config and the given tensors. */
  static Path write(Path dir, Map<String, TensorValues> tensors, StorageType type, int shards) throws IOException {
    Files.createDirectories(dir);
    Files.copy(Fixtures.checkpoint(Fixtures.TINY).resolve("config.json"), dir.resolve("config.json"));
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    tensors.forEach((name, t) -> entries.add(new SafetensorsWriter.Entry(name, type, t.shape, () -> t.values)));
    RandomCheckpoint.writeShards(dir, entries, shards);
    return dir;
  }

  static final class TensorValues {
    final long[] shape;
    final float[] values;

    TensorValues(long[] shape, float[] values) {
      this.shape = shape;
      this.values = values;
    }
  }
}
