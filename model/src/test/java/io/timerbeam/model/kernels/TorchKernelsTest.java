package io.timerbeam.model.kernels;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.Test;

public class TorchKernelsTest {
  @Test
  public void bfloat16MatmulMatchesFloat32WithinBfloat16Rounding() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(); TorchKernels kernels = TorchKernels.load(m)) {
      Random r = new Random(7);
      float[] a = new float[64 * 96];
      float[] b = new float[96 * 48];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) r.nextGaussian();
      }
      NDArray x = m.create(a, new Shape(64, 96));
      NDArray y = m.create(b, new Shape(96, 48));
      float[] exact = x.matMul(y).toFloatArray();
      NDArray yTransposed = y.transpose().duplicate(); // linear reads its weight as [out, in]
      float[] bf16 = kernels.toFloat32(kernels.linear(kernels.toBfloat16(x, m), kernels.toBfloat16(yTransposed, m))).toFloatArray();
      double worst = 0;
      double scale = 0;
      for (int i = 0; i < exact.length; i++) {
        worst = Math.max(worst, Math.abs(exact[i] - bf16[i]));
        scale = Math.max(scale, Math.abs(exact[i]));
      }
      // Each operand rounds to 8 significant bits (relative 2^-9); a 96-term dot product of such
      // errors stays within a few percent of the largest output.
      assertTrue("bfloat16 matmul off by " + worst + " of " + scale, worst / scale < 2e-2);
      assertTrue("bfloat16 rounding must show", worst > 0);
    }
  }

  @Test
  public void archiveHoldsTheSourceTextAsItsCode() throws Exception {
    byte[] zip = TorchKernels.archive("class Kernels(Module):\n");
    String text = new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("kernels/code/__torch__.py"));
    assertTrue(text.contains("class Kernels(Module):\n"));
    assertEquals(0, TorchKernels.source().indexOf("# The kernels DJL 0.36 lacks"));
  }

  /**
   * The module's state dict is built with MARK ... SETITEMS, as torch.save writes it: libtorch
   * 1.13's unpickler has no SETITEM and refused the archive ("Unknown opcode for unpickling at
   * 0x73"), measured with the JNI built against Debian's libtorch (integration-tests/gpu).
   */
  @Test
  public void moduleStateUsesSetItemsNotSetItem() throws Exception {
    byte[] pkl = null;
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(TorchKernels.archive("")))) {
      for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("kernels/data.pkl")) {
          pkl = zip.readAllBytes();
        }
      }
    }
    assertTrue("no kernels/data.pkl in the archive", pkl != null);
    String ops = new String(pkl, java.nio.charset.StandardCharsets.ISO_8859_1);
    // ... EMPTY_DICT MARK BINUNICODE "training" NEWFALSE SETITEMS BUILD STOP
    assertTrue(ops, ops.endsWith("}(X\u0008\u0000\u0000\u0000training\u0089ub."));
  }
}
