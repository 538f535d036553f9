package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import org.junit.Test;

public class TokenBucketsTest {
  @Test
  public void releasesABucketAtTheBatchSize() {
    TokenBuckets<String> buckets = new TokenBuckets<>(2, 1_000);
    assertNull(buckets.add("a", 30));
    assertNull(buckets.add("short", 2));
    assertEquals(List.of("a", "b"), buckets.add("b", 32));
    assertEquals(List.of(List.of("short")), buckets.drain());
    assertEquals(List.of(), buckets.drain());
  }

  @Test
  public void releasesABucketBeforeItExceedsTheTokenBudget() {
    TokenBuckets<String> buckets = new TokenBuckets<>(100, 100);
    assertNull(buckets.add("a", 40));
    assertNull(buckets.add("b", 50));
    assertEquals(List.of("a", "b"), buckets.add("c", 60));
    assertEquals(List.of(List.of("c")), buckets.drain());
  }
}
