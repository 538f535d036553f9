package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import io.timerbeam.model.ResidentPrecision;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/** The resident precision travels from the spec to the engine options, and makes a different engine. */
public class ModelSpecTest {
  @Test
  public void residentPrecisionDefaultsToHalfAndReachesTheEngine() {
    ModelSpec spec = ModelSpec.of("/models/x");
    assertEquals(ResidentPrecision.HALF, spec.residentPrecision());
    assertEquals(ResidentPrecision.HALF, spec.engineOptions().residentPrecision());
    ModelSpec float32 = spec.withResidentPrecision(ResidentPrecision.FLOAT32);
    assertEquals(ResidentPrecision.FLOAT32, float32.engineOptions().residentPrecision());
    assertNotEquals("a different copy of the weights", spec, float32);
    assertEquals(float32, SerializableUtils.clone(float32));
  }

  @Test
  public void nullResidentPrecisionIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("/models/x").withResidentPrecision(null));
    assertEquals("ModelSpec.withResidentPrecision: must be non-null", e.getMessage());
  }
}
