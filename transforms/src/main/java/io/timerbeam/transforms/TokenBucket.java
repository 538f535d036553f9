package io.timerbeam.transforms;

import io.timerbeam.model.ContextBatch;
import java.io.Serializable;

/**
 * Keys contexts by token count so that a batch holds series of similar length: bucket k holds
 * counts in (2^(k-1), 2^k], so padding stays under half a batch. A context weighs its bucket's
 * width, so a batch of total weight W pads to at most W token slots.
 */
final class TokenBucket implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int patchLength;

  TokenBucket(int patchLength) {
    this.patchLength = patchLength;
  }

  /** The bucket's width in tokens: the smallest power of two at least the context's token count. */
  long width(AssembledContext context) {
    int tokens = ContextBatch.tokensFor(context.values().length, patchLength);
    return tokens <= 1 ? 1 : Integer.highestOneBit(tokens - 1) << 1;
  }

  Integer of(AssembledContext context) {
    return (int) width(context);
  }
}
