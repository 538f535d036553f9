package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Keeps in memory what the pipeline's steps ({@link WindowCutter}, {@link ForecastFn}) output per
 * tag, so that a caller that sees one series at a time ({@link OneSeriesEvaluator}) runs those same
 * steps outside a pipeline.
 */
final class CollectedOutputs implements MultiOutputReceiver {
  private final Map<TupleTag<?>, List<Object>> outputs = new HashMap<>();

  /** What was output to {@code tag}, in output order. */
  @SuppressWarnings("unchecked")
  <T> List<T> of(TupleTag<T> tag) {
    return (List<T>) outputs.getOrDefault(tag, List.of());
  }

  @Override
  public <T> OutputReceiver<T> get(TupleTag<T> tag) {
    List<Object> collected = outputs.computeIfAbsent(tag, t -> new ArrayList<>());
    return new OutputReceiver<T>() {
      @Override
      public void output(T output) {
        collected.add(output);
      }

      @Override
      public void outputWithTimestamp(T output, Instant timestamp) {
        collected.add(output);
      }
    };
  }

  @Override
  public <T> OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
    throw new UnsupportedOperationException("the steps run here output Rows through get(tag)");
  }
}
