package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/** Bad options fail when the pipeline is built, naming the option. */
public class TimerForecastOptionsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private static void assertNames(String option, ThrowingRunnable r) {
    RuntimeException e = assertThrows(RuntimeException.class, r);
    assertTrue(e.getMessage(), e.getMessage().contains(option));
  }

  private PCollection<Row> input() {
    return pipeline.apply(Create.empty(SeriesRows.SCHEMA));
  }

  private static TimerForecast.Forecasts complete() {
    return TimerForecast.forecasts().withIdColumns("series").withTimestampColumn("ts")
        .withValueColumn("value").withHorizon(3).withModel(ModelFixture.TINY);
  }

  /** The deprecated name still builds the same transform, defaults and options alike. */
  @Test
  @SuppressWarnings("deprecation")
  public void quantilesIsForecasts() {
    assertEquals(TimerForecast.forecasts(), TimerForecast.quantiles());
    assertEquals(complete(), TimerForecast.quantiles().withIdColumns("series").withTimestampColumn("ts")
        .withValueColumn("value").withHorizon(3).withModel(ModelFixture.TINY));
  }

  @Test
  public void invalidValuesNameTheirOption() {
    assertNames("withHorizon", () -> TimerForecast.forecasts().withHorizon(0));
    assertNames("withContextLength", () -> TimerForecast.forecasts().withContextLength(-1));
    assertNames("withConfidenceLevel", () -> TimerForecast.forecasts().withConfidenceLevel(1));
    assertNames("withIdColumns", () -> TimerForecast.forecasts().withIdColumns());
    assertNames("withBatchSize", () -> TimerForecast.forecasts().withBatchSize(0));
    assertNames("ModelSpec.withThreads", () -> ModelFixture.TINY.withThreads(0));
    assertNames("ModelSpec.withCompute", () -> ModelFixture.TINY.withCompute(null));
  }

  @Test
  public void missingRequiredOptionsAreNamed() {
    assertNames("withHorizon", () -> input().apply(TimerForecast.forecasts().withIdColumns("series")
        .withTimestampColumn("ts").withValueColumn("value").withModel(ModelFixture.TINY)));
    assertNames("withModel", () -> input().apply(TimerForecast.forecasts().withIdColumns("series")
        .withTimestampColumn("ts").withValueColumn("value").withHorizon(2)));
  }

  @Test
  public void columnsAreCheckedAgainstTheSchema() {
    assertNames("withValueColumn", () -> input().apply(complete().withValueColumn("nope")));
    assertNames("withTimestampColumn", () -> input().apply(complete().withTimestampColumn("value")));
    Schema doubles = Schema.builder().addDoubleField("x").addDateTimeField("ts").addDoubleField("value").build();
    assertNames("withIdColumns", () -> pipeline.apply(Create.empty(doubles)).apply(complete().withIdColumns("x")));
    assertNames("withModel", () -> input().apply(complete().withModel(ModelSpec.of("/no/such/checkpoint"))));
    assertNames("withConfidenceLevel", () -> input().apply(complete().withConfidenceLevel(0.5)));
    assertNames("withLevels(0.95): the 95% interval", () -> input().apply(complete().withLevels(0.8, 0.95)));
    assertNames("withLevels", () -> TimerForecast.forecasts().withLevels(0.8, 0.8));
  }
}
