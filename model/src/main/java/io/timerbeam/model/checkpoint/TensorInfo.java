package io.timerbeam.model.checkpoint;

import java.nio.file.Path;
import java.util.Arrays;

/** One tensor's header entry in a safetensors file: where its bytes are and how to read them. */
public final class TensorInfo {
  private final String name;
  private final StorageType type;
  private final long[] shape;
  private final Path file;
  /** Absolute byte offset of the tensor's first byte in {@link #file()}. */
  private final long offset;
  private final long byteLength;

  TensorInfo(String name, StorageType type, long[] shape, Path file, long offset, long byteLength) {
    this.name = name;
    this.type = type;
    this.shape = shape.clone();
    this.file = file;
    this.offset = offset;
    this.byteLength = byteLength;
  }

  public String name() {
    return name;
  }

  public StorageType type() {
    return type;
  }

  public long[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  public Path file() {
    return file;
  }

  long offset() {
    return offset;
  }

  public long byteLength() {
    return byteLength;
  }

  @Override
  public String toString() {
    return name + " " + type + Arrays.toString(shape);
  }
}
