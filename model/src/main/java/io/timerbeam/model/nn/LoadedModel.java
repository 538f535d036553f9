package io.timerbeam.model.nn;

import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ForecastModel;

/**
 * What every family's loaded model holds and answers alike: its options, its runtime (weights and
 * per-call scopes), the checkpoint's id and size, and closing. A family adds its config, its
 * forward pass and what it says about contexts.
 *
 * @param <N> the family's network, the runtime's weights
 */
public abstract class LoadedModel<N> implements ForecastModel {
  protected final EngineOptions options;
  protected final ModelRuntime<N> runtime;
  private final String modelId;
  private final long parameterCount;
  private final long residentBytes;

  protected LoadedModel(EngineOptions options, ModelRuntime<N> runtime, String modelId, long parameterCount, long residentBytes) {
    this.options = options;
    this.runtime = runtime;
    this.modelId = modelId;
    this.parameterCount = parameterCount;
    this.residentBytes = residentBytes;
  }

  public final EngineOptions options() {
    return options;
  }

  @Override
  public final String modelId() {
    return modelId;
  }

  @Override
  public final long parameterCount() {
    return parameterCount;
  }

  @Override
  public final long residentBytes() {
    return residentBytes;
  }

  @Override
  public final float[][][] forecast(ContextBatch batch, int horizon) {
    return forecast(batch, horizon, Tracer.NONE);
  }

  /** Forecasts while handing the activations the family traces to {@code tracer}. */
  public abstract float[][][] forecast(ContextBatch batch, int horizon, Tracer tracer);

  @Override
  public final void close() {
    runtime.close();
  }
}
