package io.timerbeam.model.checkpoint;

import java.util.Arrays;

/** The Hugging Face naming of a layer's parameters, for the families' tensor tables. */
public final class TensorNames {
  private TensorNames() {}

  public static String weight(String layer) {
    return layer + ".weight";
  }

  public static String bias(String layer) {
    return layer + ".bias";
  }

  /** The layers' weights, in order: for fusing. */
  public static String[] weights(String... layers) {
    return Arrays.stream(layers).map(TensorNames::weight).toArray(String[]::new);
  }

  /** The layers' biases, in order: for fusing. */
  public static String[] biases(String... layers) {
    return Arrays.stream(layers).map(TensorNames::bias).toArray(String[]::new);
  }
}
