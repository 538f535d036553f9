package io.timerbeam.transforms;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.transforms.DoFn.OutputReceiver;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * The outputs of a DoFn at the end of a bundle, in the global window at one timestamp (the
 * element's the outputs belong to), for code written against a {@link MultiOutputReceiver}.
 */
final class BundleEndOutputs implements MultiOutputReceiver {
  private final DoFn<?, ?>.FinishBundleContext context;
  private final Instant timestamp;

  BundleEndOutputs(DoFn<?, ?>.FinishBundleContext context, Instant timestamp) {
    this.context = context;
    this.timestamp = timestamp;
  }

  @Override
  public <T> OutputReceiver<T> get(TupleTag<T> tag) {
    return new OutputReceiver<T>() {
      @Override
      public void output(T value) {
        context.output(tag, value, timestamp, GlobalWindow.INSTANCE);
      }

      @Override
      public void outputWithTimestamp(T value, Instant at) {
        context.output(tag, value, at, GlobalWindow.INSTANCE);
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> OutputReceiver<Row> getRowReceiver(TupleTag<T> tag) {
    return (OutputReceiver<Row>) (OutputReceiver<?>) get(tag);
  }
}
