package io.timerbeam.transforms;

import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Groups contexts into engine batches of similar token count, then spreads the batches over the
 * workers. Batches form in keyed state ({@code GroupIntoBatches}), so they fill on every runner
 * whatever its bundles; the key is the token bucket, sharded by the runner (per worker thread, or
 * as the service chooses), so no constant limits how many workers batch. A batch holds at most
 * {@code batchSize} series and {@code maxTokens} padded token slots. The reshuffle that follows
 * distributes whole batches evenly (a rebalance on Flink), so every model worker gets work even
 * when there are few bucket keys.
 */
final class BatchContexts extends PTransform<PCollection<SeriesContext>, PCollection<Iterable<SeriesContext>>> {
  private static final long serialVersionUID = 1L;

  private final TokenBucket bucket;
  private final int batchSize;
  private final long maxTokens;
  private final Schema idSchema;

  BatchContexts(TokenBucket bucket, int batchSize, long maxTokens, Schema idSchema) {
    this.bucket = bucket;
    this.batchSize = batchSize;
    this.maxTokens = maxTokens;
    this.idSchema = idSchema;
  }

  @Override
  public PCollection<Iterable<SeriesContext>> expand(PCollection<SeriesContext> contexts) {
    SeriesContext.Coder contextCoder = new SeriesContext.Coder(idSchema);
    TokenBucket widths = bucket;
    return contexts
        .apply("KeyByTokenBucket", WithKeys.of(widths::of).withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), contextCoder))
        .apply("GroupIntoBatches", GroupIntoBatches.<Integer, SeriesContext>ofSize(batchSize)
            .withByteSize(maxTokens, widths::width)
            .withShardedKey())
        .setCoder(KvCoder.of(ShardedKey.Coder.of(VarIntCoder.of()), IterableCoder.of(contextCoder)))
        .apply("Batches", Values.create())
        .setCoder(IterableCoder.of(contextCoder))
        .apply("SpreadBatches", Reshuffle.viaRandomKey());
  }
}
