package io.timerbeam.it.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.it.store.SyntheticObservations;
import io.timerbeam.model.Fixtures;
import org.apache.beam.sdk.PipelineResult;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * The forecast job submitted with the FlinkRunner to a standalone cluster (a JobManager and two
 * TaskManagers of two slots, separate JVMs) writes the same forecasts as the DirectRunner, with
 * the Timer-S1 and the Timer-XL fixture.
 */
public class FlinkClusterForecastIT {
  // Small: the DirectRunner's reference run copies each shard's grouped state per bundle, which
  // grows quadratically with the points per shard when JdbcIO hands over one point per bundle.
  private static final SyntheticObservations INPUT = new SyntheticObservations(200, 40, 120);
  private static final String DIRECT = "forecasts_direct";
  private static final double TOLERANCE = 1e-4;

  private static ClusterAndStore env;

  @Rule public final PrintLogsOnFailure printLogs = new PrintLogsOnFailure(() -> env == null ? null : env.cluster);

  @BeforeClass
  public static void startStoreAndCluster() throws Exception {
    env = ClusterAndStore.start(FlinkClusterForecastIT.class, INPUT);
    ForecastRuns.onDirectRunner(env.store.jdbcUrl(), DIRECT);
    assertEquals(INPUT.goodSeriesCount(), env.tables.series(DIRECT));
    assertEquals((long) INPUT.goodSeriesCount() * ForecastRuns.HORIZON, env.tables.rows(DIRECT));
  }

  @AfterClass
  public static void stop() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  /**
   * Batches of 8 give every assembling instance more batches than there are slots, so the
   * round-robin spread reaches every slot: model_workers must equal the cluster's parallelism.
   */
  @Test
  public void clusterForecastsMatchTheDirectRunner() throws Exception {
    PipelineResult result = ForecastRuns.onFlink(env.cluster, env.store.jdbcUrl(), "forecasts_flink",
        Fixtures.checkpoint(Fixtures.TINY), 8);
    assertMatchesDirectRunner("forecasts_flink");
    assertEquals("model workers", env.cluster.parallelism(), ForecastRuns.counter(result, "model_workers"));
    assertEquals(INPUT.seriesCount(), ForecastRuns.counter(result, "series_in"));
    assertEquals(INPUT.goodSeriesCount(), ForecastRuns.counter(result, "series_forecast"));
    assertEquals(INPUT.badSeriesCount(), ForecastRuns.counter(result, "series_failed"));
  }

  /** A Timer-XL job on the same cluster: point forecasts, null intervals, the same rows as the DirectRunner. */
  @Test
  public void timerXlForecastsMatchTheDirectRunner() throws Exception {
    java.nio.file.Path timerXl = Fixtures.timerXl(Fixtures.TINY);
    ForecastRuns.onDirectRunner(env.store.jdbcUrl(), "forecasts_xl_direct", timerXl);
    PipelineResult result = ForecastRuns.onFlink(env.cluster, env.store.jdbcUrl(), "forecasts_xl_flink", timerXl);
    assertEquals((long) INPUT.goodSeriesCount() * ForecastRuns.HORIZON, env.tables.rows("forecasts_xl_direct"));
    assertMatches("forecasts_xl_flink", "forecasts_xl_direct");
    assertEquals(0, env.tables.rowsWithAnInterval("forecasts_xl_flink"));
    assertEquals(INPUT.seriesCount(), ForecastRuns.counter(result, "series_in"));
    assertEquals(INPUT.goodSeriesCount(), ForecastRuns.counter(result, "series_forecast"));
    assertEquals(INPUT.badSeriesCount(), ForecastRuns.counter(result, "series_failed"));
  }

  @Test
  public void twoJobsInARowOnTheSameTaskManagersBothSucceed() throws Exception {
    // The second job gets a fresh user-code classloader on TaskManagers that already hold libtorch.
    ForecastRuns.onFlink(env.cluster, env.store.jdbcUrl(), "forecasts_first");
    ForecastRuns.onFlink(env.cluster, env.store.jdbcUrl(), "forecasts_second");
    assertMatchesDirectRunner("forecasts_first");
    assertMatchesDirectRunner("forecasts_second");
  }

  private static void assertMatchesDirectRunner(String table) throws Exception {
    assertMatches(table, DIRECT);
  }

  private static void assertMatches(String table, String direct) throws Exception {
    assertEquals(env.tables.rows(direct), env.tables.rows(table));
    assertEquals(0, env.tables.unmatched(table, direct));
    double difference = env.tables.maxRelativeDifference(table, direct);
    assertTrue(table + " differs from the DirectRunner by " + difference, difference <= TOLERANCE);
  }
}
