package io.timerbeam.model.series;

/** Why one series cannot be forecast: a short code ({@link io.timerbeam.model.output.FailureCodes}: a metric and a column) and a readable detail. */
public final class SeriesRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  public SeriesRejection(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
