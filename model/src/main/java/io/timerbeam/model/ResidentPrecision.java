package io.timerbeam.model;

/** How a CPU engine holds a 16-bit checkpoint's weights between calls. */
public enum ResidentPrecision {
  /** Widen everything to float32 at load: twice the memory, nothing to do per call. */
  FLOAT32,
  /**
   * Keep the experts (~97% of Timer-S1's weights) as their stored 16-bit values and widen, exactly,
   * the ones a pass routes to into the call's float32 scratch. Float32 checkpoints, GPUs and float16
   * compute are unaffected.
   */
  HALF
}
