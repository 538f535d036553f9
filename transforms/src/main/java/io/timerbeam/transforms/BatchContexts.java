package io.timerbeam.transforms;

import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Groups contexts keyed by (token bucket, shard) into engine batches, then spreads the batches
 * over the workers. Batches form in keyed state ({@link BatchInKeyedStateFn}), so they fill on every
 * runner whatever its bundles. A batch holds at most {@code batchSize} series and
 * {@code maxTokens} padded token slots (each context weighs its bucket's width). The reshuffle
 * that follows spreads whole batches over the model stage on random keys, so every parallel
 * instance gets batches even when there are few batching keys.
 */
final class BatchContexts
    extends PTransform<PCollection<KV<ShardedKey<Integer>, AssembledContext>>, PCollection<Iterable<AssembledContext>>> {
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

  /** The coder of the keyed contexts this transform takes. */
  static KvCoder<ShardedKey<Integer>, AssembledContext> inputCoder(Schema idSchema) {
    return KvCoder.of(ShardedKey.Coder.of(VarIntCoder.of()), new AssembledContext.Coder(idSchema));
  }

  @Override
  public PCollection<Iterable<AssembledContext>> expand(PCollection<KV<ShardedKey<Integer>, AssembledContext>> contexts) {
    KvCoder<ShardedKey<Integer>, AssembledContext> keyed = inputCoder(idSchema);
    AssembledContext.Coder contextCoder = (AssembledContext.Coder) keyed.getValueCoder();
    return contexts
        .apply("FormBatches", ParDo.of(new BatchInKeyedStateFn(bucket, batchSize, maxTokens, contextCoder)))
        .setCoder(IterableCoder.of(contextCoder))
        .apply("SpreadBatches", Reshuffle.viaRandomKey());
  }
}
