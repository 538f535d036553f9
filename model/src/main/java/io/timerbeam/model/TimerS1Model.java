package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Timer-S1 checkpoint. Thread-safe: one instance serves many threads at once; each call
 * works in its own NDManager scope and the weights are never mutated.
 *
 * <pre>{@code
 * try (TimerS1Model model = TimerS1Model.load(Path.of("Timer-S1"), TimerS1Options.defaults())) {
 *   float[][][] q = model.forecast(List.of(history), 96); // [series][quantile][step]
 * }
 * }</pre>
 */
public final class TimerS1Model implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TimerS1Model.class);

  private final TimerS1Config config;
  private final TimerS1Options options;
  private final NDManager weightsManager;
  private final Network network;
  private final String modelId;
  private final long parameterCount;

  private TimerS1Model(Checkpoint checkpoint, TimerS1Options options, NDManager weightsManager, Weights weights,
      Network.MoeStrategy moeStrategy) throws IOException {
    this.config = checkpoint.config();
    this.options = options;
    this.weightsManager = weightsManager;
    this.network = new Network(config, weights, moeStrategy, options.device().isGpu());
    this.modelId = checkpoint.modelId();
    this.parameterCount = countParameters(checkpoint);
  }

  /** Loads {@code config.json} and the safetensors weights (single file or shards) of a checkpoint folder. */
  public static TimerS1Model load(Path checkpointDir, TimerS1Options options) throws IOException {
    return load(checkpointDir, options, Network.MoeStrategy.AUTO);
  }

  /** Loads with a pinned mixture-of-experts path, so tests can hold each path to the golden numbers. */
  static TimerS1Model load(Path checkpointDir, TimerS1Options options, Network.MoeStrategy moeStrategy) throws IOException {
    long started = System.nanoTime();
    Checkpoint checkpoint = Checkpoint.open(checkpointDir);
    Device device = options.device();
    Engine engine = Engine.getEngine("PyTorch");
    if (device.isGpu() && device.getDeviceId() >= engine.getGpuCount()) {
      throw new IllegalArgumentException("device " + options.deviceName() + " requested but the PyTorch engine sees "
          + engine.getGpuCount() + " GPU(s); see the README on CUDA natives for GPU workers");
    }
    NDManager manager = engine.newBaseManager(device);
    try {
      JniUtils.setGradMode(false);
      TensorLoader loader = new TensorLoader(manager, device, options.computeType(), TensorLoader.DEFAULT_CHUNK_BYTES);
      Weights weights = Weights.load(checkpoint, loader);
      // A stray op on a weight would otherwise attach its result here and leak for the model's life.
      manager.cap();
      TimerS1Model model = new TimerS1Model(checkpoint, options, manager, weights, moeStrategy);
      LOG.info("Loaded Timer-S1 {} ({} parameters, {}) from {} in {} ms", model.modelId, model.parameterCount,
          options, checkpointDir, (System.nanoTime() - started) / 1_000_000);
      return model;
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public static TimerS1Model load(Path checkpointDir) throws IOException {
    return load(checkpointDir, TimerS1Options.defaults());
  }

  private static long countParameters(Checkpoint checkpoint) {
    long n = 0;
    for (TensorInfo t : checkpoint.tensors().values()) {
      n += t.elementCount();
    }
    return n;
  }

  public TimerS1Config config() {
    return config;
  }

  public TimerS1Options options() {
    return options;
  }

  /** Stable id derived from config.json and the weights (see {@link Checkpoint#modelId()}). */
  public String modelId() {
    return modelId;
  }

  /** Number of weights stored in the checkpoint. */
  public long parameterCount() {
    return parameterCount;
  }

  /** Forecasts each context (NaN = missing) {@code horizon} steps: [series][quantile][step], config quantile order. */
  public float[][][] forecast(List<double[]> contexts, int horizon) {
    if (contexts.isEmpty()) {
      return new float[0][][];
    }
    for (int s = 0; s < contexts.size(); s++) {
      checkSeries(contexts.get(s), s);
    }
    return forecast(ContextBatch.pack(contexts, config.patchLength()), horizon);
  }

  /** Same as {@link #forecast(List, int)} for an already patched batch. */
  public float[][][] forecast(ContextBatch batch, int horizon) {
    return forecast(batch, horizon, Tracer.NONE);
  }

  /** Forecasts while handing the first pass's activations to {@code tracer}. */
  float[][][] forecast(ContextBatch batch, int horizon, Tracer tracer) {
    String horizonProblem = SeriesCheck.horizonProblem(horizon);
    if (horizonProblem != null) {
      throw new IllegalArgumentException(horizonProblem);
    }
    if (batch.patchLength() != config.patchLength()) {
      throw new IllegalArgumentException("batch is patched by " + batch.patchLength() + " points, the model by " + config.patchLength());
    }
    JniUtils.setGradMode(false);
    try (NDManager scope = weightsManager.newSubManager()) {
      return new Generation(config, network, scope, batch, options, horizon, tracer).run();
    }
  }

  private static void checkSeries(double[] context, int index) {
    String problem = SeriesCheck.problem(context);
    if (problem != null) {
      throw new IllegalArgumentException("series " + index + ": " + problem);
    }
  }

  @Override
  public void close() {
    weightsManager.close();
  }
}
