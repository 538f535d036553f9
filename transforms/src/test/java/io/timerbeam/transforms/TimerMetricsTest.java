package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Test;

public class TimerMetricsTest {
  @Test
  public void aCounterIsSummedOverTheStepsThatReportIt() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    pipeline.apply(Create.of(1, 2, 3))
        .apply("First", MapElements.into(TypeDescriptors.integers()).via(x -> count(x)))
        .apply("Second", MapElements.into(TypeDescriptors.integers()).via(x -> count(x)));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(6, TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "test_elements"));
    assertEquals(0, TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "never_reported"));
  }

  /** The portable runner's result lists each step's counter twice, as attempted only (apache/beam#32001). */
  @Test
  public void aStepListedTwiceCountsOnce() {
    MetricName name = MetricName.named(TimerMetrics.FORECAST_NAMESPACE, "series_in");
    List<MetricResult<Long>> listed = List.of(
        MetricResult.create(MetricKey.create("Gather", name), false, 219L),
        MetricResult.create(MetricKey.create("Gather", name), false, 219L),
        MetricResult.create(MetricKey.create("Other", name), false, 5L),
        MetricResult.create(MetricKey.create("Other", name), false, 5L),
        MetricResult.create(MetricKey.create("Gather", MetricName.named("elsewhere", "series_in")), false, 7L));
    assertEquals(224, TimerMetrics.counter(resultListing(listed), TimerMetrics.FORECAST_NAMESPACE, "series_in"));
    assertEquals(Map.of("series_in", 224L), TimerMetrics.counters(resultListing(listed), TimerMetrics.FORECAST_NAMESPACE));
  }

  private static int count(int x) {
    Metrics.counter(TimerMetrics.FORECAST_NAMESPACE, "test_elements").inc();
    return x;
  }

  /** A finished pipeline's result whose metrics are {@code listed}, filtered by name as runners do. */
  private static PipelineResult resultListing(List<MetricResult<Long>> listed) {
    MetricResults metrics = new MetricResults() {
      @Override
      public MetricQueryResults queryMetrics(MetricsFilter filter) {
        List<MetricResult<Long>> matching = listed.stream()
            .filter(r -> filter.names().stream().anyMatch(n -> matches(n, r.getName())))
            .collect(Collectors.toList());
        return MetricQueryResults.create(matching, List.of(), List.of(), List.of());
      }
    };
    return new PipelineResult() {
      @Override
      public State getState() {
        return State.DONE;
      }

      @Override
      public State cancel() {
        return State.DONE;
      }

      @Override
      public State waitUntilFinish(Duration duration) {
        return State.DONE;
      }

      @Override
      public State waitUntilFinish() {
        return State.DONE;
      }

      @Override
      public MetricResults metrics() {
        return metrics;
      }
    };
  }

  private static boolean matches(MetricNameFilter filter, MetricName name) {
    return filter.getNamespace().equals(name.getNamespace()) && (filter.getName() == null || filter.getName().equals(name.getName()));
  }
}
