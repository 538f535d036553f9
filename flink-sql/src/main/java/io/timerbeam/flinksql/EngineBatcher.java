package io.timerbeam.flinksql;

import io.timerbeam.model.ForecastModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gathers single contexts from any number of async predict calls into engine batches: a batch goes
 * to the engine when it holds {@code batchSize} contexts or {@code maxWaitMillis} after its first
 * one. Batches run on {@link #ENGINE_THREADS} long-lived engine threads, one per core, each
 * engine call at one intra-op thread ({@link SharedEngines}), as the Beam transform's model holder
 * runs them (libtorch's working memory lives in the calling thread's arena: long-lived threads pay
 * for it once); a failed batch is retried context by context so that one bad context fails alone.
 */
final class EngineBatcher {
  static final int ENGINE_THREADS = Runtime.getRuntime().availableProcessors();

  private final ForecastModel model;
  private final int horizon;
  private final int batchSize;
  private final long maxWaitMillis;
  private final ScheduledExecutorService engineThread;
  private List<Pending> open = new ArrayList<>();
  private ScheduledFuture<?> deadline;

  private static final class Pending {
    final double[] context;
    final CompletableFuture<float[][]> result = new CompletableFuture<>();

    Pending(double[] context) {
      this.context = context;
    }
  }

  EngineBatcher(ForecastModel model, int horizon, int batchSize, long maxWaitMillis) {
    this.model = model;
    this.horizon = horizon;
    this.batchSize = batchSize;
    this.maxWaitMillis = maxWaitMillis;
    java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(ENGINE_THREADS, call -> {
      Thread thread = new Thread(call, "timer-flink-engine-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.engineThread = executor;
  }

  /** The engine's output [row][step] for {@code context} (checked and scaled by the caller), once its batch has run. */
  CompletableFuture<float[][]> forecast(double[] context) {
    Pending pending = new Pending(context);
    List<Pending> full = null;
    synchronized (this) {
      open.add(pending);
      if (open.size() >= batchSize) {
        full = takeOpen();
      } else if (open.size() == 1) {
        deadline = engineThread.schedule(this::flushOnDeadline, maxWaitMillis, TimeUnit.MILLISECONDS);
      }
    }
    if (full != null) {
      List<Pending> batch = full;
      engineThread.execute(() -> run(batch));
    }
    return pending.result;
  }

  private synchronized List<Pending> takeOpen() {
    List<Pending> batch = open;
    open = new ArrayList<>();
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
    return batch;
  }

  /** On an engine thread: the open batch has waited maxWait. */
  private void flushOnDeadline() {
    List<Pending> batch;
    synchronized (this) {
      deadline = null;
      batch = open.isEmpty() ? null : takeOpen();
    }
    if (batch != null) {
      run(batch);
    }
  }

  private void run(List<Pending> batch) {
    List<double[]> contexts = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      contexts.add(p.context);
    }
    float[][][] output;
    long start = System.nanoTime();
    try {
      output = model.forecast(contexts, horizon);
    } catch (RuntimeException | Error e) {
      SharedEngines.recordEngineCall(System.nanoTime() - start);
      if (batch.size() == 1) {
        batch.get(0).result.completeExceptionally(e);
      } else { // find the context at fault: the others still get their forecasts
        for (Pending p : batch) {
          run(List.of(p));
        }
      }
      return;
    }
    SharedEngines.recordEngineCall(System.nanoTime() - start);
    for (int s = 0; s < batch.size(); s++) {
      batch.get(s).result.complete(output[s]);
    }
  }
}
