package io.timerbeam.transforms;

import io.timerbeam.model.output.FailureCodes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/**
 * One seasonal shape at every magnitude from 1e-40 to 1e30, in one batch: each forecast, divided
 * by its magnitude, is the same (RevIN's epsilon would otherwise lift a series below ~1e-4 to
 * ~2e-6); above 1e30 the series fails with its reason.
 */
public class ScaleSweepTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final int HORIZON = 6;
  private static final int[] EXPONENTS = {-40, -30, -20, -12, -8, -4, 0, 4, 8, 12, 20, 30};

  private static String id(int exponent) {
    return "1e" + exponent;
  }

  /** Weekly seasonality around a level of 0.5 (at most 0.67, so 1e30 times it is accepted), times {@code magnitude}. */
  private static double[] shape(double magnitude) {
    double[] v = new double[70];
    for (int i = 0; i < v.length; i++) {
      v[i] = magnitude * (0.5 + 0.15 * Math.sin(2 * Math.PI * i / 7) + 0.01 * (i % 3));
    }
    return v;
  }

  @Test
  public void forecastsRelativeToTheDataAreTheSameAtEveryScale() {
    List<Row> input = new ArrayList<>();
    for (int exponent : EXPONENTS) {
      input.addAll(SeriesRows.daily(id(exponent), shape(Double.parseDouble("1e" + exponent))));
    }
    input.addAll(SeriesRows.daily("1e31", shape(1e31)));
    ForecastResult result = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(TimerForecast.forecasts().withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
            .withHorizon(HORIZON).withModel(ModelFixture.TINY));
    PAssert.that(result.forecasts()).satisfies(rows -> {
      Map<String, double[][]> relative = new HashMap<>();
      List<String> columns = ForecastAssertions.quantileColumns(rows.iterator().next().getSchema());
      for (Row r : rows) {
        String id = r.getString("series");
        double magnitude = Double.parseDouble(id);
        double[][] series = relative.computeIfAbsent(id, k -> new double[columns.size() + 1][HORIZON]);
        int step = r.getInt32(Columns.HORIZON_STEP) - 1;
        series[0][step] = r.getDouble(Columns.FORECAST_VALUE) / magnitude;
        for (int q = 0; q < columns.size(); q++) {
          series[q + 1][step] = r.getDouble(columns.get(q)) / magnitude;
        }
      }
      assertEquals(EXPONENTS.length, relative.size());
      double[][] reference = relative.get(id(0));
      for (int exponent : EXPONENTS) {
        double[][] series = relative.get(id(exponent));
        for (int q = 0; q < reference.length; q++) {
          for (int h = 0; h < HORIZON; h++) {
            assertEquals(id(exponent) + " column " + q + " step " + (h + 1), reference[q][h], series[q][h],
                1e-5 * Math.abs(reference[q][h]));
          }
        }
        assertTrue("a forecast near the data's level of 0.5: " + series[0][0], series[0][0] > 0.15 && series[0][0] < 1.5);
      }
      return null;
    });
    PAssert.that(result.failures()).satisfies(rows -> {
      Row only = rows.iterator().next();
      assertEquals("1e31", only.getString("series"));
      assertEquals(FailureCodes.VALUE_OUT_OF_RANGE, only.getString(Columns.ERROR_CODE));
      assertTrue(only.getString(Columns.ERROR_MESSAGE), only.getString(Columns.ERROR_MESSAGE).contains("exceeds the supported magnitude 1.0E30"));
      return null;
    });
    pipeline.run();
  }
}
