package io.timerbeam.examples.job;

/** Recognises the forecast schema's quantile columns ({@code q10}, {@code q2_5}, ...). */
final class QuantileColumns {
  private QuantileColumns() {}

  static boolean isQuantile(String field) {
    return field.matches("q\\d+(_\\d+)?");
  }
}
