package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Assembles every series of a shard into a context; a series that cannot be used goes to the
 * failures. A shard's chunks are gathered by series id in memory.
 */
final class AssembleSeriesFn extends DoFn<KV<Integer, Iterable<KV<Row, PointChunk>>>, SeriesContext> {
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
  public void process(@Element KV<Integer, Iterable<KV<Row, PointChunk>>> shard, MultiOutputReceiver out) {
    Map<Row, List<PointChunk>> bySeries = new HashMap<>();
    for (KV<Row, PointChunk> chunk : shard.getValue()) {
      bySeries.computeIfAbsent(chunk.getKey(), id -> new ArrayList<>()).add(chunk.getValue());
    }
    bySeries.forEach((id, chunks) -> {
      ForecastMetrics.seriesIn.inc();
      try {
        out.get(contexts).output(assembler.assemble(id, chunks));
      } catch (SeriesRejection rejection) {
        ForecastMetrics.failed(rejection.code());
        out.get(failures).output(rows.failure(id, rejection));
      }
    });
  }
}
