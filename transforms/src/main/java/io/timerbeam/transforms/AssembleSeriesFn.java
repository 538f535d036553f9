package io.timerbeam.transforms;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** Assembles one series (one element) into a context; a series that cannot be used goes to the failures. */
final class AssembleSeriesFn extends DoFn<KV<Row, SeriesPoints>, SeriesContext> {
  private static final long serialVersionUID = 1L;

  private final SeriesAssembler assembler;
  private final ForecastRows rows;
  private final TupleTag<SeriesContext> contexts;
  private final TupleTag<Row> failures;

  AssembleSeriesFn(SeriesAssembler assembler, ForecastRows rows, TupleTag<SeriesContext> contexts,
      TupleTag<Row> failures) {
    this.assembler = assembler;
    this.rows = rows;
    this.contexts = contexts;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<Row, SeriesPoints> series, MultiOutputReceiver out) {
    ForecastMetrics.seriesIn.inc();
    try {
      out.get(contexts).output(assembler.assemble(series.getKey(), series.getValue()));
    } catch (SeriesRejection rejection) {
      ForecastMetrics.failed(rejection.code());
      out.get(failures).output(rows.failure(series.getKey(), rejection));
    }
  }
}
