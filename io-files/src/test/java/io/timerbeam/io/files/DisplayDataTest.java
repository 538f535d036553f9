package io.timerbeam.io.files;

import static org.junit.Assert.assertEquals;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationSource;
import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.jdbc.JdbcObservationSource;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.junit.Test;

/** What a runner's UI shows for reads and writes: the options and where the data comes from or goes. */
public class DisplayDataTest {
  private static Map<String, String> items(HasDisplayData component) {
    Map<String, String> out = new TreeMap<>();
    for (DisplayData.Item item : DisplayData.from(component).items()) {
      String path = String.join("/", item.getPath().getComponents());
      out.put(path.isEmpty() ? item.getKey() : "[" + path + "]" + item.getKey(), String.valueOf(item.getValue()));
    }
    return out;
  }

  @Test
  public void csvReadShowsColumnsAndFiles() {
    Map<String, String> items = items(ForecastIO.readObservations()
        .from(ObservationSource.csv("/data/*.csv"))
        .withIdColumns("unique_id")
        .withTimestampColumn("ds")
        .withValueColumn("y"));
    assertEquals("unique_id", items.get("idColumns"));
    assertEquals("ds", items.get("timestampColumn"));
    assertEquals("y", items.get("valueColumn"));
    assertEquals("false", items.get("wide"));
    assertEquals("csv", items.get("[source]format"));
    assertEquals("/data/*.csv", items.get("[source]filePattern"));
  }

  @Test
  public void partitionedJdbcReadShowsTheDatabaseAndPartitions() {
    JdbcIO.DataSourceConfiguration db = JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", "jdbc:postgresql://db/sales");
    Map<String, String> items = items(ForecastIO.readObservations()
        .from(JdbcObservationSource.ofTable(db, "obs").withPartitions(4).withPartitionColumn("ds"))
        .withIdColumns("id"));
    assertEquals("jdbc:postgresql://db/sales", items.get("[source/database]jdbcUrl"));
    assertEquals("SELECT * FROM \"obs\"", items.get("[source]query"));
    assertEquals("4", items.get("[source]partitions"));
    assertEquals("ds", items.get("[source]partitionColumn"));
  }

  @Test
  public void writeShowsTheSinkAndKeys() {
    Map<String, String> duck = items(ForecastIO.writeForecasts().withIdColumns("id").to(DuckDb.sink("/out/f.duckdb", "forecasts")));
    assertEquals("id", duck.get("idColumns"));
    assertEquals("forecasts", duck.get("[sink]table"));
    assertEquals("jdbc:duckdb:/out/f.duckdb", duck.get("[sink/database]jdbcUrl"));
    Map<String, String> csv = items(ForecastIO.writeForecasts().withIdColumns("id").to(FileForecastSink.ofCsv("/out/forecasts")));
    assertEquals("csv", csv.get("[sink]format"));
    assertEquals("/out/forecasts", csv.get("[sink]outputPrefix"));
  }
}
