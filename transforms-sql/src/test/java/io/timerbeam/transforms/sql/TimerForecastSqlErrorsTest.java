package io.timerbeam.transforms.sql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

/** Bad arguments: a clear error when the pipeline is built or run, or a row of the failure statement. */
public class TimerForecastSqlErrorsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private PCollection<Row> points(List<Row> rows) {
    return pipeline.apply(Create.of(rows).withRowSchema(SqlPoints.SCHEMA));
  }

  private static SqlTransform sql(String statement) {
    return TimerForecastSql.register(SqlTransform.query(statement), SqlPoints.options());
  }

  @Test
  public void negativeHorizonFailsTheQueryNamingTheArgument() {
    points(SqlPoints.daily("s", SqlPoints.wave(30, 1), -3)).apply(sql(SqlPoints.forecastStatement()));
    RuntimeException error = assertThrows(RuntimeException.class, () -> pipeline.run().waitUntilFinish());
    assertThat(messages(error), containsString("horizon must be a positive integer, got -3"));
  }

  @Test
  public void booleanValueIsRejectedWhenThePipelineIsBuilt() {
    String statement = SqlPoints.forecastStatement().replace("TIMER_POINT(ts, `value`,", "TIMER_POINT(ts, `value` > 0,");
    PCollection<Row> input = points(SqlPoints.daily("s", SqlPoints.wave(30, 1), 5));
    RuntimeException error = assertThrows(RuntimeException.class, () -> input.apply(sql(statement)));
    assertThat(messages(error), containsString("Cannot cast \"boolean\" to \"double\""));
  }

  /** Calcite casts the DOUBLE to a TIMESTAMP (milliseconds): the points collide and the series fails. */
  @Test
  public void numberAsTimestampLandsInTheFailureStatement() {
    String statement = SqlPoints.failureStatement().replace("TIMER_POINT(ts,", "TIMER_POINT(`value`,");
    PAssert.that(points(SqlPoints.daily("s", SqlPoints.wave(30, 1), 5)).apply(sql(statement))).satisfies(failures -> {
      List<Row> all = new ArrayList<>();
      failures.forEach(all::add);
      assertEquals(1, all.size());
      assertTrue(all.get(0).getString("error"), all.get(0).getString("error").startsWith("duplicate_timestamp: "));
      return null;
    });
    pipeline.run();
  }

  @Test
  public void groupWithNoObservationsHasNoStepsAndAFailureRow() {
    double[] missing = new double[20];
    Arrays.fill(missing, Double.NaN);
    List<Row> rows = new ArrayList<>(SqlPoints.daily("observed", SqlPoints.wave(30, 1), 5));
    rows.addAll(SqlPoints.daily("unobserved", missing, 5));
    PCollection<Row> input = points(rows);
    PAssert.that(input.apply("Forecast", sql(SqlPoints.forecastStatement()))).satisfies(steps -> {
      Set<String> series = new TreeSet<>();
      steps.forEach(r -> series.add(r.getString("series")));
      assertEquals(Set.of("observed"), series);
      return null;
    });
    PAssert.that(input.apply("Failures", sql(SqlPoints.failureStatement()))).satisfies(failures -> {
      List<Row> all = new ArrayList<>();
      failures.forEach(all::add);
      assertEquals(1, all.size());
      assertEquals("unobserved", all.get(0).getString("series"));
      assertTrue(all.get(0).getString("error"), all.get(0).getString("error").startsWith("invalid_values: "));
      return null;
    });
    pipeline.run();
  }

  /** The messages of an exception and its causes, which wrap the one that matters. */
  private static String messages(Throwable error) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
