package io.timerbeam.model.timerxl;

import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.checkpoint.DecoderConfig;
import io.timerbeam.model.checkpoint.DecoderShape;
import java.util.Arrays;
import java.util.Map;

/**
 * The Timer-XL hyper-parameters of a checkpoint's {@code config.json} (docs/timer-xl-model.md,
 * "config.json keys"). An absent key takes the Hugging Face {@code TimerConfig} default; a value
 * the engine cannot run is an error naming the key. {@code rope_theta} and
 * {@code max_position_embeddings} are ignored, as the Hugging Face code ignores them.
 */
public final class TimerXlConfig extends DecoderConfig {
  private static final DecoderShape DEFAULT_SHAPE = new DecoderShape(1, 1024, 2048, 8, 8, "float32");
  private static final int[] DEFAULT_OUTPUT_TOKEN_LENS = {1, 8, 32, 64};

  private final int[] outputTokenLens;
  private final boolean useCache;

  private TimerXlConfig(ConfigJson json) {
    super(DecoderShape.readWithDefaults(json, DEFAULT_SHAPE));
    outputTokenLens = json.positiveInts("output_token_lens", DEFAULT_OUTPUT_TOKEN_LENS);
    useCache = json.bool("use_cache", true);
    double dropout = json.number("attention_dropout", 0);
    if (dropout != 0) {
      // The Hugging Face code applies attention dropout even at inference: its forecasts would be random.
      throw json.invalid("attention_dropout", "is " + dropout + "; only 0 gives deterministic forecasts");
    }
    int patchLength = patchLength();
    if (patchLength < 2) {
      throw json.invalid("input_token_len", (json.has("input_token_len") ? "is " : "is missing, so TimerConfig's default ")
          + patchLength + ", but Timer-XL needs at least 2 points per token (RevIN's sample std)");
    }
    for (int o : outputTokenLens) {
      if (o % patchLength != 0) {
        // Each call appends O_j / P whole tokens; the Hugging Face loop is ill-defined otherwise.
        throw json.invalid("output_token_lens", "holds " + o + ", not a multiple of input_token_len " + patchLength
            + " (got " + Arrays.toString(outputTokenLens) + ")");
      }
    }
  }

  public static TimerXlConfig of(ConfigJson json) {
    return new TimerXlConfig(json);
  }

  /** Every tensor this config implies, name to shape, in file order ("Tensors"). */
  public Map<String, long[]> expectedTensors() {
    return TimerXlTensors.of(this);
  }

  /**
   * The head a call with {@code remaining} values still to produce uses: walking the list in
   * order from head 0, the last one before the first head longer than {@code remaining}.
   */
  public int headFor(int remaining) {
    int j = 0;
    for (int i = 1; i < outputTokenLens.length && outputTokenLens[i] <= remaining; i++) {
      j = i;
    }
    return j;
  }

  /** O_j: points head j produces per call (a copy). */
  public int[] outputTokenLens() {
    return outputTokenLens.clone();
  }

  public int outputTokenLen(int head) {
    return outputTokenLens[head];
  }

  /** The checkpoint's default generation: true means later calls read only the new chunk. */
  public boolean useCache() {
    return useCache;
  }

  @Override
  public String toString() {
    return "TimerXlConfig{" + shapeText() + ", O=" + Arrays.toString(outputTokenLens) + ", use_cache=" + useCache
        + ", dtype=" + storageDtype() + "}";
  }
}
