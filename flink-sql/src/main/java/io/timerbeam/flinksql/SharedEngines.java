package io.timerbeam.flinksql;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One engine per TaskManager JVM and checkpoint + engine options, and one batcher per plan's
 * engine-facing part, shared by every ML_PREDICT task in the JVM. Never closed: libtorch loads once
 * per JVM, and Flink batch starts and ends tasks per stage, which would otherwise reload the weights.
 */
final class SharedEngines {
  private static final Map<String, ForecastModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, EngineBatcher> BATCHERS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();
  private static final AtomicLong ENGINE_NANOS = new AtomicLong();
  private static final AtomicLong ENGINE_CALLS = new AtomicLong();

  private SharedEngines() {}

  static ForecastModel model(String checkpointPath, EngineOptions options) {
    return MODELS.computeIfAbsent(checkpointPath + "|" + options, key -> {
      // One intra-op thread per engine thread (they run one batch each at once): more oversubscribe the cores.
      // The engine reads the property once, at its start; an explicit -D setting wins.
      if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
        System.setProperty("ai.djl.pytorch.num_threads",
            Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / EngineBatcher.ENGINE_THREADS)));
      }
      try {
        ForecastModel model = ForecastModels.load(Paths.get(checkpointPath), options);
        LOADS.incrementAndGet();
        return model;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load checkpoint " + checkpointPath, e);
      }
    });
  }

  static EngineBatcher batcher(ForecastPlan plan) {
    return BATCHERS.computeIfAbsent(plan.batcherKey(),
        key -> new EngineBatcher(model(plan.checkpointPath, plan.engineOptions), plan.horizon, plan.batchSize, plan.maxWaitMillis));
  }

  static void recordEngineCall(long nanos) {
    ENGINE_NANOS.addAndGet(nanos);
    ENGINE_CALLS.incrementAndGet();
  }

  /** Engine loads in this JVM so far: a test asserts one per checkpoint. */
  static int loadCount() {
    return LOADS.get();
  }

  /** Nanoseconds this JVM spent inside {@code ForecastModel.forecast}: the benchmark's engine share. */
  static long engineNanos() {
    return ENGINE_NANOS.get();
  }

  static long engineCalls() {
    return ENGINE_CALLS.get();
  }
}
