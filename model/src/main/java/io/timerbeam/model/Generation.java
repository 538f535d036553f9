package io.timerbeam.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * One batched forecast, the {@code generate} semantics of docs/timer-s1-model.md: RevIN in double
 * over observed points, left padding to whole patches, autoregressive passes that feed the median
 * back, de-normalisation. Series of different lengths share a batch: each row's extra padding
 * tokens are masked out and its RoPE positions start at its own first token, so its result does
 * not depend on the batch. With KV caches each later pass runs only the tokens it appended.
 */
final class Generation {
  private final TimerS1Config config;
  private final Network network;
  private final NDManager scope;
  private final DataType computeType;
  private final boolean useCache;
  private final Tracer firstPassTracer;
  private final int horizon;
  private final int batch;
  private final int p;
  private final int q;
  private final int[] padTokens;
  private final double[] mean;
  private final double[] std;
  /** Normalised values and mask per row, growing by the fed-back medians, [B][tokens * P]. */
  private float[][] values;
  private float[][] mask;
  private int tokens;

  Generation(TimerS1Config config, Network network, NDManager scope, ContextBatch input, TimerS1Options options, int horizon,
      Tracer firstPassTracer) {
    this.firstPassTracer = firstPassTracer;
    this.config = config;
    this.network = network;
    this.scope = scope;
    this.computeType = options.computeType();
    this.useCache = options.kvCache();
    this.horizon = horizon;
    this.batch = input.size();
    this.p = config.patchLength();
    this.q = config.numQuantiles();
    this.padTokens = new int[batch];
    this.mean = new double[batch];
    this.std = new double[batch];
    normalise(input, options.maxContextLength());
  }

  /** RevIN per row over its most recent {@code maxContext} points, laid out left-padded. */
  private void normalise(ContextBatch input, int maxContext) {
    double[][] contexts = new double[batch][];
    int maxTokens = 1;
    for (int s = 0; s < batch; s++) {
      double[] c = input.context(s);
      if (c.length > maxContext) {
        c = Arrays.copyOfRange(c, c.length - maxContext, c.length);
      }
      String problem = SeriesCheck.problem(c);
      if (problem != null) {
        throw new IllegalArgumentException("series " + s + " of the batch: " + problem);
      }
      contexts[s] = c;
      maxTokens = Math.max(maxTokens, ContextBatch.tokensFor(c.length, p));
    }
    tokens = maxTokens;
    values = new float[batch][tokens * p];
    mask = new float[batch][tokens * p];
    for (int s = 0; s < batch; s++) {
      double[] c = contexts[s];
      double sum = 0;
      int n = 0;
      for (double v : c) {
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
        }
      }
      double m = sum / n;
      double var = 0;
      for (double v : c) {
        if (!Double.isNaN(v)) {
          var += (v - m) * (v - m);
        }
      }
      mean[s] = m;
      std[s] = Math.sqrt(var / n) + 1e-5;
      padTokens[s] = tokens - ContextBatch.tokensFor(c.length, p);
      int offset = tokens * p - c.length;
      for (int i = 0; i < c.length; i++) {
        if (!Double.isNaN(c[i])) {
          values[s][offset + i] = (float) ((c[i] - m) / std[s]);
          mask[s][offset + i] = 1f;
        }
      }
    }
  }

  /** [series][quantile][step] in original units. */
  float[][][] run() {
    float[][][] normalised = new float[batch][q][horizon];
    ExpertScratch expertScratch = network.takeScratch();
    try {
      generate(normalised, expertScratch);
    } finally {
      network.giveScratch(expertScratch);
    }
    return denormalise(normalised);
  }

  /** The autoregressive passes, filling {@code normalised} step by step. */
  private void generate(float[][][] normalised, ExpertScratch expertScratch) {
    int layers = config.numHiddenLayers() + config.numMtpTokens();
    KvCache[] caches = KvCache.forLayers(layers);
    int produced = 0;
    int cachedTokens = 0;
    while (produced < horizon) {
      int need = horizon - produced;
      int steps = PassSchedule.mtpSteps(config, need);
      int kept = PassSchedule.keptPoints(config, need);
      int from = useCache ? cachedTokens : 0;
      KvCache[] passCaches = useCache ? caches : KvCache.forLayers(layers);
      Tracer tracer = produced == 0 ? firstPassTracer : Tracer.NONE;
      // Each pass's activations go when it ends; only the caches the next pass reads move out.
      try (NDManager pass = scope.newSubManager()) {
        NDArray out = network.forward(tokenInput(pass, from), new Network.Pass(
            AttentionInputs.forRows(pass, padTokens, from, tokens, config.headDim(), config.ropeTheta(), computeType), passCaches, tracer,
            expertScratch),
            steps);
        tracer.record("first_step", out);
        float[] flat = out.toType(DataType.FLOAT32, false).toFloatArray();
        int width = (int) out.getShape().get(2);
        for (int s = 0; s < batch; s++) {
          for (int j = 0; j < q; j++) {
            System.arraycopy(flat, (s * q + j) * width, normalised[s][j], produced, kept);
          }
        }
        if (useCache) {
          for (KvCache cache : caches) {
            cache.attach(scope);
          }
        }
      }
      cachedTokens = tokens;
      if (produced + kept < horizon) {
        appendMedians(normalised, produced, kept);
      }
      produced += kept;
    }
  }

  /** Tokens [B, tokens - from, 2P] from token {@code from} on: P values, then P mask values. */
  private NDArray tokenInput(NDManager pass, int from) {
    int n = tokens - from;
    float[] data = new float[batch * n * 2 * p];
    for (int s = 0; s < batch; s++) {
      for (int t = 0; t < n; t++) {
        int dst = (s * n + t) * 2 * p;
        System.arraycopy(values[s], (from + t) * p, data, dst, p);
        System.arraycopy(mask[s], (from + t) * p, data, dst + p, p);
      }
    }
    return typed(pass.create(data, new Shape(batch, n, 2L * p)));
  }

  private NDArray typed(NDArray x) {
    return x.getDataType() == computeType ? x : x.toType(computeType, false);
  }

  /** Feeds the median across quantiles of points [from, from + n) back as observed tokens. */
  private void appendMedians(float[][][] normalised, int from, int n) {
    if (n % p != 0) {
      throw new IllegalStateException("a non-final pass produced " + n + " points, not whole patches of " + p);
    }
    int newLength = (tokens + n / p) * p;
    float[] column = new float[q];
    for (int s = 0; s < batch; s++) {
      float[] v = Arrays.copyOf(values[s], newLength);
      float[] m = Arrays.copyOf(mask[s], newLength);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < q; j++) {
          column[j] = normalised[s][j][from + i];
        }
        v[tokens * p + i] = median(column);
        m[tokens * p + i] = 1f;
      }
      values[s] = v;
      mask[s] = m;
    }
    tokens += n / p;
  }

  /** Sorted middle value, or the mean of the two middle values for an even count. */
  static float median(float[] column) {
    float[] sorted = column.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2f;
  }

  private float[][][] denormalise(float[][][] normalised) {
    for (int s = 0; s < batch; s++) {
      for (int j = 0; j < q; j++) {
        float[] row = normalised[s][j];
        for (int t = 0; t < horizon; t++) {
          row[t] = (float) (row[t] * std[s] + mean[s]);
        }
      }
    }
    return normalised;
  }
}
