package io.timerbeam.io.jdbc;

import static io.timerbeam.transforms.Columns.CONTEXT_END_TIMESTAMP;
import static io.timerbeam.transforms.Columns.FORECAST_TIMESTAMP;
import static io.timerbeam.transforms.Columns.MODEL_ID;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.ForecastFixtures;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;

public class SqlNamesTest {
  @Test
  public void plainAndSchemaQualifiedNamesAreQuoted() {
    assertEquals("\"forecasts\"", SqlNames.quoteTable("table", "forecasts"));
    assertEquals("\"analytics\".\"forecasts\"", SqlNames.quoteTable("table", "analytics.forecasts"));
  }

  @Test
  public void injectedTableNameIsRejectedBySinks() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SqlForecastSink.of(
                    JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", "jdbc:postgresql://nowhere/db"),
                    "x; DROP TABLE y"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("table 'x; DROP TABLE y'"));
    assertThrows(IllegalArgumentException.class, () -> SqlNames.quoteTable("table", "a.b.c"));
    assertThrows(IllegalArgumentException.class, () -> SqlNames.quoteTable("table", "\"t\""));
  }

  @Test
  public void injectedColumnNameInTheRowSchemaIsRejected() {
    Schema schema =
        Schema.builder()
            .addStringField("id\"); DROP TABLE y; --")
            .addFields(ForecastFixtures.SCHEMA.getFields().subList(2, ForecastFixtures.SCHEMA.getFieldCount()))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SqlForecastTable("forecasts", schema, List.of(schema.getField(0).getName(), CONTEXT_END_TIMESTAMP, FORECAST_TIMESTAMP, MODEL_ID)));
    assertTrue(e.getMessage(), e.getMessage().contains("is not a valid SQL identifier"));
  }

  @Test
  public void sqlStringLiteralsEscapeQuotes() {
    assertEquals("'it''s'", SqlNames.literal("it's"));
  }
}
