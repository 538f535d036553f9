package io.timerbeam.transforms;

/** Why one series cannot be forecast: a short code ({@link io.timerbeam.model.output.FailureCodes}: a metric and a column) and a readable detail. */
final class SeriesRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  SeriesRejection(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }
}
