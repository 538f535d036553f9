package io.timerbeam.model.checkpoint;

import io.timerbeam.model.InvalidModelException;

/** The safetensors dtypes this engine reads. */
public enum StorageType {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  StorageType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  /** Parses a header's dtype string; {@code where} names the tensor and file for the error. */
  static StorageType parse(String dtype, String where) {
    switch (dtype) {
      case "F32":
        return F32;
      case "F16":
        return F16;
      case "BF16":
        return BF16;
      default:
        throw new InvalidModelException(where + ": unsupported dtype \"" + dtype + "\" (supported: F32, F16, BF16)");
    }
  }
}
