package io.timerbeam.transforms;

import io.timerbeam.model.ContextBatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Forecasts series in batches formed within a bundle (so the stage stays chained to the
 * assembly), bucketed by token count and flushed when the bundle ends. Every instance and
 * thread of a JVM shares one engine. If the engine fails on a batch, each of its series goes
 * to the failures.
 */
final class ForecastFn extends DoFn<SeriesContext, Row> {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final int contextLength;
  private final int horizon;
  private final int batchSize;
  private final long maxTokensPerBatch;
  private final ForecastRows rows;
  private final TupleTag<Row> forecasts;
  private final TupleTag<Row> failures;

  private transient ModelHolder holder;
  private transient BufferAllocator allocator;
  private transient TokenBuckets<Pending> buckets;

  ForecastFn(ModelSpec spec, int contextLength, int horizon, int batchSize, long maxTokensPerBatch,
      ForecastRows rows, TupleTag<Row> forecasts, TupleTag<Row> failures) {
    this.spec = spec;
    this.contextLength = contextLength;
    this.horizon = horizon;
    this.batchSize = batchSize;
    this.maxTokensPerBatch = maxTokensPerBatch;
    this.rows = rows;
    this.forecasts = forecasts;
    this.failures = failures;
  }

  @Setup
  public void setup() {
    holder = ModelHolder.forSpec(spec, contextLength);
    allocator = new RootAllocator();
  }

  @StartBundle
  public void startBundle() {
    buckets = new TokenBuckets<>(batchSize, maxTokensPerBatch);
  }

  @ProcessElement
  public void process(@Element SeriesContext series, @Timestamp Instant timestamp, BoundedWindow window,
      MultiOutputReceiver out) {
    int tokens = ContextBatch.tokensFor(series.values().length, holder.model().config().patchLength());
    List<Pending> full = buckets.add(new Pending(series, timestamp, window), tokens);
    if (full != null) {
      run(full, (tag, row, p) -> out.get(tag).output(row));
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (List<Pending> batch : buckets.drain()) {
      run(batch, (tag, row, p) -> context.output(tag, row, p.timestamp, p.window));
    }
  }

  @Teardown
  public void teardown() {
    if (allocator != null) {
      allocator.close();
    }
  }

  private void run(List<Pending> batch, Emitter emit) {
    List<SeriesContext> contexts = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      contexts.add(p.series);
    }
    float[][][] output;
    String modelId;
    try (ArrowContextBatch arrow = ArrowContextBatch.of(allocator, contexts, holder.model().config().patchLength())) {
      long start = System.nanoTime();
      output = holder.withModel(model -> model.forecast(arrow.engineView(), horizon));
      ForecastMetrics.inferenceMillis.update((System.nanoTime() - start) / 1_000_000);
      ForecastMetrics.batches.inc();
      ForecastMetrics.batchSize.update(batch.size());
      ForecastMetrics.batchTokens.update(arrow.totalTokens());
      ForecastMetrics.paddingPermille.update(1000 * arrow.paddedTokens() / arrow.totalTokens());
      modelId = spec.modelId() != null ? spec.modelId() : holder.model().modelId();
    } catch (RuntimeException e) {
      SeriesRejection rejection = new SeriesRejection(SeriesRejection.MODEL_ERROR, String.valueOf(e));
      for (Pending p : batch) {
        ForecastMetrics.failed(rejection.code());
        emit.emit(failures, rows.failure(p.series.id(), rejection), p);
      }
      return;
    }
    if (holder.claimLoadReport()) {
      ForecastMetrics.modelLoadMillis.update(holder.loadMillis());
    }
    for (int s = 0; s < batch.size(); s++) {
      Pending p = batch.get(s);
      ForecastMetrics.seriesForecast.inc();
      for (Row row : rows.forecast(p.series, output[s], modelId)) {
        emit.emit(forecasts, row, p);
      }
    }
  }

  /** Where a batch's rows go: the element's receiver, or the bundle's context at its end. */
  private interface Emitter {
    void emit(TupleTag<Row> tag, Row row, Pending origin);
  }

  /** A buffered series with the timestamp and window it arrived in. */
  private static final class Pending {
    final SeriesContext series;
    final Instant timestamp;
    final BoundedWindow window;

    Pending(SeriesContext series, Instant timestamp, BoundedWindow window) {
      this.series = series;
      this.timestamp = timestamp;
      this.window = window;
    }
  }
}
