package io.timerbeam.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.timers1.TimerS1Model;
import java.util.List;
import org.junit.Test;

/** The compute dtype and device options reach the engine. */
public class ComputeOptionsTest {
  @Test
  public void float16ComputeStaysCloseToGolden() throws Exception {
    EngineOptions options = EngineOptions.defaults().withCompute(ComputePrecision.FLOAT16);
    assertEquals(DataType.FLOAT16, options.computeType());
    Golden.Case c = Golden.cases(Fixtures.TINY).get(2);
    try (TimerS1Model model = TimerS1Model.load(Fixtures.checkpoint(Fixtures.TINY), options)) {
      float[][] out = model.forecast(List.of(c.context), c.horizon)[0];
      double err = Golden.relativeError(out, c.forecast);
      System.out.printf("float16 compute on CPU: relative error %.3g%n", err);
      // Half precision keeps ~3 decimal digits; over 150 autoregressive steps that is a few percent at most.
      assertTrue("float16 relative error " + err, err > 0 && err < 5e-2);
    }
  }

  @Test
  public void gpuDeviceIsUsedWhenTheEngineSeesOneAndRefusedClearlyOtherwise() throws Exception {
    EngineOptions gpu = EngineOptions.defaults().withDevice("gpu0");
    if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
      String msg = assertThrows(IllegalArgumentException.class, () -> TimerS1Model.load(Fixtures.checkpoint(Fixtures.TINY), gpu)).getMessage();
      assertTrue(msg, msg.contains("device gpu0 requested but the PyTorch engine sees 0 GPU(s)"));
    } else {
      Golden.Case c = Golden.cases(Fixtures.TINY).get(0);
      try (TimerS1Model model = TimerS1Model.load(Fixtures.checkpoint(Fixtures.TINY), gpu)) {
        double err = Golden.relativeError(model.forecast(List.of(c.context), c.horizon)[0], c.forecast);
        assertTrue("GPU relative error " + err, err <= Golden.TOLERANCE);
      }
    }
  }

  @Test
  public void deviceNamesAreValidatedUpFront() {
    assertEquals(Device.cpu(), EngineOptions.defaults().device());
    assertEquals(Device.gpu(1), EngineOptions.defaults().withDevice("gpu1").device());
    assertThrows(IllegalArgumentException.class, () -> EngineOptions.defaults().withMaxContextLength(0));
  }
}
