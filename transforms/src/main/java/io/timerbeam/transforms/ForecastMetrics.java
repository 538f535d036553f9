package io.timerbeam.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/** Every metric of the transform, under one namespace. */
final class ForecastMetrics {
  static final String NAMESPACE = TimerMetrics.FORECAST_NAMESPACE;
  static final String SERIES_IN = "series_in";
  static final String SERIES_FORECAST = "series_forecast";
  static final String SERIES_FAILED = "series_failed";
  /** Prefix of the per-reason failure counters, e.g. series_failed_off_grid. */
  static final String SERIES_FAILED_PREFIX = "series_failed_";
  static final String BATCHES = "batches";
  static final String BATCH_SIZE = "batch_size";
  static final String BATCH_TOKENS = "batch_tokens";
  /** Share of padded token slots in a batch, in thousandths (distributions hold longs). */
  static final String PADDING_PERMILLE = "padding_permille";
  /** Model DoFn instances that ran at least one batch: how many workers the runner used. */
  static final String MODEL_WORKERS = "model_workers";
  static final String MODEL_LOAD_MILLIS = "model_load_millis";
  static final String INFERENCE_MILLIS = "inference_millis";

  static final Counter seriesIn = Metrics.counter(NAMESPACE, SERIES_IN);
  static final Counter seriesForecast = Metrics.counter(NAMESPACE, SERIES_FORECAST);
  static final Counter seriesFailed = Metrics.counter(NAMESPACE, SERIES_FAILED);
  static final Counter batches = Metrics.counter(NAMESPACE, BATCHES);
  static final Distribution batchSize = Metrics.distribution(NAMESPACE, BATCH_SIZE);
  static final Distribution batchTokens = Metrics.distribution(NAMESPACE, BATCH_TOKENS);
  static final Distribution paddingPermille = Metrics.distribution(NAMESPACE, PADDING_PERMILLE);
  static final Counter modelWorkers = Metrics.counter(NAMESPACE, MODEL_WORKERS);
  static final Distribution modelLoadMillis = Metrics.distribution(NAMESPACE, MODEL_LOAD_MILLIS);
  static final Distribution inferenceMillis = Metrics.distribution(NAMESPACE, INFERENCE_MILLIS);

  private ForecastMetrics() {}

  static void failed(String code) {
    seriesFailed.inc();
    Metrics.counter(NAMESPACE, SERIES_FAILED_PREFIX + code).inc();
  }
}
