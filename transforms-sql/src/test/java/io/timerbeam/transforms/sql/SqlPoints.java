package io.timerbeam.transforms.sql;

import io.timerbeam.model.Fixtures;
import io.timerbeam.transforms.ModelSpec;
import io.timerbeam.transforms.TimerForecast;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.extensions.sql.udf.UdfProvider;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.rules.TemporaryFolder;

/** Input rows (series, ts, value, horizon), the tiny checkpoint and the README's statement. */
final class SqlPoints {
  static final Schema SCHEMA = Schema.builder()
      .addStringField("series")
      .addNullableField("ts", FieldType.DATETIME)
      .addNullableField("value", FieldType.DOUBLE)
      .addInt32Field("horizon")
      .build();
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  /** The same spec as the transforms tests' fixture, so the JVM's engine is shared. */
  static final ModelSpec TINY = ModelSpec.of(Fixtures.checkpoint(Fixtures.TINY).toString()).withThreads(2);

  private SqlPoints() {}

  static TimerForecast.Forecasts options() {
    return TimerForecast.forecasts().withModel(TINY);
  }

  /** One row per point, daily from {@link #START}; NaN becomes a null value. */
  static List<Row> daily(String series, double[] values, int horizon) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(Row.withSchema(SCHEMA).addValues(series, START.plus(Duration.standardDays(i)),
          Double.isNaN(values[i]) ? null : values[i], horizon).build());
    }
    return rows;
  }

  static double[] wave(int length, int seed) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = 10 + seed + 3 * Math.sin(i * 0.3 + seed) + 0.5 * Math.cos(i * 1.7 * (seed % 5 + 1));
    }
    return v;
  }

  /** README-sql.md's forecast statement (its first sql block): the tests run what the README shows. */
  static String forecastStatement() {
    return readmeSqlBlock(0);
  }

  /** README-sql.md's statement for a point forecaster (its fourth sql block, after the DDL). */
  static String pointForecastStatement() {
    return readmeSqlBlock(3);
  }

  /** README-sql.md's failure statement (its second sql block). */
  static String failureStatement() {
    return readmeSqlBlock(1);
  }

  /** README-sql.md's evaluation statement (its fifth sql block). */
  static String evaluateStatement() {
    return readmeSqlBlock(4);
  }

  /** README-sql.md's anomaly detection statement (its sixth sql block). */
  static String detectStatement() {
    return readmeSqlBlock(5);
  }

  /**
   * Creates TIMER_POINT, TIMER_TIMESTAMP and {@code aggregate} by DDL from {@code jar}, as
   * README-sql.md shows for {@code CREATE FUNCTION ... USING JAR}.
   */
  static SqlTransform createFunctions(SqlTransform sql, String jar, String aggregate) {
    return sql
        .withDdlString("CREATE FUNCTION " + TimerForecastSql.POINT + " USING JAR '" + jar + "'")
        .withDdlString("CREATE FUNCTION " + TimerForecastSql.TIMESTAMP + " USING JAR '" + jar + "'")
        .withDdlString("CREATE AGGREGATE FUNCTION " + aggregate + " USING JAR '" + jar + "'");
  }

  /** A jar naming the provider; its classes come from the test class path, as Beam's loader delegates there first. */
  static String providerJar(TemporaryFolder temporary) throws IOException {
    File jar = temporary.newFile("timer-forecast-udf.jar");
    try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/" + UdfProvider.class.getName()));
      out.write(TimerForecastUdfProvider.class.getName().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar.getAbsolutePath();
  }

  private static String readmeSqlBlock(int index) {
    String readme;
    try {
      readme = Files.readString(Paths.get("README-sql.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = -1;
    for (int i = 0; i <= index; i++) {
      start = readme.indexOf("```sql\n", start + 1);
    }
    start += "```sql\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  /** Forecast rows by their {@code series}, each series' rows by {@code horizon_step}. */
  static Map<String, TreeMap<Integer, Row>> bySeriesAndStep(Iterable<Row> rows) {
    Map<String, TreeMap<Integer, Row>> bySeries = new HashMap<>();
    rows.forEach(r -> bySeries.computeIfAbsent(r.getString("series"), k -> new TreeMap<>()).put(r.getInt32("horizon_step"), r));
    return bySeries;
  }
}
