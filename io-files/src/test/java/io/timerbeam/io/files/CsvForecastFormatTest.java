package io.timerbeam.io.files;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

public class CsvForecastFormatTest {
  private static final Schema SCHEMA = Schema.builder().addStringField("unique_id").addDateTimeField("forecast_timestamp").build();

  private static String line(String isoInstant) {
    long millis = java.time.Instant.parse(isoInstant).toEpochMilli();
    return CsvForecastFormat.line(Row.withSchema(SCHEMA).addValues("a", new Instant(millis)).build());
  }

  @Test
  public void timestampsAreIsoUtcToTheMillisecond() {
    assertEquals("a,2024-03-31T00:00:00.000Z", line("2024-03-31T00:00:00Z"));
    assertEquals("a,9999-12-31T23:59:59.999Z", line("9999-12-31T23:59:59.999Z"));
  }

  /** ISO-8601 writes a year of more than four digits with its sign; without it the file does not read back. */
  @Test
  public void aYearPast9999IsWrittenInTheExpandedFormThatReadsBack() {
    String line = line("+10000-01-01T00:00:00Z");
    assertEquals("a,+10000-01-01T00:00:00.000Z", line);
    assertEquals(java.time.Instant.parse("+10000-01-01T00:00:00Z"), java.time.Instant.parse(line.substring(2)));
  }
}
