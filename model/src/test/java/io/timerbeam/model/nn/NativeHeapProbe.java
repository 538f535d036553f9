package io.timerbeam.model.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * Run by {@link NativeHeapTest} in a JVM of its own: with argument "keep" sets {@link NativeHeap}
 * first, then allocates and frees a 48 MB engine array three times, printing per call the bytes
 * glibc mapped on their own while it lived ("call=i mapped=n").
 */
public final class NativeHeapProbe {
  static final long BYTES = 48L << 20;

  /** glibc's struct mallinfo2: hblkhd is the bytes of blocks mapped on their own. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;
  }

  private NativeHeapProbe() {}

  private static MallInfo2 mallinfo() {
    return (MallInfo2) NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallinfo2").invoke(MallInfo2.class, new Object[0]);
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("keep")) {
      System.out.println("setting=" + NativeHeap.keepFreedMemory());
    }
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      for (int call = 0; call < 3; call++) {
        long before = mallinfo().hblkhd;
        try (NDArray big = m.ones(new Shape(BYTES / Float.BYTES))) {
          System.out.printf("call=%d mapped=%d%n", call, mallinfo().hblkhd - before);
        }
      }
    }
  }
}
