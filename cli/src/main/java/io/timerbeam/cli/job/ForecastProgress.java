package io.timerbeam.cli.job;

import io.timerbeam.transforms.TimerMetrics;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;

/**
 * What the forecast job's progress line shows, from the pipeline's counters. The series are known
 * only once they are all read and assembled: the model's step follows a grouping, so it starts only
 * then (batch semantics on every runner here), and until it does the line says so rather than a
 * total that grows. When every series is forecast or failed the outputs are still being written.
 */
final class ForecastProgress {
  private final AtomicReference<PipelineResult> result = new AtomicReference<>();

  /** The running pipeline, once {@code run()} has returned (Flink's batch run returns only at its end). */
  void running(PipelineResult running) {
    result.set(running);
  }

  long total() {
    return counter("series_in");
  }

  long done() {
    return counter("series_forecast") + counter("series_failed");
  }

  /** Null while the model works through the series; else what the job is doing instead. */
  String waiting() {
    if (result.get() == null) {
      return "running (the runner gives no counts until the job ends)";
    }
    long total = total();
    if (counter("model_workers") == 0) {
      return "reading and assembling series: " + total + " so far";
    }
    long done = done();
    return done >= total ? "writing the outputs (" + done + "/" + total + " series forecast or failed)" : null;
  }

  private long counter(String name) {
    PipelineResult r = result.get();
    return r == null ? 0 : TimerMetrics.counter(r, TimerMetrics.FORECAST_NAMESPACE, name);
  }
}
