package io.timerbeam.model.timerxl;

import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.ModelFamily;
import io.timerbeam.model.Renormalisation;
import io.timerbeam.model.SeriesCheck;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.nn.LoadedModel;
import io.timerbeam.model.nn.ModelRuntime;
import io.timerbeam.model.nn.Tracer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Timer-XL checkpoint ({@code thuml/timer-base-84m} layout): a point forecaster, so every
 * forecast has one row. Thread-safe like every {@link io.timerbeam.model.ForecastModel}. What the
 * Hugging Face code leaves undefined is library policy: missing points, too-short contexts (see
 * {@link TimerXlContexts}), constant inputs and mixed-length batches (see {@link TimerXlGeneration}).
 */
public final class TimerXlModel extends LoadedModel<TimerXlNetwork> {
  private static final Logger LOG = LoggerFactory.getLogger(TimerXlModel.class);

  private final TimerXlConfig config;

  private TimerXlModel(TimerXlConfig config, EngineOptions options, ModelRuntime<TimerXlNetwork> runtime, String modelId,
      long parameterCount, long residentBytes) {
    super(options, runtime, modelId, parameterCount, residentBytes);
    this.config = config;
  }

  public static TimerXlModel load(Path checkpointDir, EngineOptions options) throws IOException {
    Checkpoint checkpoint = Checkpoint.open(checkpointDir);
    if (checkpoint.family() != ModelFamily.TIMER_XL) {
      throw new InvalidModelException(checkpointDir + " holds a " + checkpoint.family().id()
          + " checkpoint, not Timer-XL; load it with ForecastModels.load");
    }
    return load(checkpoint, options);
  }

  public static TimerXlModel load(Path checkpointDir) throws IOException {
    return load(checkpointDir, EngineOptions.defaults());
  }

  /** Loads an opened checkpoint of this family. */
  public static TimerXlModel load(Checkpoint checkpoint, EngineOptions options) throws IOException {
    long started = System.nanoTime();
    TimerXlConfig config = TimerXlConfig.of(checkpoint.config());
    String modelId = checkpoint.modelId();
    long[] bytesRead = new long[1];
    ModelRuntime<TimerXlNetwork> runtime = ModelRuntime.load(options, loader -> {
      TimerXlNetwork network = new TimerXlNetwork(config, TimerXlWeights.load(checkpoint, config, loader));
      bytesRead[0] = loader.bytesRead();
      return network;
    });
    // A dense network: every weight in the compute dtype (bfloat16 compute: the layers' matmul weights in bfloat16).
    long resident = runtime.weights().residentBytes(checkpoint.parameterCount(), options.computeType().getNumOfBytes());
    ModelRuntime.logLoaded(LOG, "Timer-XL", modelId, checkpoint, options, System.nanoTime() - started, bytesRead[0], resident);
    return new TimerXlModel(config, options, runtime, modelId, checkpoint.parameterCount(), resident);
  }

  public TimerXlConfig config() {
    return config;
  }

  /** Whether later calls read only the newly appended chunk: the option, else the checkpoint's use_cache. */
  public boolean newChunkOnly() {
    Renormalisation r = options.renormalisation();
    return r == Renormalisation.FOLLOW_CHECKPOINT ? config.useCache() : r == Renormalisation.NEW_CHUNK_ONLY;
  }

  @Override
  public String family() {
    return ModelFamily.TIMER_XL.id();
  }

  @Override
  public int patchLength() {
    return config.patchLength();
  }

  /** Empty: one output row, the point forecast. */
  @Override
  public double[] quantileLevels() {
    return new double[0];
  }

  @Override
  public String contextProblem(double[] context) {
    return TimerXlContexts.problem(context, config.patchLength(), options.maxContextLength());
  }

  /** Forecasts while handing the first two calls' activations to {@code tracer}. */
  @Override
  public float[][][] forecast(ContextBatch batch, int horizon, Tracer tracer) {
    SeriesCheck.checkCall(batch, horizon, config.patchLength());
    List<double[]> contexts = new ArrayList<>(batch.size());
    for (int s = 0; s < batch.size(); s++) {
      try {
        contexts.add(TimerXlContexts.prepare(batch.points(s, batch.length(s)), config.patchLength(), options.maxContextLength()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("series " + s + " of the batch: " + e.getMessage(), e);
      }
    }
    return runtime.inScope(scope -> new TimerXlGeneration(config, runtime.weights(), scope, contexts, newChunkOnly(),
        options.kvCache(), options.computeType(), horizon, tracer).run());
  }

  @Override
  public double forecastFlops(int batch, int contextPoints, int horizon) {
    int tokens = Math.min(contextPoints, options.maxContextLength()) / config.patchLength();
    return TimerXlFlopCount.forecast(config, batch, tokens, horizon, newChunkOnly() && options.kvCache());
  }

}
