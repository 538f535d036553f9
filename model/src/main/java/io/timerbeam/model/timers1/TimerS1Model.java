package io.timerbeam.model.timers1;

import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.ModelFamily;
import io.timerbeam.model.SeriesCheck;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.nn.LoadedModel;
import io.timerbeam.model.nn.ModelRuntime;
import io.timerbeam.model.nn.Tracer;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Timer-S1 checkpoint. Thread-safe: one instance serves many threads at once; each call
 * works in its own NDManager scope and the weights are never mutated.
 *
 * <pre>{@code
 * try (TimerS1Model model = TimerS1Model.load(Path.of("Timer-S1"), EngineOptions.defaults())) {
 *   float[][][] q = model.forecast(List.of(history), 96); // [series][quantile][step]
 * }
 * }</pre>
 */
public final class TimerS1Model extends LoadedModel<TimerS1Network> {
  private static final Logger LOG = LoggerFactory.getLogger(TimerS1Model.class);

  private final TimerS1Config config;

  private TimerS1Model(TimerS1Config config, EngineOptions options, ModelRuntime<TimerS1Network> runtime, String modelId,
      long parameterCount, long residentBytes) {
    super(options, runtime, modelId, parameterCount, residentBytes);
    this.config = config;
  }

  /** Loads {@code config.json} and the safetensors weights (single file or shards) of a checkpoint folder. */
  public static TimerS1Model load(Path checkpointDir, EngineOptions options) throws IOException {
    return load(checkpointDir, options, TimerS1Network.MoeStrategy.AUTO);
  }

  public static TimerS1Model load(Path checkpointDir) throws IOException {
    return load(checkpointDir, EngineOptions.defaults());
  }

  /** Loads with a pinned mixture-of-experts path, so tests can hold each path to the golden numbers. */
  static TimerS1Model load(Path checkpointDir, EngineOptions options, TimerS1Network.MoeStrategy moeStrategy) throws IOException {
    Checkpoint checkpoint = Checkpoint.open(checkpointDir);
    if (checkpoint.family() != ModelFamily.TIMER_S1) {
      throw new InvalidModelException(checkpointDir + " holds a " + checkpoint.family().id()
          + " checkpoint, not Timer-S1; load it with ForecastModels.load");
    }
    return load(checkpoint, options, moeStrategy);
  }

  /** Loads an opened checkpoint of this family. */
  public static TimerS1Model load(Checkpoint checkpoint, EngineOptions options) throws IOException {
    return load(checkpoint, options, TimerS1Network.MoeStrategy.AUTO);
  }

  static TimerS1Model load(Checkpoint checkpoint, EngineOptions options, TimerS1Network.MoeStrategy moeStrategy) throws IOException {
    long started = System.nanoTime();
    TimerS1Config config = TimerS1Config.of(checkpoint.config());
    String modelId = checkpoint.modelId();
    long[] bytesRead = new long[1];
    ModelRuntime<TimerS1Network> runtime = ModelRuntime.load(options, loader -> {
      TimerS1Network network = new TimerS1Network(config, TimerS1Weights.load(checkpoint, config, loader, options.keepsHalfExperts()), moeStrategy,
          options.device().isGpu());
      bytesRead[0] = loader.bytesRead();
      return network;
    });
    long resident = runtime.weights().residentBytes(checkpoint.parameterCount(), options.computeType().getNumOfBytes());
    ModelRuntime.logLoaded(LOG, "Timer-S1", modelId, checkpoint, options, System.nanoTime() - started, bytesRead[0], resident);
    return new TimerS1Model(config, options, runtime, modelId, checkpoint.parameterCount(), resident);
  }

  public TimerS1Config config() {
    return config;
  }

  @Override
  public String family() {
    return ModelFamily.TIMER_S1.id();
  }

  @Override
  public int patchLength() {
    return config.patchLength();
  }

  /** The config's quantile levels, in the head's output order. */
  @Override
  public double[] quantileLevels() {
    return config.quantiles();
  }

  @Override
  public String contextProblem(double[] context) {
    return SeriesCheck.problem(context);
  }

  /** Forecasts while handing the first pass's activations to {@code tracer}. */
  @Override
  public float[][][] forecast(ContextBatch batch, int horizon, Tracer tracer) {
    SeriesCheck.checkCall(batch, horizon, config.patchLength());
    return runtime.inScope(scope -> new TimerS1Generation(config, runtime.weights(), scope, batch, options, horizon, tracer).run());
  }

  @Override
  public double forecastFlops(int batch, int contextPoints, int horizon) {
    int points = Math.min(contextPoints, options.maxContextLength());
    return TimerS1FlopCount.forecast(config, batch, ContextBatch.tokensFor(points, config.patchLength()), horizon, options.kvCache());
  }

}
