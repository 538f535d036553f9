package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.model.output.EngineScale;
import io.timerbeam.model.SeriesCheck;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.util.concurrent.Uninterruptibles;
import org.joda.time.Instant;

/**
 * Forecasts one batch of series (one element) with the JVM's shared engine and hands each
 * series' head output to its {@link HeadOutputs} (forecast rows or backtest scores). If the engine
 * fails on a batch, or a series' forecast is not finite, the series goes to the failures. Up to
 * one batch per engine thread is in the engine at once; a bundle's last ones are emitted when it
 * finishes.
 */
final class ForecastFn extends DoFn<Iterable<AssembledContext>, Row> {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final HeadOutputs outputs;

  private transient ModelHolder holder;
  private transient BufferAllocator allocator;
  private transient boolean countedAsWorker;
  /** Batches handed to the engine and not yet emitted, oldest first: at most one per engine thread. */
  private transient ArrayDeque<EngineCall> inFlight;

  ForecastFn(ModelSpec spec, HeadOutputs outputs) {
    this.spec = spec;
    this.outputs = outputs;
  }

  @Setup
  public void setup() {
    holder = ModelHolder.forSpec(spec);
    allocator = new RootAllocator();
  }

  @StartBundle
  public void startBundle() {
    inFlight = new ArrayDeque<>();
  }

  @ProcessElement
  public void process(@Element Iterable<AssembledContext> batchElement, @Timestamp Instant timestamp, MultiOutputReceiver out) {
    if (!countedAsWorker) {
      countedAsWorker = true;
      ForecastMetrics.modelWorkers.inc();
    }
    // The engine's own rules (e.g. Timer-XL's one whole patch) fail a series, not its batch.
    List<AssembledContext> batch = new ArrayList<>();
    for (AssembledContext series : batchElement) {
      String problem = holder.model().contextProblem(series.values());
      if (problem == null) {
        batch.add(series);
      } else {
        // Values the engine cannot take, else a context too short for it (Timer-XL reads whole patches).
        String code = SeriesCheck.problem(series.values()) != null ? FailureCodes.INVALID_VALUES : FailureCodes.TOO_FEW_OBSERVATIONS;
        fail(List.of(series), new SeriesRejection(code, problem), out);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    inFlight.add(start(batch, timestamp));
    // One instance may keep every engine thread of its JVM busy: when the runner hands one
    // instance more batches than another (random keys), all the JVM's engine threads still run.
    while (inFlight.size() >= spec.callersOnThisWorker()) {
      finish(inFlight.poll(), out);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    while (!inFlight.isEmpty()) {
      EngineCall call = inFlight.poll();
      finish(call, new BundleEndOutputs(context, call.timestamp));
    }
  }

  /**
   * Forecasts {@code contexts} outside a pipeline, {@code batchSize} per engine call, as one bundle
   * of this step: for callers that see one series at a time ({@link OneSeriesEvaluator}, {@link OneSeriesDetector}).
   */
  void forecastAll(List<AssembledContext> contexts, int batchSize, MultiOutputReceiver out) {
    setup();
    try {
      startBundle();
      for (int i = 0; i < contexts.size(); i += batchSize) {
        process(contexts.subList(i, Math.min(contexts.size(), i + batchSize)), BoundedWindow.TIMESTAMP_MIN_VALUE, out);
      }
      finishAll(out);
    } finally {
      teardown();
    }
  }

  /** Emits what is still in the engine to {@code out}: for a caller outside a pipeline. */
  void finishAll(MultiOutputReceiver out) {
    while (!inFlight.isEmpty()) {
      finish(inFlight.poll(), out);
    }
  }

  @Teardown
  public void teardown() {
    if (inFlight != null) { // a failed bundle's calls: their results are not wanted
      for (EngineCall call : inFlight) {
        // Waited for, not cancelled: a cancelled call that is already running still reads its
        // Arrow buffers on the engine thread, and they must outlive it.
        try {
          Uninterruptibles.getUninterruptibly(call.result);
        } catch (ExecutionException e) {
          // the bundle failed already; the call's Arrow buffers are freed either way
        }
        call.arrow.close();
      }
      inFlight = null;
    }
    if (allocator != null) {
      allocator.close();
    }
  }

  /** The steps the batch's series were assembled for; one engine call forecasts one horizon. */
  static int horizonOf(List<AssembledContext> batch) {
    int horizon = batch.get(0).horizon();
    for (AssembledContext series : batch) {
      if (series.horizon() != horizon) {
        throw new IllegalStateException("one batch mixes horizons: series " + batch.get(0).id() + " has " + horizon
            + " steps, series " + series.id() + " " + series.horizon());
      }
    }
    return horizon;
  }

  /** Hands {@code batch} to an engine thread; its Arrow buffers live until {@link #finish}. */
  private EngineCall start(List<AssembledContext> batch, Instant timestamp) {
    int horizon = horizonOf(batch);
    ArrowContextBatch arrow = ArrowContextBatch.of(allocator, batch, holder.model().patchLength());
    Future<TimedForecast> result = holder.submit(model -> {
      long start = System.nanoTime(); // on the engine thread: waiting for a turn is not inference
      float[][][] output = model.forecast(arrow.engineView(), horizon);
      return new TimedForecast(output, System.nanoTime() - start);
    });
    return new EngineCall(batch, arrow, result, timestamp);
  }

  /** Waits for {@code call} and emits its series' outputs, on the DoFn's thread (metrics are bound to it). */
  private void finish(EngineCall call, MultiOutputReceiver out) {
    TimedForecast forecast;
    try (ArrowContextBatch arrow = call.arrow) {
      forecast = ModelHolder.await(call.result);
      ForecastMetrics.inferenceMillis.update(forecast.nanos / 1_000_000);
      ForecastMetrics.batches.inc();
      ForecastMetrics.batchSize.update(call.batch.size());
      ForecastMetrics.batchTokens.update(arrow.totalTokens());
      ForecastMetrics.paddingPermille.update(1000 * arrow.paddedTokens() / arrow.totalTokens());
    } catch (RuntimeException e) {
      if (call.batch.size() == 1) {
        fail(call.batch, new SeriesRejection(FailureCodes.MODEL_ERROR, String.valueOf(e)), out);
      } else { // find the series at fault: the others still get their forecasts
        for (AssembledContext series : call.batch) {
          finish(start(List.of(series), call.timestamp), out);
        }
      }
      return;
    }
    if (holder.claimLoadReport()) {
      ForecastMetrics.modelLoadMillis.update(holder.loadMillis());
    }
    String modelId = spec.outputModelId(holder.model()::modelId);
    for (int s = 0; s < call.batch.size(); s++) {
      AssembledContext series = call.batch.get(s);
      String nonFinite = EngineScale.nonFinite(forecast.output[s]);
      if (nonFinite != null) {
        fail(List.of(series), new SeriesRejection(FailureCodes.NON_FINITE_FORECAST, nonFinite), out);
        continue;
      }
      ForecastMetrics.seriesForecast.inc();
      outputs.forecast(series, series.inDataUnits(forecast.output[s]), modelId, out);
    }
  }

  /** A batch on its way through the engine. */
  private static final class EngineCall {
    final List<AssembledContext> batch;
    final ArrowContextBatch arrow;
    final Future<TimedForecast> result;
    final Instant timestamp;

    EngineCall(List<AssembledContext> batch, ArrowContextBatch arrow, Future<TimedForecast> result, Instant timestamp) {
      this.batch = batch;
      this.arrow = arrow;
      this.result = result;
      this.timestamp = timestamp;
    }
  }

  /** The engine's output [series][row][step] and the nanoseconds the engine took for it. */
  private static final class TimedForecast {
    final float[][][] output;
    final long nanos;

    TimedForecast(float[][][] output, long nanos) {
      this.output = output;
      this.nanos = nanos;
    }
  }

  private void fail(List<AssembledContext> series, SeriesRejection rejection, MultiOutputReceiver out) {
    for (AssembledContext s : series) {
      ForecastMetrics.failed(rejection.code());
      outputs.failure(s, rejection, out);
    }
  }
}
