package io.timerbeam.transforms;

import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine per worker JVM and model spec, shared by every DoFn instance and thread. Loaded on
 * first use and never closed: runners that tear stages down between stages (Flink batch) would
 * otherwise reload it for every stage.
 */
final class ModelHolder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
  private static final String INTRA_OP_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  private static final Map<ModelSpec, ModelHolder> HOLDERS = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();
  /** Idle engine threads end after this, so a finished job's classes are not pinned by them. */
  private static final long ENGINE_THREAD_KEEP_ALIVE_SECONDS = 60;

  private final ModelSpec spec;
  private final ThreadPoolExecutor engineThreads;
  private volatile ForecastModel model;
  private volatile long loadMillis = -1;
  private final AtomicBoolean loadReported = new AtomicBoolean();
  private final AtomicBoolean prefetchStarted = new AtomicBoolean();

  private ModelHolder(ModelSpec spec) {
    this.spec = spec;
    int callers = spec.callersOnThisWorker();
    AtomicInteger threadNumber = new AtomicInteger();
    this.engineThreads = new ThreadPoolExecutor(callers, callers, ENGINE_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), call -> {
          Thread thread = new Thread(call, "timer-engine-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    engineThreads.allowCoreThreadTimeOut(true);
  }

  /** The holder for this spec; cheap, loads nothing. */
  static ModelHolder forSpec(ModelSpec spec) {
    return HOLDERS.computeIfAbsent(spec, ModelHolder::new);
  }

  /** Engine loads in this JVM so far; a test asserts one per job. */
  static int loadCount() {
    return LOADS.get();
  }

  /** The engine, loading it on the first call in this JVM. */
  ForecastModel model() {
    ForecastModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        if (model == null) {
          model = load();
        }
        loaded = model;
      }
    }
    return loaded;
  }

  /**
   * Starts loading the engine on a background thread unless this JVM has it or is loading it: a
   * stage before the model stage calls this so that the load overlaps reading and grouping
   * instead of following them (batch runners start the model stage only once its input is
   * complete). A failed load is not reported here: the model stage's own call then loads again
   * and fails with the cause.
   */
  void loadInBackground() {
    if (model == null && prefetchStarted.compareAndSet(false, true)) {
      Thread loader = new Thread(() -> {
        try {
          model();
        } catch (RuntimeException e) {
          LOG.debug("Loading {} ahead of the model stage failed; the model stage retries", spec.checkpointPath(), e);
        }
      }, "timer-model-load");
      loader.setDaemon(true);
      loader.start();
    }
  }

  /** Milliseconds the load took, or -1 if this JVM has not loaded it. */
  long loadMillis() {
    return loadMillis;
  }

  /** True once per JVM after the load, so that exactly one caller reports its time as a metric. */
  boolean claimLoadReport() {
    return loadMillis >= 0 && loadReported.compareAndSet(false, true);
  }

  /**
   * Starts {@code call} on the engine, on one of this holder's {@link ModelSpec#callersOnThisWorker()}
   * engine threads (first come, first served); {@link #await} waits for it. Why not on the caller's
   * thread: libtorch's working memory lives in the calling thread's malloc arena, and a thread's
   * first engine call pays for a fresh arena (bench-mid, batch 256: 6.5-7.5 s against 2.6-3.7 s for
   * the next call on the same thread, measured). Runners start new threads per task and stage, so
   * they paid it again and again, and every arena kept its own peak of activations. Beam metrics
   * are bound to the caller's thread: {@code call} must not update them.
   */
  <T> Future<T> submit(Function<ForecastModel, T> call) {
    ForecastModel engine = model();
    return engineThreads.submit(() -> call.apply(engine));
  }

  /** Runs {@code call} on the engine (see {@link #submit}) and waits for it. */
  <T> T withModel(Function<ForecastModel, T> call) {
    return await(submit(call));
  }

  /** The result of a call from {@link #submit}; the call's own exception if it failed. */
  static <T> T await(Future<T> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      result.cancel(false); // a call already running finishes; one still queued never starts
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("engine call failed", cause);
    }
  }

  private ForecastModel load() {
    limitIntraOpThreads(spec.callersOnThisWorker());
    long start = System.nanoTime();
    try {
      ForecastModel loaded =
          ForecastModels.load(Paths.get(spec.checkpointPath()), spec.engineOptions());
      loadMillis = (System.nanoTime() - start) / 1_000_000;
      LOADS.incrementAndGet();
      return loaded;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load checkpoint " + spec.checkpointPath(), e);
    }
  }

  /**
   * Gives each concurrent caller cores / callers intra-op threads so they do not oversubscribe
   * the cores. The engine reads the property once at start; an explicit -D setting wins.
   */
  private static void limitIntraOpThreads(int concurrentCallers) {
    if (System.getProperty(INTRA_OP_THREADS_PROPERTY) == null) {
      int cores = Runtime.getRuntime().availableProcessors();
      System.setProperty(INTRA_OP_THREADS_PROPERTY, Integer.toString(Math.max(1, cores / concurrentCallers)));
    }
  }
}
