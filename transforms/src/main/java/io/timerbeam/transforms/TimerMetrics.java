package io.timerbeam.transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The transforms' metric namespaces (README-transforms "Metrics"), and their counters read back
 * from a pipeline's result.
 */
public final class TimerMetrics {
  /** {@link TimerForecast}'s, {@link TimerBacktest}'s and the forecasts behind {@link TimerAnomalies}. */
  public static final String FORECAST_NAMESPACE = "timer_forecast";
  /** {@link TimerAnomalies}' target points, windows and anomalies. */
  public static final String ANOMALY_NAMESPACE = "timer_anomalies";

  private TimerMetrics() {}

  /**
   * A counter of {@code result}, summed over the steps that report it: the committed value where
   * the runner has one, else the attempted one; 0 before any step reported it. Each step counts
   * once: the portable runner's result lists every metric twice (apache/beam#32001).
   */
  public static long counter(PipelineResult result, String namespace, String name) {
    return counters(result, MetricNameFilter.named(namespace, name)).getOrDefault(name, 0L);
  }

  /**
   * Every counter of {@code namespace} in {@code result} by name, each summed as {@link #counter} sums
   * it (e.g. the per-reason {@code series_failed_<code>} counters, whose names are not known ahead).
   */
  public static Map<String, Long> counters(PipelineResult result, String namespace) {
    return counters(result, MetricNameFilter.inNamespace(namespace));
  }

  private static Map<String, Long> counters(PipelineResult result, MetricNameFilter filter) {
    Map<MetricKey, Long> byStep = new HashMap<>();
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder().addNameFilter(filter).build()).getCounters()) {
      byStep.merge(c.getKey(), value(c), Math::max);
    }
    Map<String, Long> byName = new TreeMap<>();
    byStep.forEach((key, value) -> byName.merge(key.metricName().getName(), value, Long::sum));
    return byName;
  }

  private static long value(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }
}
