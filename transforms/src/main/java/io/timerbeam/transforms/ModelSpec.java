package io.timerbeam.transforms;

import com.google.auto.value.AutoValue;
import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ResidentPrecision;
import io.timerbeam.model.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Paths;
import java.util.function.Supplier;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which checkpoint to run and how: folder, device, compute dtype and how many threads of one
 * worker JVM may call the engine at once. Immutable and serializable; equal specs share one
 * loaded engine per JVM.
 */
@AutoValue
public abstract class ModelSpec implements Serializable, HasDisplayData {
  private static final long serialVersionUID = 1L;

  /** A checkpoint folder in the release layout (config.json + safetensors), readable by every worker. */
  public abstract String checkpointPath();

  /** {@code "cpu"}, {@code "gpu"} or {@code "gpuN"}. */
  public abstract String device();

  /** The compute precision: float32 (default), bfloat16 (CPUs with bfloat16 instructions, GPUs) or float16 (GPUs). */
  public abstract ComputePrecision compute();

  /**
   * Most threads of one JVM inside the engine at once, or 0 for one per core of the worker
   * (resolved on the worker, not where the pipeline is built); intra-op threads are cores / this.
   */
  public abstract int threads();

  /** How a 16-bit checkpoint's weights stay in memory on a CPU worker (same numbers either way). */
  public abstract ResidentPrecision residentPrecision();

  /** Overrides the engine's model id in the output, e.g. to name a fine-tuned release. */
  public abstract @Nullable String modelId();

  abstract Builder toBuilder();

  /** CPU, float32, one engine caller per core of each worker. */
  public static ModelSpec of(String checkpointPath) {
    if (checkpointPath == null || checkpointPath.isEmpty()) {
      throw new IllegalArgumentException("ModelSpec.of: checkpointPath must be set");
    }
    return new AutoValue_ModelSpec.Builder()
        .setCheckpointPath(checkpointPath)
        .setDevice("cpu")
        .setCompute(ComputePrecision.FLOAT32)
        .setThreads(0)
        .setResidentPrecision(ResidentPrecision.HALF)
        .build();
  }

  public ModelSpec withDevice(String device) {
    EngineOptions.defaults().withDevice(device); // rejects an unknown name at construction time
    return toBuilder().setDevice(device).build();
  }

  /**
   * The compute precision. bfloat16 on a CPU worker without bfloat16 instructions fails when the
   * worker loads the model (it would run many times slower than float32).
   */
  public ModelSpec withCompute(ComputePrecision compute) {
    if (compute == null) {
      throw new IllegalArgumentException("ModelSpec.withCompute: must be non-null");
    }
    return toBuilder().setCompute(compute).build();
  }

  /** {@link ResidentPrecision#HALF} (default) halves a bf16 checkpoint's memory per worker; FLOAT32 widens it all at load. */
  public ModelSpec withResidentPrecision(ResidentPrecision precision) {
    if (precision == null) {
      throw new IllegalArgumentException("ModelSpec.withResidentPrecision: must be non-null");
    }
    return toBuilder().setResidentPrecision(precision).build();
  }

  public ModelSpec withThreads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("ModelSpec.withThreads: must be positive, got " + threads);
    }
    return toBuilder().setThreads(threads).build();
  }

  public ModelSpec withModelId(String modelId) {
    if (modelId == null || modelId.isEmpty()) {
      throw new IllegalArgumentException("ModelSpec.withModelId: must be non-empty");
    }
    return toBuilder().setModelId(modelId).build();
  }

  /**
   * The output rows' {@code model_id}: {@link #withModelId}'s name, else {@code derivedId}, the id
   * the engine derives from the checkpoint (asked only when no name is given). The one fallback
   * every output path takes.
   */
  String outputModelId(Supplier<String> derivedId) {
    return modelId() != null ? modelId() : derivedId.get();
  }

  /** {@link #outputModelId(Supplier)} before any engine is loaded (at construction): the checkpoint's id. */
  String outputModelId() {
    return outputModelId(() -> {
      try {
        return Checkpoint.open(Paths.get(checkpointPath())).modelId();
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("withModel: cannot read the checkpoint " + checkpointPath() + ": " + e.getMessage(), e);
      }
    });
  }

  /** Engine callers at once on this JVM. */
  int callersOnThisWorker() {
    return threads() > 0 ? threads() : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The engine options: only what determines the loaded weights and how they run, so transforms
   * that differ in context length share one copy of the weights (the transform cuts contexts).
   */
  EngineOptions engineOptions() {
    return EngineOptions.defaults().withDevice(device()).withCompute(compute()).withResidentPrecision(residentPrecision());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("checkpoint", checkpointPath()).withLabel("Checkpoint folder"))
        .addIfNotNull(DisplayData.item("modelId", modelId()).withLabel("Model id in the output"))
        .add(DisplayData.item("device", device()).withLabel("Device"))
        .add(DisplayData.item("compute", compute().label()).withLabel("Compute precision"))
        .add(DisplayData.item("residentPrecision", residentPrecision().name()).withLabel("Resident expert precision"))
        .add(DisplayData.item("threads", threads()).withLabel("Concurrent engine callers per worker (0: one per core)"));
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setCheckpointPath(String path);

    abstract Builder setDevice(String device);

    abstract Builder setCompute(ComputePrecision compute);

    abstract Builder setThreads(int threads);

    abstract Builder setResidentPrecision(ResidentPrecision precision);

    abstract Builder setModelId(String modelId);

    abstract ModelSpec build();
  }
}
