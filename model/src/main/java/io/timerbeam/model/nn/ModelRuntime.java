package io.timerbeam.model.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.CpuFeatures;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.checkpoint.TensorLoader;
import io.timerbeam.model.kernels.TorchKernels;
import java.util.function.Function;

/**
 * The engine side every family shares: weights loaded once onto the options' device and dtype
 * under a capped NDManager, and a fresh child scope per forecast call, so that concurrent calls
 * never share intermediate arrays and nothing a call creates outlives it.
 *
 * @param <W> the family's weights
 */
public final class ModelRuntime<W> implements AutoCloseable {
  private final NDManager weightsManager;
  private final W weights;

  private ModelRuntime(NDManager weightsManager, W weights) {
    this.weightsManager = weightsManager;
    this.weights = weights;
  }

  /** Loads a family's weights with {@code load}, which reads tensors through the given loader. */
  public static <W> ModelRuntime<W> load(EngineOptions options, Function<TensorLoader, W> load) {
    Device device = options.device();
    Engine engine = Engine.getEngine("PyTorch");
    if (device.isGpu() && device.getDeviceId() >= engine.getGpuCount()) {
      throw new IllegalArgumentException("device " + options.deviceName() + " requested but the PyTorch engine sees "
          + engine.getGpuCount() + " GPU(s); see the README on CUDA natives for GPU workers");
    }
    if (!device.isGpu()) {
      NativeHeap.keepFreedMemory();
    }
    if (options.compute() == ComputePrecision.BFLOAT16 && !device.isGpu()) {
      CpuFeatures.requireBfloat16();
    }
    NDManager manager = engine.newBaseManager(device);
    try {
      JniUtils.setGradMode(false);
      // The kernels belong to the weights' manager: closed with the model.
      TorchKernels kernels = options.compute() == ComputePrecision.BFLOAT16 ? TorchKernels.load(manager) : null;
      W weights = load.apply(new TensorLoader(manager, device, options.computeType(), TensorLoader.DEFAULT_CHUNK_BYTES, kernels));
      // A stray op on a weight would otherwise attach its result here and leak for the model's life.
      manager.cap();
      return new ModelRuntime<>(manager, weights);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The one log line of a load: time, read throughput and resident bytes, for sizing workers. */
  public static void logLoaded(org.slf4j.Logger log, String family, String modelId, Checkpoint checkpoint, EngineOptions options,
      long nanos, long bytesRead, long residentBytes) {
    double seconds = nanos / 1e9;
    log.info(String.format(java.util.Locale.ROOT, "Loaded %s %s (%d parameters, %s) from %s in %d ms: read %.1f MB at %.2f GB/s, %.1f MB resident",
        family, modelId, checkpoint.parameterCount(), options, checkpoint.dir(), nanos / 1_000_000, bytesRead / 1e6,
        bytesRead / 1e9 / Math.max(seconds, 1e-9), residentBytes / 1e6));
  }

  public W weights() {
    return weights;
  }

  /** Runs one forecast call in its own scope, closed (with every array the call made) when it returns. */
  public <T> T inScope(Function<NDManager, T> call) {
    JniUtils.setGradMode(false); // per thread: a caller's thread may never have loaded a model
    try (NDManager scope = weightsManager.newSubManager()) {
      return call.apply(scope);
    }
  }

  @Override
  public void close() {
    weightsManager.close();
  }
}
