package io.timerbeam.model.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The TorchScript kernels of {@code kernels.torchscript} (beside this class), compiled by libtorch
 * when loaded: what DJL 0.36 cannot express, above all bfloat16 compute (its JNI aborts when asked
 * to create, convert or read a bfloat16 array, but holds one that TorchScript returned and passes
 * it back). A bfloat16 array this class returns must never be read, converted or asked its dtype
 * from Java: only passed back into these kernels, attached or closed.
 *
 * <p>The archive is written here from the source text, so the reviewed text is exactly what runs,
 * no binary is kept in the repository, and building needs no Python or PyTorch.
 *
 * <p>Thread-safe: a loaded module's methods only read it.
 */
public final class TorchKernels implements AutoCloseable {
  private static final String SOURCE = "kernels.torchscript";
  /** The archive's folder and the class its code defines. */
  private static final String NAME = "kernels";
  private static final String CLASS = "Kernels";
  /**
   * Format version 4: torch.div with a rounding mode reads as written (older versions would run
   * it through libtorch's upgraders for the pre-1.8 division semantics).
   */
  private static final String FORMAT_VERSION = "4";

  private final PtSymbolBlock module;

  private TorchKernels(PtSymbolBlock module) {
    this.module = module;
  }

  /** Compiles the kernels onto {@code manager}'s device; the module lives until {@link #close}. */
  public static TorchKernels load(NDManager manager) {
    try (InputStream archive = new ByteArrayInputStream(archive(source()))) {
      return new TorchKernels(JniUtils.loadModule((PtNDManager) manager, archive, true, false));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the TorchScript kernels", e);
    }
  }

  static String source() {
    try (InputStream in = TorchKernels.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is missing from the classpath beside " + TorchKernels.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A TorchScript archive: a zip of the module's code, its pickled state (an object of the
   * class with {@code training = False} and nothing else), an empty constants table and the
   * format version. Entries are stored, not deflated, as torch.jit.save writes them.
   */
  static byte[] archive(String code) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, NAME + "/data.pkl", moduleState());
      stored(zip, NAME + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, NAME + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // protocol 2, empty tuple, stop
      stored(zip, NAME + "/version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  /** Pickle protocol 2: __torch__.Kernels.__new__() with its state dict {"training": False}. */
  private static byte[] moduleState() {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80); // PROTO
    p.write(2);
    p.writeBytes(("c__torch__\n" + CLASS + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL module, name
    p.write(')'); // EMPTY_TUPLE: the constructor's arguments
    p.write(0x81); // NEWOBJ
    p.write('}'); // EMPTY_DICT: the state
    p.write('('); // MARK: SETITEMS, as torch.save writes a dict (libtorch 1.13 has no SETITEM)
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    p.write('X'); // BINUNICODE, 4-byte little-endian length
    p.write(key.length);
    p.write(0);
    p.write(0);
    p.write(0);
    p.writeBytes(key);
    p.write(0x89); // NEWFALSE
    p.write('u'); // SETITEMS: the pairs since MARK
    p.write('b'); // BUILD: the object's state from the dict
    p.write('.'); // STOP
    return p.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  /** {@code w} converted to bfloat16 (exact for a bfloat16 checkpoint's values), owned by {@code owner}. */
  public NDArray toBfloat16(NDArray w, NDManager owner) {
    return call("to_bfloat16", owner, w)[0];
  }

  /** An uninitialised bfloat16 array of {@code shape} on {@code like}'s device, owned by {@code owner}: to fill with {@link #put}. */
  public NDArray emptyBfloat16(NDArray like, long[] shape, NDManager owner) {
    return call("empty_bfloat16", owner, like, shape)[0];
  }

  /** {@code dst[index] = src}, converted to dst's dtype and device, in place. */
  public void put(NDArray dst, int index, NDArray src) {
    call("put", dst.getManager(), dst, (long) index, src)[0].close(); // the returned slice of dst
  }

  /** {@code x} (a bfloat16 result) as float32, to read from Java. */
  public NDArray toFloat32(NDArray x) {
    return call("to_float32", x.getManager(), x)[0];
  }

  /** x @ w^T in the operands' dtype (bfloat16 ones give a bfloat16 result): the matmul rate of this kernel path. */
  public NDArray linear(NDArray x, NDArray w) {
    return call("linear", x.getManager(), x, w)[0];
  }

  /** Timer-S1 TimeSTP input: projection(concat(rmsnorm(hm, normHidden), rmsnorm(e, normEmbeds))), float32. */
  public NDArray s1MtpInput(NDArray hm, NDArray e, NDArray normHidden, NDArray normEmbeds, NDArray projection) {
    return call("s1_mtp_input", hm.getManager(), hm, e, normHidden, normEmbeds, projection)[0];
  }

  /**
   * One Timer-S1 decoder layer in bfloat16 (see the source for every argument's shape and dtype).
   *
   * @return {out [B, T, D] float32, keys, values [B, H, Tpast + T, hd] bfloat16}, owned by x's manager
   */
  public NDArray[] s1Decoder(NDArray x, NDArray pastKeys, NDArray pastValues, NDArray cos, NDArray sin, NDArray mask,
      NDArray norm1, NDArray norm2, NDArray qkvgWeight, NDArray qkvgBias, NDArray oProj, NDArray qScale, NDArray kScale,
      NDArray router, NDArray gateUp, NDArray down, int heads, int topK) {
    return call("s1_decoder", x.getManager(), x, pastKeys, pastValues, cos, sin, mask, norm1, norm2, qkvgWeight, qkvgBias,
        oProj, qScale, kScale, router, gateUp, down, (long) heads, (long) topK);
  }

  /**
   * One Timer-XL decoder layer in bfloat16 (see the source for every argument's shape and dtype).
   *
   * @return {out [B, T, D] float32, keys, values [B, H, Tpast + T, hd] bfloat16}, owned by x's manager
   */
  public NDArray[] xlDecoder(NDArray x, NDArray pastKeys, NDArray pastValues, NDArray cos, NDArray sin, NDArray mask,
      NDArray qkvWeight, NDArray qkvBias, NDArray oProj, NDArray gateUp, NDArray down, NDArray norm1Weight, NDArray norm1Bias,
      NDArray norm2Weight, NDArray norm2Bias, int heads) {
    return call("xl_decoder", x.getManager(), x, pastKeys, pastValues, cos, sin, mask, qkvWeight, qkvBias, oProj, gateUp, down,
        norm1Weight, norm1Bias, norm2Weight, norm2Bias, (long) heads);
  }

  /** Runs a method on tensors, longs and long lists; its tensor results (one, or a tuple's) go to {@code owner}. */
  private NDArray[] call(String method, NDManager owner, Object... args) {
    List<IValue> inputs = new ArrayList<>(args.length);
    try {
      for (Object a : args) {
        inputs.add(a instanceof Long ? IValue.from((Long) a) : a instanceof long[] ? IValue.listFrom((long[]) a) : IValue.from((PtNDArray) a));
      }
      try (IValue result = IValueUtils.runMethod(module, method, inputs.toArray(new IValue[0]))) {
        PtNDManager manager = (PtNDManager) owner;
        if (!result.isTuple()) {
          return new NDArray[] {result.toTensor(manager)};
        }
        IValue[] parts = result.toIValueTuple();
        NDArray[] out = new NDArray[parts.length];
        for (int i = 0; i < parts.length; i++) {
          out[i] = parts[i].toTensor(manager);
          parts[i].close();
        }
        return out;
      }
    } finally {
      inputs.forEach(IValue::close);
    }
  }

  @Override
  public void close() {
    module.close();
  }
}
