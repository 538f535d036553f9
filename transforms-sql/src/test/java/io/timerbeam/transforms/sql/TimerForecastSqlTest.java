package io.timerbeam.transforms.sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.transforms.ForecastResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The README's statement through SqlTransform on the DirectRunner, against the golden forecasts and the transform. */
public class TimerForecastSqlTest {
  private static final List<String> QUANTILES = List.of("q10", "q20", "q30", "q40", "q50", "q60", "q70", "q80", "q90");

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temporary = new TemporaryFolder();

  @Test
  public void documentedStatementGivesTheGoldenForecasts() {
    List<Row> input = new ArrayList<>();
    HashMap<String, double[][]> golden = new HashMap<>();
    for (Golden.Case c : Golden.cases(Fixtures.TINY)) {
      input.addAll(SqlPoints.daily(c.name, c.context, c.horizon));
      golden.put(c.name, c.forecast);
    }
    PCollection<Row> forecasts = pipeline.apply(Create.of(input).withRowSchema(SqlPoints.SCHEMA))
        .apply(TimerForecastSql.register(SqlTransform.query(SqlPoints.forecastStatement()),
            SqlPoints.options().withRawQuantiles().withMinObservations(1)));
    PAssert.that(forecasts).satisfies(rows -> {
      Map<String, TreeMap<Integer, Row>> bySeries = SqlPoints.bySeriesAndStep(rows);
      assertEquals(golden.keySet(), bySeries.keySet());
      golden.forEach((series, expected) -> {
        TreeMap<Integer, Row> steps = bySeries.get(series);
        assertEquals(series + " steps", expected[0].length, steps.size());
        assertEquals(series + " steps run 1..H", expected[0].length, (int) steps.lastKey());
        float[][] actual = new float[QUANTILES.size()][steps.size()];
        steps.forEach((step, r) -> {
          for (int q = 0; q < QUANTILES.size(); q++) {
            actual[q][step - 1] = r.getDouble(QUANTILES.get(q)).floatValue();
          }
        });
        double error = Golden.relativeError(actual, expected);
        assertTrue(series + " relative error " + error, error <= Golden.TOLERANCE);
      });
      return null;
    });
    pipeline.run();
  }

  /** Also through CREATE FUNCTION ... USING JAR, which builds the functions from the UdfProvider. */
  @Test
  public void documentedStatementMatchesTheTransformColumnForColumn() throws IOException {
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      input.addAll(SqlPoints.daily("s" + s, SqlPoints.wave(20 + 45 * s, s), 12));
    }
    PCollection<Row> points = pipeline.apply(Create.of(input).withRowSchema(SqlPoints.SCHEMA));
    PCollection<Row> registered = points.apply("Registered",
        TimerForecastSql.register(SqlTransform.query(SqlPoints.forecastStatement()), SqlPoints.options()));
    System.setProperty(TimerForecastUdfProvider.MODEL_PROPERTY, SqlPoints.TINY.checkpointPath());
    PCollection<Row> fromJar = points.apply("From jar",
        SqlPoints.createFunctions(SqlTransform.query(SqlPoints.forecastStatement()),
            SqlPoints.providerJar(temporary), TimerForecastSql.FORECAST));
    ForecastResult transform = points.apply(SqlPoints.options()
        .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value").withHorizon(12));
    PCollection<KV<String, Iterable<Row>>> variants = PCollectionList
        .of(byStep("registered", registered)).and(byStep("jar", fromJar)).and(byStep("transform", transform.forecasts()))
        .apply(Flatten.pCollections())
        .apply(GroupByKey.create());
    PAssert.that(variants).satisfies(groups -> {
      int steps = 0;
      for (KV<String, Iterable<Row>> group : groups) {
        List<Row> all = new ArrayList<>();
        group.getValue().forEach(all::add);
        assertEquals(group.getKey() + " from each variant", 3, all.size());
        assertSameStep(group.getKey(), all.get(0), all.get(1));
        assertSameStep(group.getKey(), all.get(0), all.get(2));
        steps++;
      }
      assertEquals(4 * 12, steps);
      return null;
    });
    pipeline.run();
  }

  private static PCollection<KV<String, Row>> byStep(String name, PCollection<Row> rows) {
    return rows.apply("Key " + name, MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
        .via(r -> KV.of(r.getString("series") + "|" + r.getInt32("horizon_step"), r)))
        .setCoder(org.apache.beam.sdk.coders.KvCoder.of(
            org.apache.beam.sdk.coders.StringUtf8Coder.of(), org.apache.beam.sdk.coders.SerializableCoder.of(Row.class)));
  }

  /** Times exactly; numbers to the golden tolerance (one series per engine call vs. batches). */
  private static void assertSameStep(String step, Row a, Row b) {
    for (String time : List.of("forecast_timestamp", "context_end_timestamp")) {
      assertEquals(step + " " + time, a.getDateTime(time).getMillis(), b.getDateTime(time).getMillis());
    }
    List<String> numbers = new ArrayList<>(QUANTILES);
    numbers.addAll(List.of("forecast_value", "prediction_interval_lower_bound", "prediction_interval_upper_bound",
        "confidence_level"));
    for (String column : numbers) {
      double x = a.getDouble(column);
      double y = b.getDouble(column);
      assertTrue(step + " " + column + ": " + x + " vs " + y,
          Golden.relativeError(new float[][] {{(float) x}}, new double[][] {{y}}) <= Golden.TOLERANCE);
    }
  }
}
