package io.timerbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * Forecasts one batch of series (one element) with the JVM's shared engine and hands each
 * series' head output to its {@link HeadOutputs} (forecast rows or backtest scores). If the engine
 * fails on a batch, or a series' forecast is not finite, the series goes to the failures.
 */
final class ForecastFn extends DoFn<Iterable<SeriesContext>, Row> {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final int horizon;
  private final HeadOutputs outputs;

  private transient ModelHolder holder;
  private transient BufferAllocator allocator;
  private transient boolean countedAsWorker;

  ForecastFn(ModelSpec spec, int horizon, HeadOutputs outputs) {
    this.spec = spec;
    this.horizon = horizon;
    this.outputs = outputs;
  }

  @Setup
  public void setup() {
    holder = ModelHolder.forSpec(spec);
    allocator = new RootAllocator();
  }

  @ProcessElement
  public void process(@Element Iterable<SeriesContext> batchElement, MultiOutputReceiver out) {
    if (!countedAsWorker) {
      countedAsWorker = true;
      ForecastMetrics.modelWorkers.inc();
    }
    // The engine's own rules (e.g. Timer-XL's one whole patch) fail a series, not its batch.
    List<SeriesContext> batch = new ArrayList<>();
    for (SeriesContext series : batchElement) {
      String problem = holder.model().contextProblem(series.values());
      if (problem == null) {
        batch.add(series);
      } else {
        fail(List.of(series), new SeriesRejection(SeriesRejection.INVALID_VALUES, problem), out);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    float[][][] output;
    String modelId;
    try (ArrowContextBatch arrow = ArrowContextBatch.of(allocator, batch, holder.model().patchLength())) {
      long[] engineNanos = new long[1];
      output = holder.withModel(model -> {
        long start = System.nanoTime(); // on the engine thread: waiting for a turn is not inference
        float[][][] result = model.forecast(arrow.engineView(), horizon);
        engineNanos[0] = System.nanoTime() - start;
        return result;
      });
      ForecastMetrics.inferenceMillis.update(engineNanos[0] / 1_000_000);
      ForecastMetrics.batches.inc();
      ForecastMetrics.batchSize.update(batch.size());
      ForecastMetrics.batchTokens.update(arrow.totalTokens());
      ForecastMetrics.paddingPermille.update(1000 * arrow.paddedTokens() / arrow.totalTokens());
      modelId = spec.modelId() != null ? spec.modelId() : holder.model().modelId();
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        fail(batch, new SeriesRejection(SeriesRejection.MODEL_ERROR, String.valueOf(e)), out);
      } else { // find the series at fault: the others still get their forecasts
        for (SeriesContext series : batch) {
          process(List.of(series), out);
        }
      }
      return;
    }
    if (holder.claimLoadReport()) {
      ForecastMetrics.modelLoadMillis.update(holder.loadMillis());
    }
    for (int s = 0; s < batch.size(); s++) {
      SeriesContext series = batch.get(s);
      String nonFinite = nonFinite(output[s]);
      if (nonFinite != null) {
        fail(List.of(series), new SeriesRejection(SeriesRejection.NON_FINITE_FORECAST, nonFinite), out);
        continue;
      }
      ForecastMetrics.seriesForecast.inc();
      outputs.forecast(series, output[s], modelId, out);
    }
  }

  @Teardown
  public void teardown() {
    if (allocator != null) {
      allocator.close();
    }
  }

  private void fail(List<SeriesContext> series, SeriesRejection rejection, MultiOutputReceiver out) {
    for (SeriesContext s : series) {
      ForecastMetrics.failed(rejection.code());
      outputs.failure(s, rejection, out);
    }
  }

  /** Where the head output [row][step] is not finite, or null if it all is. */
  private static String nonFinite(float[][] output) {
    for (int r = 0; r < output.length; r++) {
      for (int h = 0; h < output[r].length; h++) {
        if (!Float.isFinite(output[r][h])) {
          return "the model gave " + output[r][h] + " at output " + r + ", step " + (h + 1);
        }
      }
    }
    return null;
  }
}
