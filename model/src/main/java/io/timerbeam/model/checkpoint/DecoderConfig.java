package io.timerbeam.model.checkpoint;

/**
 * A Timer family's {@code config.json}: the {@link DecoderShape} every family declares alike, read
 * once, with the family's own keys in the subclass.
 */
public abstract class DecoderConfig {
  private final DecoderShape shape;

  protected DecoderConfig(DecoderShape shape) {
    this.shape = shape;
  }

  /** P: points per token. */
  public int patchLength() {
    return shape.patchLength();
  }

  /** D. */
  public int hiddenSize() {
    return shape.hiddenSize();
  }

  /** I: the feed-forward width (Timer-S1: the MoE's total width, each expert has I / k). */
  public int intermediateSize() {
    return shape.intermediateSize();
  }

  public int numHiddenLayers() {
    return shape.numHiddenLayers();
  }

  public int numAttentionHeads() {
    return shape.numAttentionHeads();
  }

  public int headDim() {
    return shape.headDim();
  }

  /** The checkpoint's declared storage dtype ({@code torch_dtype}), informational only. */
  public String storageDtype() {
    return shape.storageDtype();
  }

  /** The shape part of {@link #toString()}. */
  protected String shapeText() {
    return shape.toString();
  }
}
