package io.timerbeam.io.custom;

import static org.junit.Assert.assertEquals;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ForecastSink;
import io.timerbeam.io.ForecastWriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** A sink written outside {@code io.timerbeam.io}, as a user writes one, and the write's result. */
public class CustomForecastSinkTest {
  /** Each table: its rows by key, as the sink upserts them; static, so the DirectRunner's copies of the DoFn share it. */
  private static final Map<String, Map<List<Object>, Row>> TABLES = new ConcurrentHashMap<>();

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  /** Upserts into an in-memory table when each bundle finishes, as the database sinks commit their batches. */
  private static final class InMemorySink extends ForecastSink {
    private final String table;

    InMemorySink(String table) {
      this.table = table;
    }

    @Override
    public PCollection<Void> write(PCollection<Row> forecasts, List<String> keyColumns) {
      return forecasts.apply("Upsert into " + table, ParDo.of(new UpsertFn(table, keyColumns)));
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      builder.add(DisplayData.item("table", table));
    }
  }

  private static final class UpsertFn extends DoFn<Row, Void> {
    private final String table;
    private final List<String> keyColumns;
    private transient List<Row> bundle;

    UpsertFn(String table, List<String> keyColumns) {
      this.table = table;
      this.keyColumns = keyColumns;
    }

    @StartBundle
    public void startBundle() {
      bundle = new ArrayList<>();
    }

    @ProcessElement
    public void processElement(@Element Row row) {
      bundle.add(row);
    }

    @FinishBundle
    public void finishBundle() {
      Map<List<Object>, Row> rows = TABLES.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
      for (Row row : bundle) {
        List<Object> key = new ArrayList<>();
        keyColumns.forEach(column -> key.add(row.getValue(column)));
        rows.put(key, row);
      }
    }
  }

  @Test
  public void customSinkUpsertsByTheForecastKey() {
    List<Row> rows = ForecastFixtures.rows(5, 4, 0.0);
    ForecastFixtures.write(rows, ForecastFixtures.SCHEMA, new InMemorySink("upserts"));
    ForecastFixtures.write(ForecastFixtures.rows(5, 4, 1.0), ForecastFixtures.SCHEMA, new InMemorySink("upserts"));

    Map<List<Object>, Row> table = TABLES.get("upserts");
    assertEquals(rows.size(), table.size());
    Row first = rows.get(0);
    List<Object> key = new ArrayList<>();
    ForecastFixtures.KEY_COLUMNS.forEach(column -> key.add(first.getValue(column)));
    assertEquals(first.getDouble("forecast_value") + 1.0, table.get(key).getDouble("forecast_value"), 0.0);
  }

  @Test
  public void stepWaitingOnTheWriteResultSeesEveryRowWritten() {
    List<Row> rows = ForecastFixtures.rows(20, 6, 0.0);
    ForecastWriteResult result =
        pipeline
            .apply("Forecasts", Create.of(rows).withRowSchema(ForecastFixtures.SCHEMA))
            .apply(ForecastIO.writeForecasts().to(new InMemorySink("waited-on")));

    PCollection<Integer> rowsSeen =
        pipeline
            .apply("After the write", Create.of("waited-on"))
            .apply(Wait.on(result.written()))
            .apply(
                "Count the table",
                MapElements.into(TypeDescriptors.integers())
                    .via(table -> TABLES.getOrDefault(table, Map.of()).size()));

    PAssert.thatSingleton(rowsSeen).isEqualTo(rows.size());
    pipeline.run().waitUntilFinish();
  }
}
