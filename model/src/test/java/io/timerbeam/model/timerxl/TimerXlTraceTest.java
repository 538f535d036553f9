package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.checkpoint.SafetensorsFile;
import io.timerbeam.model.checkpoint.TensorInfo;
import io.timerbeam.model.checkpoint.TensorLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** tiny-f32/len96_h43_autoregressive: the first call layer by layer, and the second (cached) call's input, RevIN and head. */
public class TimerXlTraceTest {
  private static final double TOLERANCE = 1e-4;

  @Test
  public void activationsMatchTraceLayerByLayer() throws Exception {
    Path dir = Fixtures.timerXl(Fixtures.TINY);
    Map<String, TensorInfo> trace = SafetensorsFile.readHeader(dir.resolve("trace.safetensors"));
    Golden.Case golden = Golden.cases(dir).stream().filter(c -> c.name.equals("len96_h43_autoregressive")).findFirst().orElseThrow();
    Map<String, float[]> actual = new HashMap<>();
    try (TimerXlModel model = TimerXlModel.load(dir)) {
      model.forecast(ContextBatch.pack(List.of(golden.context), model.patchLength()), golden.horizon,
          (name, value) -> actual.put(name, value.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      TensorLoader loader = new TensorLoader(manager, Device.cpu(), DataType.FLOAT32, TensorLoader.DEFAULT_CHUNK_BYTES);
      assertEquals("traced activations " + trace.keySet(), 10, trace.size());
      for (String name : trace.keySet()) {
        float[] expected = loader.load(trace.get(name)).toFloatArray();
        float[] got = actual.get(name);
        assertNotNull("the engine records no activation named " + name, got);
        assertEquals(name + " size", expected.length, got.length);
        double err = relativeError(got, expected);
        System.out.printf("timer-xl trace %s: relative error %.3g%n", name, err);
        assertTrue(name + " departs from the trace: relative error " + err, err <= TOLERANCE);
      }
    }
  }

  private static double relativeError(float[] actual, float[] expected) {
    double maxAbs = 0;
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
      maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
    }
    return maxDiff / Math.max(1, maxAbs);
  }
}
