package io.timerbeam.model.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.kernels.TorchKernels;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Turns a tensor's bytes on disk into an engine array. Bytes are read with positional reads (no
 * memory mapping, so no file pages stay resident once a tensor is in memory) straight into the
 * array's own memory, or for 16-bit storage through one chunk-sized buffer widened in Java
 * ({@link HalfBits}), so neither the Java heap nor direct memory ever holds more than one chunk.
 */
public final class TensorLoader {
  /** Bytes read from the file at once. */
  public static final long DEFAULT_CHUNK_BYTES = 64L << 20;
  /** An array is filled through one Java view of its memory, which cannot exceed 2 GB; bigger ones are built from row parts. */
  private static final long MAX_PART_BYTES = 1L << 30;

  private final NDManager manager;
  private final Device device;
  private final DataType computeType;
  private final long chunkBytes;
  private final long partBytes;
  private final TorchKernels kernels;
  private ByteBuffer scratch;
  private long bytesRead;
  private long bfloat16Elements;

  public TensorLoader(NDManager manager, Device device, DataType computeType, long chunkBytes) {
    this(manager, device, computeType, chunkBytes, null);
  }

  /** @param kernels the TorchScript kernels under bfloat16 compute, which matmul weights go to; null otherwise */
  public TensorLoader(NDManager manager, Device device, DataType computeType, long chunkBytes, TorchKernels kernels) {
    this.kernels = kernels;
    this.manager = manager;
    this.device = device;
    this.computeType = computeType;
    this.chunkBytes = Math.max(4, chunkBytes & ~3L); // whole elements of every storage type
    this.partBytes = Math.min(MAX_PART_BYTES, this.chunkBytes * 16);
  }

  /** Loads a tensor in the compute dtype on the compute device; owned by this loader's manager, never aliasing the file. */
  public NDArray load(TensorInfo t) {
    return place(read(t));
  }

  /** A float32 CPU array of this loader's in the compute dtype on the compute device (closing the input if it moved). */
  public NDArray place(NDArray full) {
    NDArray typed = computeType == DataType.FLOAT32 ? full : full.toType(computeType, false);
    NDArray placed = device.equals(full.getDevice()) ? typed : typed.toDevice(device, false);
    if (typed != full) {
      full.close();
    }
    if (placed != typed) {
      typed.close();
    }
    return placed;
  }

  /** An uninitialised CPU array owned by this loader's manager, to fill with {@link #readInto}. */
  public NDArray allocate(Shape shape, DataType type) {
    return manager.create(shape, type, Device.cpu());
  }

  /** The TorchScript kernels a bfloat16 model computes with, or null when it does not compute in bfloat16. */
  public TorchKernels kernels() {
    return kernels;
  }

  /**
   * A loaded matmul weight or bias as the compute reads it: under bfloat16 compute a resident
   * bfloat16 copy for the kernels (closing the float32 array), else the array as loaded.
   */
  public NDArray matmulOperand(NDArray loaded) {
    if (kernels == null) {
      return loaded;
    }
    bfloat16Elements += loaded.size();
    NDArray converted = kernels.toBfloat16(loaded, manager);
    loaded.close();
    return converted;
  }

  /** An uninitialised resident bfloat16 array of {@code shape} on {@code like}'s device, for {@link TorchKernels#put}. */
  public NDArray emptyBfloat16(NDArray like, long[] shape) {
    NDArray empty = kernels.emptyBfloat16(like, shape, manager);
    bfloat16Elements += new Shape(shape).size();
    return empty;
  }

  /** Elements this loader made resident in bfloat16 (2 bytes each). */
  public long bfloat16Elements() {
    return bfloat16Elements;
  }

  /** The manager that owns what this loader returns. */
  public NDManager manager() {
    return manager;
  }

  /** Bytes of tensor data read so far (for the load's throughput). */
  public long bytesRead() {
    return bytesRead;
  }

  /** Reads {@code t} into a new float32 CPU array. */
  private NDArray read(TensorInfo t) {
    long[] shape = t.shape();
    long elements = t.elementCount();
    if (elements == 0) {
      return manager.create(new Shape(shape), DataType.FLOAT32, Device.cpu());
    }
    long rows = shape.length == 0 ? 1 : shape[0];
    long rowElements = elements / rows;
    long rowBytes = rowElements * 4;
    if (rowBytes > MAX_PART_BYTES) {
      throw new InvalidModelException("tensor '" + t.name() + "' has a row of " + rowElements + " elements, too large to load");
    }
    long rowsPerPart = Math.max(1, partBytes / rowBytes);
    if (rowsPerPart >= rows) {
      return readRows(t, 0, rows);
    }
    NDList parts = new NDList();
    for (long r = 0; r < rows; r += rowsPerPart) {
      parts.add(readRows(t, r, Math.min(rowsPerPart, rows - r)));
    }
    NDArray full = NDArrays.concat(parts, 0);
    parts.close();
    return full;
  }

  /** Rows [first, first + count) of {@code t} as one array. */
  private NDArray readRows(TensorInfo t, long first, long count) {
    long[] shape = t.shape().clone();
    if (shape.length > 0) {
      shape[0] = count;
    }
    long rowElements = shape.length == 0 ? 1 : t.elementCount() / t.shape()[0];
    NDArray out = allocate(new Shape(shape), DataType.FLOAT32);
    try {
      readInto(t, first * rowElements, Math.toIntExact(count * rowElements), out.toByteBuffer(true), 0, DataType.FLOAT32);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /**
   * Reads elements [from, from + n) of {@code t} into {@code dst} (an array's memory) from element
   * {@code dstPos} on, as {@code target}: FLOAT32 values, or FLOAT16 for the stored 16-bit patterns.
   */
  public void readInto(TensorInfo t, long from, int n, ByteBuffer dst, int dstPos, DataType target) {
    int stored = t.type().bytes();
    boolean widen = target == DataType.FLOAT32 && stored == 2;
    if (!widen && stored != target.getNumOfBytes()) {
      throw new IllegalArgumentException("tensor '" + t.name() + "' is stored as " + t.type() + ", cannot be read as " + target);
    }
    long position = t.offset() + from * stored;
    try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
      int perChunk = (int) (chunkBytes / stored);
      for (int done = 0; done < n; done += perChunk) {
        int m = Math.min(perChunk, n - done);
        long at = position + (long) done * stored;
        if (widen) {
          ByteBuffer chunk = scratch(m * 2);
          readFully(ch, chunk, at);
          HalfBits.widen(t.type(), chunk.flip(), 0, dst, dstPos + done, m);
        } else {
          int start = (dstPos + done) * stored;
          readFully(ch, dst.duplicate().position(start).limit(start + m * stored), at);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading tensor '" + t.name() + "' from " + t.file(), e);
    }
    bytesRead += (long) n * stored;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long at = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, at);
      if (n < 0) {
        throw new EOFException("file ends at byte " + at + ", inside the tensor's data");
      }
      at += n;
    }
  }

  /** A reused little-endian direct buffer of exactly {@code bytes}. */
  private ByteBuffer scratch(int bytes) {
    if (scratch == null || scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocateDirect(bytes);
    }
    scratch.clear().limit(bytes);
    return scratch.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The first {@code n} bytes of a tensor's data (fewer if it is smaller), for fingerprints. */
  static byte[] firstBytes(TensorInfo t, int n) throws IOException {
    int len = (int) Math.min(n, t.byteLength());
    ByteBuffer buf = ByteBuffer.allocate(len);
    try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
      readFully(ch, buf, t.offset());
    }
    return buf.array();
  }
}
