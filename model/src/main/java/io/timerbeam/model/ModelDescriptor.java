package io.timerbeam.model;

/**
 * What a checkpoint's config says about its output, read without loading weights: the family, the
 * patch length and the quantile levels of its output rows (empty for a point forecaster).
 */
public final class ModelDescriptor {
  private final ModelFamily family;
  private final int patchLength;
  private final double[] quantileLevels;
  private final String summary;

  ModelDescriptor(ModelFamily family, int patchLength, double[] quantileLevels, String summary) {
    this.family = family;
    this.patchLength = patchLength;
    this.quantileLevels = quantileLevels.clone();
    this.summary = summary;
  }

  public ModelFamily family() {
    return family;
  }

  /** P: points per token; contexts are packed in whole patches of it. */
  public int patchLength() {
    return patchLength;
  }

  /** Levels of the output rows in output order (a copy); empty when the model gives one point forecast row. */
  public double[] quantileLevels() {
    return quantileLevels.clone();
  }

  /** True when the output is one point-forecast row rather than quantile rows. */
  public boolean isPointForecast() {
    return quantileLevels.length == 0;
  }

  /** Every hyper-parameter the family reads, for people (the family config's toString). */
  public String summary() {
    return summary;
  }

  @Override
  public String toString() {
    return family.id() + " (P=" + patchLength + ", " + (isPointForecast() ? "point forecast" : quantileLevels.length + " quantiles") + ")";
  }
}
