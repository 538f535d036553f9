package io.timerbeam.model;

import io.timerbeam.model.checkpoint.Checkpoint;
import java.util.List;

/**
 * A loaded checkpoint of any family, as pipelines use it. Thread-safe: one instance serves many
 * threads at once. Output rows: a quantile model gives one row per level of
 * {@link #quantileLevels()}; a point forecaster (empty levels) gives exactly one row, the point
 * forecast.
 */
public interface ForecastModel extends AutoCloseable {
  /** "timer-s1" or "timer-xl" ({@link ModelFamily#id()}). */
  String family();

  /** Stable id derived from config.json and the weights (see {@link Checkpoint#modelId()}). */
  String modelId();

  /** Number of weights stored in the checkpoint. */
  long parameterCount();

  /** Bytes the loaded weights hold in memory (16-bit experts count 2 bytes). */
  long residentBytes();

  /** P: points per token; {@link ContextBatch}es handed in are packed by it. */
  int patchLength();

  /** Levels of the output rows in output order (a copy); empty for a point forecaster. */
  double[] quantileLevels();

  /** Why this model cannot forecast the context (NaN = missing), or null if it can: for checks before batching. */
  String contextProblem(double[] context);

  /** Forecasts each context {@code horizon} steps: [series][row][step] in original units. */
  float[][][] forecast(ContextBatch batch, int horizon);

  /** Same for contexts given one array per series (NaN = missing), each checked by {@link #contextProblem}. */
  default float[][][] forecast(List<double[]> contexts, int horizon) {
    if (contexts.isEmpty()) {
      return new float[0][][];
    }
    for (int s = 0; s < contexts.size(); s++) {
      String problem = contextProblem(contexts.get(s));
      if (problem != null) {
        throw new IllegalArgumentException("series " + s + ": " + problem);
      }
    }
    return forecast(ContextBatch.pack(contexts, patchLength()), horizon);
  }

  /**
   * Floating-point operations (2 x multiply-adds of the matmuls the engine runs) of one forecast of
   * {@code batch} contexts of {@code contextPoints} points each, under this model's options: for benchmarks.
   */
  double forecastFlops(int batch, int contextPoints, int horizon);

  /** Releases the weights. */
  @Override
  void close();
}
