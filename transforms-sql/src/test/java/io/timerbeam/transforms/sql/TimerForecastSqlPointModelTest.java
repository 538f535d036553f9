package io.timerbeam.transforms.sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.transforms.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/**
 * A point forecaster (Timer-XL) through README-sql.md's point statement: the same step layout,
 * position 3 the point forecast, positions 4-6 (the interval) NaN, no quantile positions.
 */
public class TimerForecastSqlPointModelTest {
  private static final ModelSpec TIMER_XL = ModelSpec.of(Fixtures.timerXl(Fixtures.TINY).toString()).withThreads(2);

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void pointStatementGivesTheTimerXlGoldenForecasts() {
    List<Row> input = new ArrayList<>();
    HashMap<String, double[][]> golden = new HashMap<>();
    for (Golden.Case c : Golden.cases(Fixtures.timerXl(Fixtures.TINY))) {
      input.addAll(SqlPoints.daily(c.name, c.context, c.horizon));
      golden.put(c.name, c.forecast);
    }
    PCollection<Row> forecasts = pipeline.apply(Create.of(input).withRowSchema(SqlPoints.SCHEMA))
        .apply(TimerForecastSql.register(SqlTransform.query(SqlPoints.pointForecastStatement()),
            SqlPoints.options().withModel(TIMER_XL).withMinObservations(1)));
    PAssert.that(forecasts).satisfies(rows -> {
      Map<String, TreeMap<Integer, Row>> bySeries = SqlPoints.bySeriesAndStep(rows);
      assertEquals(golden.keySet(), bySeries.keySet());
      golden.forEach((series, expected) -> {
        TreeMap<Integer, Row> steps = bySeries.get(series);
        assertEquals(series + " steps", expected[0].length, steps.size());
        float[][] actual = new float[1][steps.size()];
        steps.forEach((step, r) -> {
          actual[0][step - 1] = r.getDouble("forecast_value").floatValue();
          for (String interval : List.of("prediction_interval_lower_bound", "prediction_interval_upper_bound", "confidence_level")) {
            assertTrue(series + " step " + step + " " + interval + " is NaN, was " + r.getDouble(interval),
                Double.isNaN(r.getDouble(interval)));
          }
        });
        double error = Golden.relativeError(actual, expected);
        assertTrue(series + " relative error " + error, error <= Golden.TOLERANCE);
      });
      return null;
    });
    pipeline.run();
  }
}
