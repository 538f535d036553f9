package io.timerbeam.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded Timer-S1 checkpoint. Thread-safe: one instance serves many threads at once.
 * (API skeleton: the implementation lands in the next commits.)
 */
public final class TimerS1Model implements AutoCloseable {
  private TimerS1Model() {}

  /** Loads {@code config.json} and the safetensors weights (single file or shards) of a checkpoint folder. */
  public static TimerS1Model load(Path checkpointDir, TimerS1Options options) throws IOException {
    throw new UnsupportedOperationException("engine not implemented yet");
  }

  public static TimerS1Model load(Path checkpointDir) throws IOException {
    return load(checkpointDir, TimerS1Options.defaults());
  }

  public TimerS1Config config() {
    throw new UnsupportedOperationException();
  }

  public TimerS1Options options() {
    throw new UnsupportedOperationException();
  }

  /** Stable id derived from config.json and the weights' headers (names, dtypes, shapes, sizes). */
  public String modelId() {
    throw new UnsupportedOperationException();
  }

  public long parameterCount() {
    throw new UnsupportedOperationException();
  }

  /** Forecasts each context (NaN = missing) {@code horizon} steps: [series][quantile][step], config quantile order. */
  public float[][][] forecast(List<double[]> contexts, int horizon) {
    return forecast(ContextBatch.pack(contexts, config().patchLength()), horizon);
  }

  /** Same as {@link #forecast(List, int)} for an already patched batch. */
  public float[][][] forecast(ContextBatch batch, int horizon) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
