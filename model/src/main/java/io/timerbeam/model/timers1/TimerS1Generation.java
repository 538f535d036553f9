package io.timerbeam.model.timers1;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.SeriesCheck;
import io.timerbeam.model.nn.AttentionInputs;
import io.timerbeam.model.nn.KvCache;
import io.timerbeam.model.nn.Tracer;
import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * One batched forecast, the {@code generate} semantics of docs/timer-s1-model.md: RevIN in double
 * over observed points, left padding to whole patches, autoregressive passes that feed the median
 * back, de-normalisation. Series of different lengths share a batch: each row's extra padding
 * tokens are masked out and its RoPE positions start at its own first token, so its result does
 * not depend on the batch. With KV caches each later pass runs only the tokens it appended.
 */
final class TimerS1Generation {
  private final TimerS1Config config;
  private final TimerS1Network network;
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
  /** Every token so far, growing by the fed-back medians, [B, tokens, 2P]: P values, then P mask values. */
  private NDArray history;
  private int tokens;

  TimerS1Generation(TimerS1Config config, TimerS1Network network, NDManager scope, ContextBatch input, EngineOptions options, int horizon,
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

  /**
   * RevIN per row over its most recent {@code maxContext} points, as the tokens [B, tokens, 2P]
   * the first pass reads. The statistics are summed in double, in order, reading the caller's
   * buffer in place; the buffer itself becomes the first tensor (a direct buffer, as an Arrow
   * vector's, is wrapped without a copy) and the normalised tokens are computed from it.
   */
  private void normalise(ContextBatch input, int maxContext) {
    int[] kept = new int[batch];
    int maxTokens = 1;
    for (int s = 0; s < batch; s++) {
      kept[s] = Math.min(input.length(s), maxContext);
      DoubleBuffer c = input.points(s, kept[s]);
      String problem = SeriesCheck.problem(c);
      if (problem != null) {
        throw new IllegalArgumentException("series " + s + " of the batch: " + problem);
      }
      statistics(s, c);
      maxTokens = Math.max(maxTokens, ContextBatch.tokensFor(kept[s], p));
    }
    tokens = maxTokens;
    int width = tokens * p;
    int row = input.tokens() * p;
    int[] firstKept = new int[batch];
    for (int s = 0; s < batch; s++) {
      padTokens[s] = tokens - ContextBatch.tokensFor(kept[s], p);
      firstKept[s] = width - kept[s];
    }
    try (NDManager prep = scope.newSubManager()) {
      NDArray raw = prep.create(input.bytes(), new Shape(batch, row), DataType.FLOAT64);
      NDArray x = raw.get(new NDIndex(":, {}:", row - width));
      // Observed: not NaN, and not older than the row's most recent maxContext points.
      NDArray observed = x.isNaN().logicalNot()
          .logicalAnd(prep.arange(width).reshape(1, width).gte(prep.create(firstKept, new Shape(batch, 1))));
      NDArray scaled = x.sub(prep.create(mean, new Shape(batch, 1))).div(prep.create(std, new Shape(batch, 1)));
      NDArray valuesPart = NDArrays.where(observed, scaled, prep.zeros(scaled.getShape(), DataType.FLOAT64))
          .toType(DataType.FLOAT32, false).reshape(batch, tokens, p);
      NDArray maskPart = observed.toType(DataType.FLOAT32, false).reshape(batch, tokens, p);
      history = NDArrays.concat(new NDList(valuesPart, maskPart), 2);
      history.attach(scope);
    }
  }

  /** Mean and std (population, plus 1e-5) of the row's observed points, summed in order. */
  private void statistics(int s, DoubleBuffer c) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < c.remaining(); i++) {
      double v = c.get(i);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    double m = sum / n;
    double var = 0;
    for (int i = 0; i < c.remaining(); i++) {
      double v = c.get(i);
      if (!Double.isNaN(v)) {
        var += (v - m) * (v - m);
      }
    }
    mean[s] = m;
    std[s] = Math.sqrt(var / n) + 1e-5;
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
        NDArray out = network.forward(tokenInput(pass, from), new TimerS1Network.Pass(
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

  /** Tokens [B, tokens - from, 2P] from token {@code from} on, owned by the pass. */
  private NDArray tokenInput(NDManager pass, int from) {
    NDArray view = history.get(new NDIndex(":, {}:", from));
    view.attach(pass);
    return typed(view);
  }

  private NDArray typed(NDArray x) {
    return x.getDataType() == computeType ? x : x.toType(computeType, false);
  }

  /** Feeds the median across quantiles of points [from, from + n) back as observed tokens. */
  private void appendMedians(float[][][] normalised, int from, int n) {
    if (n % p != 0) {
      throw new IllegalStateException("a non-final pass produced " + n + " points, not whole patches of " + p);
    }
    int added = n / p;
    float[] data = new float[batch * added * 2 * p];
    float[] column = new float[q];
    for (int s = 0; s < batch; s++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < q; j++) {
          column[j] = normalised[s][j][from + i];
        }
        int at = (s * added + i / p) * 2 * p + i % p;
        data[at] = median(column);
        data[at + p] = 1f;
      }
    }
    NDArray grown;
    try (NDManager append = scope.newSubManager()) {
      grown = NDArrays.concat(new NDList(history, append.create(data, new Shape(batch, added, 2L * p))), 1);
    }
    history.close();
    history = grown;
    tokens += added;
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
