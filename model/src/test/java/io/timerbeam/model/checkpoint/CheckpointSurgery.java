package io.timerbeam.model.checkpoint;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of fixture checkpoints with deliberate changes to their tensors, for the bad-input tests. */
public final class CheckpointSurgery {
  private CheckpointSurgery() {}

  /** The Timer-S1 tiny fixture's tensors. */
  public static Map<String, TensorValues> tinyTensors() throws IOException {
    return tensors(Fixtures.checkpoint(Fixtures.TINY));
  }

  /** A single-file fixture's tensors as float32 arrays with their shapes, in file order. */
  public static Map<String, TensorValues> tensors(Path fixture) throws IOException {
    Map<String, TensorValues> out = new LinkedHashMap<>();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      TensorLoader loader = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, TensorLoader.DEFAULT_CHUNK_BYTES);
      for (TensorInfo t : SafetensorsFile.readHeader(fixture.resolve(Checkpoint.SINGLE_FILE)).values()) {
        out.put(t.name(), new TensorValues(t.shape(), loader.load(t).toFloatArray()));
      }
    }
    return out;
  }

  /** A checkpoint folder holding the Timer-S1 tiny config and the given tensors. */
  public static Path write(Path dir, Map<String, TensorValues> tensors, StorageType type, int shards) throws IOException {
    return write(dir, Fixtures.checkpoint(Fixtures.TINY), tensors, type, shards);
  }

  /** A checkpoint folder holding {@code configFrom}'s config.json and the given tensors. */
  public static Path write(Path dir, Path configFrom, Map<String, TensorValues> tensors, StorageType type, int shards)
      throws IOException {
    Files.createDirectories(dir);
    Files.copy(configFrom.resolve("config.json"), dir.resolve("config.json"));
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    tensors.forEach((name, t) -> entries.add(new SafetensorsWriter.Entry(name, type, t.shape, () -> t.values)));
    SafetensorsWriter.writeCheckpoint(dir, entries, shards);
    return dir;
  }

  public static final class TensorValues {
    public final long[] shape;
    public final float[] values;

    public TensorValues(long[] shape, float[] values) {
      this.shape = shape;
      this.values = values;
    }
  }
}
