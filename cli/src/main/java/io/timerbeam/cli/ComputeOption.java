package io.timerbeam.cli;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.CpuFeatures;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --compute float32|bfloat16|float16}: the precision the model computes in. */
final class ComputeOption implements ITypeConverter<ComputePrecision> {
  static final String DESCRIPTION = "Compute precision: float32 (default; the exact path), bfloat16 (the model's trained "
      + "precision; needs a CPU with avx512_bf16 or amx_bf16, or a GPU) or float16 (GPUs).";

  @Override
  public ComputePrecision convert(String value) {
    try {
      return ComputePrecision.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** {@code compute}, or an error before any work when it is bfloat16 on a CPU that would emulate it. */
  static ComputePrecision checked(ComputePrecision compute, String device) {
    if (compute == ComputePrecision.BFLOAT16 && !device.startsWith("gpu")) {
      try {
        CpuFeatures.requireBfloat16();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--compute bfloat16: " + e.getMessage());
      }
    }
    return compute;
  }
}
