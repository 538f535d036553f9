package io.timerbeam.model.timerxl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.nn.AttentionInputs;
import io.timerbeam.model.nn.KvCache;
import io.timerbeam.model.nn.Tracer;
import java.util.Arrays;
import java.util.List;

/**
 * One batched Timer-XL forecast, the Hugging Face {@code generate} semantics of
 * docs/timer-xl-model.md: RevIN with the sample std in double, autoregressive calls that append
 * the head's output in original units, de-normalisation with the statistics of the call's input.
 * <ul>
 *   <li>new-chunk-only ({@code use_cache=True}): call 1 reads the context; each later call reads
 *       only the chunk just appended, normalised by its own statistics, at positions after the
 *       cached tokens. Without KV caches the same numbers come from re-running every token, each
 *       segment normalised as it was when first read.
 *   <li>whole-series ({@code use_cache=False}): every call re-normalises context plus everything
 *       appended and runs it from position 0.
 * </ul>
 * Series of different lengths share a batch as whole left-padding tokens that attention hides,
 * with RoPE positions from each series' own first token, so each result is its single-series
 * result. Library policy for a constant input (std 0, where the Hugging Face code divides by
 * zero): the series' forecast from that call on is the constant; its rows still ride along in the
 * batch as zeros and their outputs are discarded.
 */
final class TimerXlGeneration {
  /** The Hugging Face code's RoPE base, whatever config.json's rope_theta says. */
  static final double ROPE_BASE = 10_000;

  private final TimerXlConfig config;
  private final TimerXlNetwork network;
  private final NDManager scope;
  private final DataType computeType;
  private final boolean newChunkOnly;
  private final boolean kvCache;
  private final int horizon;
  private final Tracer tracer;
  private final int batch;
  private final int p;
  /** Each series in original units: its prepared context, then every appended value. */
  private final double[][] series;
  /** The normalised tokens the model reads, left-padded with zeros to {@code tokens} tokens, [B][tokens * P]. */
  private final float[][] normalised;
  private final int[] padTokens;
  /** The statistics of each series' latest call input: its outputs de-normalise with these. */
  private final double[] mean;
  private final double[] std;
  /** Series whose input was constant: their forecast is {@code mean} from then on. */
  private final boolean[] constant;
  private int tokens;

  TimerXlGeneration(TimerXlConfig config, TimerXlNetwork network, NDManager scope, List<double[]> contexts, boolean newChunkOnly,
      boolean kvCache, DataType computeType, int horizon, Tracer tracer) {
    this.config = config;
    this.network = network;
    this.scope = scope;
    this.computeType = computeType;
    this.newChunkOnly = newChunkOnly;
    this.kvCache = kvCache;
    this.horizon = horizon;
    this.tracer = tracer;
    this.batch = contexts.size();
    this.p = config.patchLength();
    this.series = contexts.toArray(new double[0][]);
    this.normalised = new float[batch][];
    this.padTokens = new int[batch];
    this.mean = new double[batch];
    this.std = new double[batch];
    this.constant = new boolean[batch];
  }

  /** [series][1][step]: the point forecast in original units. */
  float[][][] run() {
    float[][][] out = new float[batch][1][horizon];
    KvCache[] caches = null;
    int produced = 0;
    int appended = 0;
    for (int callIndex = 0; produced < horizon; callIndex++) {
      int remaining = horizon - produced;
      int head = config.headFor(remaining);
      int from = 0;
      if (callIndex == 0 || !newChunkOnly) {
        normaliseWholeSeries();
        caches = KvCache.forLayers(config.numHiddenLayers());
      } else {
        int before = tokens;
        normaliseNewChunk(appended);
        if (kvCache) {
          from = before;
        } else {
          caches = KvCache.forLayers(config.numHiddenLayers());
        }
      }
      int o = config.outputTokenLen(head);
      int kept = Math.min(o, remaining);
      // Each call's activations go when it ends: a whole-series forecast would otherwise hold every call's at once.
      try (NDManager call = scope.newSubManager()) {
        NDArray input = tokenInput(call, from);
        trace(callIndex, callIndex == 0 ? "input" : "step1.input", input);
        trace(callIndex, callIndex == 0 ? "revin" : "step1.revin", call.create(new double[] {mean[0], std[0]}));
        AttentionInputs attention = AttentionInputs.forRows(call, padTokens, from, tokens, config.headDim(), ROPE_BASE, computeType);
        NDArray y = network.forward(input, attention, caches, head, callIndex == 0 ? tracer : Tracer.NONE);
        trace(callIndex, callIndex == 0 ? "first_step" : "step1.head", y);
        appendOutputs(y.toType(DataType.FLOAT32, false).toFloatArray(), o, kept, out, produced);
        if (newChunkOnly && kvCache) {
          for (KvCache cache : caches) {
            cache.attach(scope); // the next call attends to them
          }
        }
      }
      produced += kept;
      appended = kept;
    }
    return out;
  }

  private void trace(int call, String name, NDArray value) {
    if (call <= 1) {
      tracer.record(name, value);
    }
  }

  /** De-normalises each row's first {@code kept} of {@code o} values, writes them out and appends them to the series. */
  private void appendOutputs(float[] y, int o, int kept, float[][][] out, int produced) {
    for (int s = 0; s < batch; s++) {
      double[] grown = Arrays.copyOf(series[s], series[s].length + kept);
      for (int t = 0; t < kept; t++) {
        double v = constant[s] ? mean[s] : y[s * o + t] * std[s] + mean[s];
        grown[series[s].length + t] = v;
        out[s][0][produced + t] = (float) v;
      }
      series[s] = grown;
    }
  }

  /** Every series' points normalised by their own mean and sample std, laid out left-padded. */
  private void normaliseWholeSeries() {
    tokens = 0;
    for (double[] v : series) {
      tokens = Math.max(tokens, v.length / p);
    }
    for (int s = 0; s < batch; s++) {
      double[] v = series[s];
      padTokens[s] = tokens - v.length / p;
      normalised[s] = new float[tokens * p];
      if (!constant[s]) {
        normalise(s, v, 0, v.length, normalised[s], padTokens[s] * p);
      }
    }
  }

  /** Appends the last {@code n} points of each series, normalised by their own statistics. */
  private void normaliseNewChunk(int n) {
    for (int s = 0; s < batch; s++) {
      float[] grown = Arrays.copyOf(normalised[s], (tokens + n / p) * p);
      if (!constant[s]) {
        normalise(s, series[s], series[s].length - n, n, grown, tokens * p);
      }
      normalised[s] = grown;
    }
    tokens += n / p;
  }

  /**
   * RevIN of {@code v[from, from + n)} into {@code dst} at {@code at}: m = mean, s = sample std
   * (no epsilon), in double. A constant input marks the series constant instead.
   */
  private void normalise(int s, double[] v, int from, int n, float[] dst, int at) {
    double sum = 0;
    for (int i = from; i < from + n; i++) {
      sum += v[i];
    }
    double m = sum / n;
    double squares = 0;
    for (int i = from; i < from + n; i++) {
      squares += (v[i] - m) * (v[i] - m);
    }
    double sd = Math.sqrt(squares / (n - 1));
    mean[s] = m;
    std[s] = sd;
    if (sd == 0) {
      constant[s] = true;
      return;
    }
    for (int i = 0; i < n; i++) {
      dst[at + i] = (float) ((v[from + i] - m) / sd);
    }
  }

  /** Tokens [B, tokens - from, P] from token {@code from} on. */
  private NDArray tokenInput(NDManager call, int from) {
    int n = tokens - from;
    float[] data = new float[batch * n * p];
    for (int s = 0; s < batch; s++) {
      System.arraycopy(normalised[s], from * p, data, s * n * p, n * p);
    }
    NDArray x = call.create(data, new Shape(batch, n, p));
    return x.getDataType() == computeType ? x : x.toType(computeType, false);
  }
}
