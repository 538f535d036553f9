package io.timerbeam.transforms;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** Assembles each grouped series into a context; a series that cannot be used goes to the failures. */
final class AssembleSeriesFn extends DoFn<KV<Row, Iterable<PointChunk>>, SeriesContext> {
  private static final long serialVersionUID = 1L;

  private final SeriesAssembler assembler;
  private final ForecastRows rows;
  private final TupleTag<Row> failures;

  AssembleSeriesFn(SeriesAssembler assembler, ForecastRows rows, TupleTag<Row> failures) {
    this.assembler = assembler;
    this.rows = rows;
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element KV<Row, Iterable<PointChunk>> series, MultiOutputReceiver out) {
    ForecastMetrics.seriesIn.inc();
    try {
      out.get(TimerForecast.CONTEXTS).output(assembler.assemble(series.getKey(), series.getValue()));
    } catch (SeriesRejection rejection) {
      ForecastMetrics.failed(rejection.code());
      out.get(failures).output(rows.failure(series.getKey(), rejection));
    }
  }
}
