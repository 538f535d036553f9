package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Groups items into batches of similar token counts so that short series are not padded to the
 * length of long ones: a bucket holds counts in (2^(k-1), 2^k], so padding stays under half a
 * batch. A bucket is released as a batch when it reaches the batch size or the token budget
 * (items * the bucket's longest item).
 */
final class TokenBuckets<T> {
  private final int batchSize;
  private final long maxTokensPerBatch;
  private final TreeMap<Integer, Bucket<T>> buckets = new TreeMap<>();

  TokenBuckets(int batchSize, long maxTokensPerBatch) {
    this.batchSize = batchSize;
    this.maxTokensPerBatch = maxTokensPerBatch;
  }

  /** Adds an item; returns a full batch to run now, or null. */
  List<T> add(T item, int tokens) {
    int key = Integer.highestOneBit(Math.max(1, tokens - 1)) << 1;
    Bucket<T> bucket = buckets.computeIfAbsent(key, k -> new Bucket<>());
    if (!bucket.items.isEmpty()
        && (long) (bucket.items.size() + 1) * Math.max(bucket.maxTokens, tokens) > maxTokensPerBatch) {
      List<T> full = bucket.take();
      bucket.add(item, tokens);
      return full;
    }
    bucket.add(item, tokens);
    return bucket.items.size() >= batchSize ? bucket.take() : null;
  }

  /** Every item still held, as batches; leaves the buckets empty. */
  List<List<T>> drain() {
    List<List<T>> batches = new ArrayList<>();
    for (Bucket<T> bucket : buckets.values()) {
      if (!bucket.items.isEmpty()) {
        batches.add(bucket.take());
      }
    }
    buckets.clear();
    return batches;
  }

  private static final class Bucket<T> {
    List<T> items = new ArrayList<>();
    int maxTokens;

    void add(T item, int tokens) {
      items.add(item);
      maxTokens = Math.max(maxTokens, tokens);
    }

    List<T> take() {
      List<T> out = items;
      items = new ArrayList<>();
      maxTokens = 0;
      return out;
    }
  }
}
