package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Assembles one series (one element) into its contexts ({@link ContextCutter}), each keyed for batching by its token bucket and
 * a shard naming this DoFn instance, so that every worker thread forms its own batches and the
 * number of batching keys grows with the workers the runner gives the stage. A series that
 * cannot be used goes to the failures. Keying here rather than in a step of its own matters on
 * the DirectRunner, which runs every step after a grouping once per series. Its setup starts
 * loading the engine, so that the load overlaps the grouping rather than following it.
 */
final class AssembleSeriesFn<S> extends DoFn<KV<Row, S>, KV<ShardedKey<Integer>, AssembledContext>> {
  private static final long serialVersionUID = 1L;

  private final SerializedOnce<ContextCutter<S>> contextsOf;
  private final TokenBucket bucket;
  private final SerializedOnce<Schema> failureSchema;
  private final TupleTag<KV<ShardedKey<Integer>, AssembledContext>> contexts;
  private final TupleTag<Row> failures;
  /** Null for a detector without a model (seasonal naive). */
  private final @Nullable SerializedOnce<ModelSpec> model;
  private transient byte[] shard;

  /** @param model the engine to start loading, or null when the contexts need none */
  AssembleSeriesFn(ContextCutter<S> contextsOf, TokenBucket bucket, Schema failureSchema,
      TupleTag<KV<ShardedKey<Integer>, AssembledContext>> contexts, TupleTag<Row> failures, @Nullable ModelSpec model) {
    this.contextsOf = SerializedOnce.of(contextsOf);
    this.model = model == null ? null : SerializedOnce.of(model);
    this.bucket = bucket;
    this.failureSchema = SerializedOnce.of(failureSchema);
    this.contexts = contexts;
    this.failures = failures;
  }

  @Setup
  public void setup() {
    if (model != null) {
      ModelHolder.forSpec(model.get()).loadInBackground();
    }
    UUID id = UUID.randomUUID();
    shard = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  @ProcessElement
  public void process(@Element KV<Row, S> series, MultiOutputReceiver out) {
    ForecastMetrics.seriesIn.inc();
    try {
      for (AssembledContext context : contextsOf.get().of(series.getKey(), series.getValue(), out)) {
        out.get(contexts).output(KV.of(ShardedKey.of(bucket.of(context), shard), context));
      }
    } catch (SeriesRejection rejection) {
      ForecastMetrics.failed(rejection.code());
      out.get(failures).output(ForecastRows.failure(failureSchema.get(), series.getKey(), rejection.code(), rejection.getMessage()));
    }
  }
}
