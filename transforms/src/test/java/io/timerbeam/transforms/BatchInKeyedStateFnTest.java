package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** Batches per key within the size and token limits; every key's last partial batch comes out at the window's end. */
public class BatchInKeyedStateFnTest {
  private static final Schema ID = Schema.builder().addStringField("id").build();
  private static final int PATCH = 4;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static KV<ShardedKey<Integer>, AssembledContext> context(String key, String id, int points) {
    AssembledContext context = new AssembledContext(Row.withSchema(ID).addValue(id).build(), 0, new long[] {1}, new double[points]);
    return KV.of(ShardedKey.of(1, key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), context);
  }

  private PCollection<String> batches(List<KV<ShardedKey<Integer>, AssembledContext>> input, int batchSize, long maxTokens) {
    AssembledContext.Coder coder = new AssembledContext.Coder(ID);
    return pipeline
        .apply(Create.of(input).withCoder(KvCoder.of(ShardedKey.Coder.of(VarIntCoder.of()), coder)))
        .apply(ParDo.of(new BatchInKeyedStateFn(new TokenBucket(PATCH), batchSize, maxTokens, coder)))
        .setCoder(org.apache.beam.sdk.coders.IterableCoder.of(coder))
        .apply(MapElements.into(TypeDescriptors.strings()).via(batch -> {
          List<String> ids = new ArrayList<>();
          batch.forEach(c -> ids.add(c.id().getString("id")));
          ids.sort(null);
          return ids.get(0).substring(0, 1) + ids.size();
        }));
  }

  /** 10 contexts of key a and 3 of key b in batches of 4: a4 a4 a2 b3; the partial ones only the window's end flushes. */
  @Test
  public void fullBatchesAndEveryKeysRest() {
    List<KV<ShardedKey<Integer>, AssembledContext>> input = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      input.add(context("a", "a" + i, 8));
    }
    for (int i = 0; i < 3; i++) {
      input.add(context("b", "b" + i, 8));
    }
    PAssert.that(batches(input, 4, 1_000)).containsInAnyOrder("a4", "a4", "a2", "b3");
    pipeline.run().waitUntilFinish();
  }

  /** 8 points at patch 4 weigh 2 tokens: a budget of 5 tokens holds two contexts, whatever the batch size. */
  @Test
  public void tokenBudgetStartsTheNextBatch() {
    assertEquals(2, new TokenBucket(PATCH).width(context("a", "x", 8).getValue()));
    List<KV<ShardedKey<Integer>, AssembledContext>> input = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      input.add(context("a", "a" + i, 8));
    }
    PAssert.that(batches(input, 100, 5)).containsInAnyOrder("a2", "a2", "a1");
    pipeline.run().waitUntilFinish();
  }
}
