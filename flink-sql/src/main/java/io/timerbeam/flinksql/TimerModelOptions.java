package io.timerbeam.flinksql;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The {@code WITH} options of {@code CREATE MODEL ... WITH ('provider' = 'timer', ...)}, named like
 * the Beam transform's options (withHorizon, withContextLength, withConfidenceLevel, withLevels,
 * ModelSpec's compute and device).
 */
public final class TimerModelOptions {
  private TimerModelOptions() {}

  public static final ConfigOption<String> MODEL_PATH = ConfigOptions.key("model.path").stringType().noDefaultValue()
      .withDescription("Checkpoint folder (config.json + safetensors) on every TaskManager: Timer-S1 or Timer-XL.");

  public static final ConfigOption<Integer> HORIZON = ConfigOptions.key("horizon").intType().noDefaultValue()
      .withDescription("Steps to forecast; one output row per step.");

  public static final ConfigOption<Integer> CONTEXT_LENGTH = ConfigOptions.key("context-length").intType()
      .defaultValue(io.timerbeam.model.EngineOptions.DEFAULT_MAX_CONTEXT)
      .withDescription("A longer history keeps its most recent points.");

  public static final ConfigOption<Double> CONFIDENCE_LEVEL = ConfigOptions.key("confidence-level").doubleType().noDefaultValue()
      .withDescription("Level of prediction_interval_lower_bound/upper_bound and confidence_level; 0.8 when neither this nor levels is set. Quantile models only.");

  public static final ConfigOption<List<Double>> LEVELS = ConfigOptions.key("levels").doubleType().asList().noDefaultValue()
      .withDescription("Several levels ('0.8;0.6'): columns prediction_interval_lower_bound_80, ..._upper_bound_80, ... instead of the three interval columns. Quantile models only.");

  public static final ConfigOption<String> COMPUTE = ConfigOptions.key("compute").stringType().defaultValue("float32")
      .withDescription("float32, bfloat16 or float16.");

  public static final ConfigOption<String> DEVICE = ConfigOptions.key("device").stringType().defaultValue("cpu")
      .withDescription("cpu, gpu or gpuN.");

  public static final ConfigOption<Integer> BATCH_SIZE = ConfigOptions.key("batch-size").intType().defaultValue(64)
      .withDescription("Series per engine call, gathered from every ML_PREDICT task in the JVM. Needs as many rows in flight: "
          + "set the ML_PREDICT option 'max-concurrent-operations' at least this high.");

  public static final ConfigOption<Duration> MAX_WAIT = ConfigOptions.key("max-wait").durationType().defaultValue(Duration.ofMillis(100))
      .withDescription("How long a partial batch waits for more rows before it goes to the engine.");

  // Series assembly, for INPUT (points ARRAY<ROW<ts TIMESTAMP(3), y DOUBLE>>): the transform's rules and defaults.

  public static final ConfigOption<String> FREQUENCY = ConfigOptions.key("frequency").stringType().noDefaultValue()
      .withDescription("The series' step ('H', 'D', 'W-MON', 'MS', '15min', ...); inferred per series when not set.");

  public static final ConfigOption<String> TIME_ZONE = ConfigOptions.key("time-zone").stringType().defaultValue("UTC")
      .withDescription("Zone of calendar steps (days, weeks, months).");

  public static final ConfigOption<String> DUPLICATES = ConfigOptions.key("duplicates").stringType().noDefaultValue()
      .withDescription("mean, sum or last: how points sharing a timestamp combine; not set: such a series fails (duplicate_timestamp).");

  public static final ConfigOption<String> RESAMPLING = ConfigOptions.key("resampling").stringType().noDefaultValue()
      .withDescription("mean, sum or last: buckets points into the frequency's steps; not set: an off-grid point fails its series (off_grid).");

  public static final ConfigOption<Integer> MIN_OBSERVATIONS = ConfigOptions.key("min-observations").intType().defaultValue(3)
      .withDescription("Observed points a context needs (too_few_observations).");
}
