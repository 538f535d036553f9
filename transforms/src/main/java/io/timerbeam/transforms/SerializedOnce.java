package io.timerbeam.transforms;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.util.SerializableUtils;

/**
 * An immutable value whose Java serialization is costly (schemas, coders, the assembler), written
 * as bytes serialized once and read back once per JVM: later reads of the same value share the
 * first one's object. Why: the DirectRunner translates a ParDo for every bundle it runs
 * (serializing and deserializing its DoFn and coders, ~0.4 ms each time for AssembleSeries), and
 * it runs a bundle per series after a grouping. Other runners deserialize a DoFn a few times per
 * worker and see no difference.
 */
final class SerializedOnce<T extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Values read in this JVM by id; a value no DoFn or coder holds any more is collected. */
  private static final Map<UUID, Read> READ = new ConcurrentHashMap<>();

  /** A value read in this JVM, and the class loader it was read with (jobs may each have their own). */
  private static final class Read extends WeakReference<Object> {
    final ClassLoader loader;

    Read(Object value, ClassLoader loader) {
      super(value);
      this.loader = loader;
    }
  }

  private transient UUID id;
  private transient T value;
  private transient byte[] bytes;

  private SerializedOnce(UUID id, T value, byte[] bytes) {
    this.id = id;
    this.value = value;
    this.bytes = bytes;
  }

  static <T extends Serializable> SerializedOnce<T> of(T value) {
    return new SerializedOnce<>(UUID.randomUUID(), value, SerializableUtils.serializeToByteArray(value));
  }

  T get() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @SuppressWarnings("unchecked")
  private void readObject(ObjectInputStream in) throws IOException {
    id = new UUID(in.readLong(), in.readLong());
    bytes = new byte[in.readInt()];
    in.readFully(bytes);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Read known = READ.get(id);
    Object shared = known == null || known.loader != loader ? null : known.get();
    if (shared == null) {
      shared = SerializableUtils.deserializeFromByteArray(bytes, "SerializedOnce value");
      READ.values().removeIf(ref -> ref.get() == null);
      READ.put(id, new Read(shared, loader));
    }
    value = (T) shared;
  }
}
