package io.timerbeam.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.checkpoint.SafetensorsFile;
import io.timerbeam.model.checkpoint.TensorInfo;
import io.timerbeam.model.checkpoint.TensorLoader;
import io.timerbeam.model.nn.LoadedModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares the activations an engine records with a fixture's {@code trace.safetensors}, tensor by tensor. */
public final class Traces {
  /** max |actual - trace| / max(1, max |trace|), per traced tensor. */
  public static final double TOLERANCE = 1e-4;

  private Traces() {}

  /**
   * Forecasts golden case {@code caseName} of the fixture in {@code dir} with {@code model}, recording
   * every activation, and checks each of the {@code tracedCount} traced tensors against it.
   */
  public static void assertMatch(LoadedModel<?> model, Path dir, String caseName, int tracedCount) throws Exception {
    Map<String, TensorInfo> trace = SafetensorsFile.readHeader(dir.resolve("trace.safetensors"));
    Golden.Case golden = Golden.cases(dir).stream().filter(c -> c.name.equals(caseName)).findFirst().orElseThrow();
    Map<String, float[]> actual = new HashMap<>();
    model.forecast(ContextBatch.pack(List.of(golden.context), model.patchLength()), golden.horizon,
        (name, value) -> actual.put(name, value.toType(DataType.FLOAT32, false).toFloatArray()));
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      TensorLoader loader = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, TensorLoader.DEFAULT_CHUNK_BYTES);
      assertEquals("traced activations " + trace.keySet(), tracedCount, trace.size());
      for (String name : trace.keySet()) {
        float[] expected = loader.load(trace.get(name)).toFloatArray();
        float[] got = actual.get(name);
        assertNotNull("the engine records no activation named " + name, got);
        assertEquals(name + " size", expected.length, got.length);
        double err = relativeError(got, expected);
        System.out.printf("trace %s %s: relative error %.3g%n", dir.getParent().getFileName() + "/" + dir.getFileName(), name, err);
        assertTrue(name + " departs from the trace: relative error " + err, err <= TOLERANCE);
      }
    }
  }

  private static double relativeError(float[] actual, float[] expected) {
    double maxAbs = 0;
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
      double diff = Math.abs(actual[i] - expected[i]);
      maxDiff = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, diff);
    }
    return maxDiff / Math.max(1, maxAbs);
  }
}
