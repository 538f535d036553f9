package io.timerbeam.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

/** The small tensor operations every family's forward pass is written in. */
public final class NnOps {
  private NnOps() {}

  /** x @ W^T + b (b may be null). */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }

  public static NDArray silu(NDArray x) {
    // In place on the fresh sigmoid: DJL's swish(x, 1) also multiplies x by beta first, a third pass over x.
    return Activation.sigmoid(x).muli(x);
  }

  /** [B, T, D] -> [B, D]: the last token of each row. */
  public static NDArray lastToken(NDArray h) {
    return h.get(new NDIndex(":, -1, :"));
  }

  /** [B, T, heads * hd] -> [B, heads, T, hd]. */
  public static NDArray toHeads(NDArray x, int heads, int headDim) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    return x.reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);
  }

  /** [B, heads, T, hd] -> [B, T, heads * hd]. */
  public static NDArray fromHeads(NDArray x) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(2);
    return x.transpose(0, 2, 1, 3).reshape(b, t, x.getShape().get(1) * x.getShape().get(3));
  }
}
