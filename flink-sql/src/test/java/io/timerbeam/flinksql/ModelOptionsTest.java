package io.timerbeam.flinksql;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import java.nio.file.Path;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.Test;

/** Wrong options and OUTPUT columns fail when the statement is planned, naming the model, option or column and what would do. */
public class ModelOptionsTest {
  private static final String S1 = Fixtures.checkpoint(Fixtures.TINY).toString();
  private static final String XL = Fixtures.timerXl(Fixtures.TINY).toString();
  private static final String OUTPUT = "horizon_step INT, forecast_value DOUBLE, error_code STRING, error_message STRING";

  private static String planError(String checkpoint, String output, String options) {
    TableEnvironment env = FlinkSql.batch();
    env.executeSql("CREATE TEMPORARY VIEW h AS SELECT ARRAY[CAST(1.0 AS DOUBLE), 2.0, 3.0] AS history");
    env.executeSql("CREATE MODEL m INPUT (history ARRAY<DOUBLE>) OUTPUT (" + output + ") WITH ('provider' = 'timer', 'model.path' = '"
        + checkpoint + "'" + options + ")");
    Exception e = assertThrows(Exception.class, () -> env.explainSql("SELECT * FROM ML_PREDICT(TABLE h, MODEL m, DESCRIPTOR(history))"));
    return FlinkSql.messages(e);
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue("'" + part + "' in: " + message, message.contains(part));
    }
  }

  @Test
  public void unknownOutputColumnListsTheAvailableOnes() {
    assertMentions(planError(S1, OUTPUT + ", q95 DOUBLE", ", 'horizon' = '4'"), "OUTPUT column 'q95'", "available: [horizon_step, forecast_value, q10");
  }

  @Test
  public void levelTheModelCannotGiveIsRefused() {
    assertMentions(planError(S1, OUTPUT, ", 'horizon' = '4', 'confidence-level' = '0.95'"), "'confidence-level'", "widest level available is 80%");
  }

  @Test
  public void pointForecasterRefusesLevels() {
    assertMentions(planError(XL, OUTPUT, ", 'horizon' = '4', 'levels' = '0.8;0.6'"), "point forecaster", "'levels'");
  }

  @Test
  public void errorColumnsAreRequired() {
    assertMentions(planError(S1, "horizon_step INT, forecast_value DOUBLE", ", 'horizon' = '4'"), "OUTPUT must have 'error_code'");
  }

  @Test
  public void missingHorizonAndMisspeltOptionAreNamed() {
    assertMentions(planError(S1, OUTPUT, ""), "horizon");
    assertMentions(planError(S1, OUTPUT, ", 'horizon' = '4', 'context_length' = '64'"), "context_length");
  }

  @Test
  public void checkpointWithoutConfigIsNamed() {
    Path nowhere = Path.of(S1).resolve("no-such-folder");
    assertMentions(planError(nowhere.toString(), OUTPUT, ", 'horizon' = '4'"), "has no config.json", nowhere.toString());
  }

  @Test
  public void assemblyOptionsNeedTimestampedPoints() {
    assertMentions(planError(S1, OUTPUT, ", 'horizon' = '4', 'frequency' = 'D'"), "'frequency' assembles timestamped points");
    assertMentions(planError(S1, OUTPUT + ", forecast_timestamp TIMESTAMP(3)", ", 'horizon' = '4'"), "OUTPUT column 'forecast_timestamp'");
  }
}
