package io.timerbeam.model.timers1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.RandomCheckpoint;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.checkpoint.CheckpointSurgery;
import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.checkpoint.StorageType;
import io.timerbeam.model.checkpoint.TensorInfo;
import io.timerbeam.model.checkpoint.TensorLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Storage variants of one set of weights load to the same model: shards, stacked experts, F16, BF16, chunked reads. */
public class CheckpointFormatsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static float[][] forecastOf(Path dir) throws IOException {
    Golden.Case c = Golden.cases(Fixtures.TINY).get(2); // autoregressive, exercises every module
    try (TimerS1Model model = TimerS1Model.load(dir)) {
      float[][] out = model.forecast(List.of(c.context), c.horizon)[0];
      double err = Golden.relativeError(out, c.forecast);
      System.out.printf("%s: relative error to golden %.3g%n", dir.getFileName(), err);
      return out;
    }
  }

  private static double maxAbsDiff(float[][] a, float[][] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      for (int t = 0; t < a[j].length; t++) {
        m = Math.max(m, Math.abs(a[j][t] - b[j][t]));
      }
    }
    return m;
  }

  @Test
  public void shardedCopyForecastsIdentically() throws IOException {
    float[][] reference = forecastOf(Fixtures.checkpoint(Fixtures.TINY));
    Path sharded = CheckpointSurgery.write(tmp.getRoot().toPath().resolve("sharded"), CheckpointSurgery.tinyTensors(), StorageType.F32, 3);
    assertTrue(Files.exists(sharded.resolve("model-00003-of-00003.safetensors")));
    assertEquals(0.0, maxAbsDiff(reference, forecastOf(sharded)), 0.0);
  }

  @Test
  public void stackedExpertAliasForecastsIdentically() throws IOException {
    TimerS1Config config = TimerS1Config.of(ConfigJson.read(Fixtures.checkpoint(Fixtures.TINY)));
    Map<String, CheckpointSurgery.TensorValues> perExpert = CheckpointSurgery.tinyTensors();
    Map<String, CheckpointSurgery.TensorValues> stacked = new LinkedHashMap<>();
    perExpert.forEach((name, t) -> {
      if (!name.contains(".experts.")) {
        stacked.put(name, t);
      }
    });
    for (TimerS1Tensors.Decoder layer : TimerS1Tensors.decoders(config)) {
      for (String proj : new String[] {TimerS1Tensors.GATE, TimerS1Tensors.UP, TimerS1Tensors.DOWN}) {
        long[] one = perExpert.get(layer.experts(false, 0, proj)).shape;
        int size = (int) (one[0] * one[1]);
        float[] all = new float[config.numExperts() * size];
        for (int e = 0; e < config.numExperts(); e++) {
          System.arraycopy(perExpert.get(layer.experts(false, e, proj)).values, 0, all, e * size, size);
        }
        stacked.put(layer.experts(true, 0, proj),
            new CheckpointSurgery.TensorValues(new long[] {config.numExperts(), one[0], one[1]}, all));
      }
    }
    Path dir = CheckpointSurgery.write(tmp.getRoot().toPath().resolve("stacked"), stacked, StorageType.F32, 1);
    assertEquals(0.0, maxAbsDiff(forecastOf(Fixtures.checkpoint(Fixtures.TINY)), forecastOf(dir)), 0.0);
  }

  @Test
  public void halfPrecisionStorageLoadsCloseToFloat32() throws IOException {
    float[][] reference = forecastOf(Fixtures.checkpoint(Fixtures.TINY));
    for (StorageType type : new StorageType[] {StorageType.F16, StorageType.BF16}) {
      Path dir = CheckpointSurgery.write(tmp.getRoot().toPath().resolve(type.name()), CheckpointSurgery.tinyTensors(), type, 1);
      float[][] out = forecastOf(dir);
      double diff = maxAbsDiff(reference, out);
      // Rounding the weights moves the forecast a little, but never to zero or garbage.
      assertTrue(type + " storage moved the forecast by " + diff, diff > 0 && diff < 0.5);
    }
  }

  @Test
  public void chunkedReadsEqualWholeReads() throws IOException {
    Path dir = Fixtures.checkpoint(Fixtures.SMALL_SHARDED);
    Map<String, TensorInfo> tensors = Checkpoint.open(dir).tensors();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      TensorLoader whole = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, TensorLoader.DEFAULT_CHUNK_BYTES);
      TensorLoader chunked = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, 100); // rows of a few hundred bytes
      int multiChunk = 0;
      for (TensorInfo t : tensors.values()) {
        float[] a = whole.load(t).toFloatArray();
        float[] b = chunked.load(t).toFloatArray();
        assertEquals(t.name(), a.length, b.length);
        for (int i = 0; i < a.length; i++) {
          assertEquals(t.name() + "[" + i + "]", a[i], b[i], 0f);
        }
        multiChunk += t.shape().length > 1 && t.byteLength() > 100 ? 1 : 0;
      }
      assertTrue("some tensors were read in several chunks", multiChunk > 10);
    }
  }

  @Test
  public void randomCheckpointsLoadAndDifferBySeed() throws IOException {
    String config = Files.readString(Fixtures.checkpoint(Fixtures.TINY).resolve("config.json"));
    Path a = tmp.getRoot().toPath().resolve("a");
    Path b = tmp.getRoot().toPath().resolve("b");
    RandomCheckpoint.write(config, 1, a, StorageType.BF16, 2);
    RandomCheckpoint.write(config, 2, b, StorageType.BF16, 2);
    assertTrue(Files.exists(a.resolve(Checkpoint.INDEX_FILE)));
    try (TimerS1Model ma = TimerS1Model.load(a); TimerS1Model mb = TimerS1Model.load(b)) {
      assertNotEquals(ma.modelId(), mb.modelId());
      assertEquals(ma.parameterCount(), mb.parameterCount());
      float[][] fa = ma.forecast(List.of(Golden.cases(Fixtures.TINY).get(0).context), 20)[0];
      for (float[] row : fa) {
        for (float v : row) {
          assertTrue("finite forecast from random weights", Float.isFinite(v));
        }
      }
    }
  }
}
