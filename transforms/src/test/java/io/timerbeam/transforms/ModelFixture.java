package io.timerbeam.transforms;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import java.util.List;

/** The tiny golden checkpoint as a model spec, and the bare engine's answer for comparison. */
final class ModelFixture {
  static final ModelSpec TINY = ModelSpec.of(Fixtures.checkpoint(Fixtures.TINY).toString()).withThreads(2);

  private ModelFixture() {}

  /** The engine the transform shares for this spec (no extra load). */
  static ForecastModel engine() {
    return ModelHolder.forSpec(TINY).model();
  }

  /** The bare engine's [quantile][step] forecast of one context. */
  static float[][] forecast(double[] context, int horizon) {
    return engine().forecast(List.of(context), horizon)[0];
  }
}
