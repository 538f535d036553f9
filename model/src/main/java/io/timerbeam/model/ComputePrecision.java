package io.timerbeam.model;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** The precision a model computes in. RevIN's statistics stay in double in every one. */
public enum ComputePrecision {
  /** Every op in float32: the exact path the golden tests hold to 1e-4. */
  FLOAT32(DataType.FLOAT32),
  /**
   * bfloat16 autocast, the precision Timer-S1 was trained and evaluated in: matmuls on bfloat16
   * operands with float32 accumulation, weights resident in bfloat16; norms, RoPE, softmax, router
   * probabilities and residual sums in float32. Needs bfloat16 hardware: avx512_bf16 or AMX on x86,
   * a GPU, or the bf16 extension on ARM ({@link CpuFeatures}).
   */
  BFLOAT16(DataType.FLOAT32),
  /**
   * Weights and activations in float16, for GPUs. A bfloat16-trained model's activations can pass
   * float16's largest value (65,504); bfloat16 keeps float32's range.
   */
  FLOAT16(DataType.FLOAT16);

  private final DataType djlType;

  ComputePrecision(DataType djlType) {
    this.djlType = djlType;
  }

  /**
   * The dtype of the arrays DJL's own ops compute in: float32 under bfloat16, whose bfloat16 work
   * runs inside the TorchScript kernels (DJL 0.36 aborts on a bfloat16 array it is asked to make).
   */
  public DataType djlType() {
    return djlType;
  }

  /** The CLI's and ModelSpec's spelling: float32, bfloat16, float16. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #label()}; the error lists the choices. */
  public static ComputePrecision parse(String label) {
    for (ComputePrecision p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("compute precision must be float32, bfloat16 or float16, got " + label);
  }
}
