package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a tensor's bytes on disk into an NDArray of the compute dtype on the compute device,
 * reading through a memory mapping in row chunks so that neither the Java heap nor direct memory
 * ever holds more than one chunk. BF16 is widened in Java (DJL 0.36's PyTorch JNI aborts on
 * BF16); F16 is widened by the engine.
 */
public final class TensorLoader {
  /** Largest slice mapped and converted at once; a tensor above this (say over 2 GB) is read in row chunks. */
  public static final long DEFAULT_CHUNK_BYTES = 64L << 20;

  private final NDManager manager;
  private final Device device;
  private final DataType computeType;
  private final long chunkBytes;
  private ByteBuffer scratch;

  public TensorLoader(NDManager manager, Device device, DataType computeType, long chunkBytes) {
    this.manager = manager;
    this.device = device;
    this.computeType = computeType;
    this.chunkBytes = chunkBytes;
  }

  /** Loads a tensor; the result is owned by this loader's manager and never aliases the file. */
  public NDArray load(TensorInfo t) {
    long[] shape = t.shape();
    long rows = shape.length == 0 ? 1 : shape[0];
    long rowElements = rows == 0 ? 0 : t.elementCount() / rows;
    long rowBytes = Math.max(1, rowElements * t.type().bytes());
    long rowsPerChunk = Math.max(1, Math.min(rows, chunkBytes / rowBytes));
    if (rowElements * 4 > Integer.MAX_VALUE - 8) {
      throw new InvalidModelException("tensor '" + t.name() + "' has a row of " + rowElements + " elements, too large to load");
    }
    List<NDArray> chunks = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
      for (long r = 0; r < rows || chunks.isEmpty(); r += rowsPerChunk) {
        long n = Math.min(rowsPerChunk, rows - r);
        long[] chunkShape = shape.clone();
        if (chunkShape.length > 0) {
          chunkShape[0] = n;
        }
        MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, t.offset() + r * rowBytes, n * rowElements * t.type().bytes());
        chunks.add(toFloat32(mapped, t.type(), new Shape(chunkShape), (int) (n * rowElements)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading tensor '" + t.name() + "' from " + t.file(), e);
    }
    NDArray full = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(new NDList(chunks), 0);
    if (chunks.size() > 1) {
      chunks.forEach(NDArray::close);
    }
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

  /** A float32 CPU array that owns its memory (copied out of the mapping, which is then released). */
  private NDArray toFloat32(MappedByteBuffer mapped, StorageType type, Shape shape, int elements) {
    mapped.order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32: {
        ByteBuffer buf = scratch(elements * 4L);
        buf.asFloatBuffer().put(mapped.asFloatBuffer());
        return owned(buf, shape, DataType.FLOAT32);
      }
      case BF16: {
        ByteBuffer buf = scratch(elements * 4L);
        ShortBuffer in = mapped.asShortBuffer();
        FloatBuffer out = buf.asFloatBuffer();
        for (int i = 0; i < elements; i++) {
          out.put(i, Float.intBitsToFloat((in.get(i) & 0xFFFF) << 16));
        }
        return owned(buf, shape, DataType.FLOAT32);
      }
      case F16: {
        ByteBuffer buf = scratch(elements * 2L);
        buf.asShortBuffer().put(mapped.asShortBuffer());
        try (NDArray half = manager.create(buf, shape, DataType.FLOAT16)) {
          return half.toType(DataType.FLOAT32, true);
        }
      }
      default:
        throw new IllegalStateException("unhandled storage type " + type);
    }
  }

  /** Copies a scratch buffer into engine-owned memory (creating from a direct buffer may alias it). */
  private NDArray owned(ByteBuffer buf, Shape shape, DataType type) {
    try (NDArray view = manager.create(buf, shape, type)) {
      return view.duplicate();
    }
  }

  /** A reused direct buffer of at least {@code bytes}, positioned at 0 and limited to {@code bytes}. */
  private ByteBuffer scratch(long bytes) {
    if (scratch == null || scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }
    scratch.clear().limit((int) bytes);
    return scratch.slice().order(ByteOrder.nativeOrder());
  }

  /** The first {@code n} bytes of a tensor's data (fewer if it is smaller), for fingerprints. */
  static byte[] firstBytes(TensorInfo t, int n) throws IOException {
    int len = (int) Math.min(n, t.byteLength());
    ByteBuffer buf = ByteBuffer.allocate(len);
    try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.READ)) {
      while (buf.hasRemaining() && ch.read(buf, t.offset() + buf.position()) >= 0) {
        // read until full
      }
    }
    return buf.array();
  }
}
