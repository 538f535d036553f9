package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/** One series' forecast windows, grouped, scored with conformal bands ({@link ConformalScoring}). */
final class ConformalScoreFn extends DoFn<KV<Row, Iterable<Row>>, Row> {
  private static final long serialVersionUID = 1L;

  private final ConformalScoring scoring;

  ConformalScoreFn(ConformalScoring scoring) {
    this.scoring = scoring;
  }

  @ProcessElement
  public void process(@Element KV<Row, Iterable<Row>> series, MultiOutputReceiver out) {
    List<ConformalWindow> windows = new ArrayList<>();
    for (Row row : series.getValue()) {
      windows.add(ConformalWindow.of(row));
    }
    scoring.score(series.getKey(), windows, out);
  }
}
