package io.timerbeam.it.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.it.store.OutageProxy;
import io.timerbeam.it.store.PostgresStore;
import io.timerbeam.it.store.SyntheticObservations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * Failures during a forecast job on the standalone cluster: a TaskManager killed with SIGKILL
 * (the cluster's restart strategy reruns the job on a replacement), and the database refusing
 * connections for a few seconds during the write (the sink retries; the job does not fail).
 */
public class FlinkFaultToleranceIT {
  private static final SyntheticObservations INPUT = new SyntheticObservations(12_000, 32, 96);
  private static final long EXPECTED_ROWS = (long) INPUT.goodSeriesCount() * ForecastRuns.HORIZON;

  private static ClusterAndStore env;

  @Rule public final PrintLogsOnFailure printLogs = new PrintLogsOnFailure(() -> env == null ? null : env.cluster);

  @BeforeClass
  public static void startStoreAndCluster() throws Exception {
    env = ClusterAndStore.start(FlinkFaultToleranceIT.class, INPUT);
  }

  @AfterClass
  public static void stop() throws Exception {
    if (env != null) {
      env.close();
    }
  }

  @Test
  public void jobSurvivesATaskManagerKilledWhileForecasting() throws Exception {
    String table = "forecasts_after_kill";
    CompletableFuture<PipelineResult> job =
        CompletableFuture.supplyAsync(() -> ForecastRuns.onFlink(env.cluster, env.store.jdbcUrl(), table));
    long rowsAtKill = awaitFirstForecasts(table, job);
    String jobId = env.cluster.rest().runningJob();
    env.cluster.killTaskManager(0);
    env.cluster.startTaskManager();

    PipelineResult result = job.get(5, TimeUnit.MINUTES);
    assertTrue("the kill came after the job wrote everything (" + rowsAtKill + " rows)", rowsAtKill < EXPECTED_ROWS);
    assertTrue("the job saw no failure", env.cluster.rest().exceptionHistorySize(jobId) >= 1);
    assertExactlyOnce(table, result);
    env.cluster.awaitTaskManagers(2);
  }

  @Test
  public void databaseRefusingConnectionsDuringTheWriteIsRetried() throws Exception {
    String table = "forecasts_after_outage";
    try (OutageProxy proxy = new OutageProxy(env.store.port())) {
      CompletableFuture<PipelineResult> job = CompletableFuture.supplyAsync(
          () -> ForecastRuns.onFlink(env.cluster, PostgresStore.jdbcUrl(proxy.port()), table));
      long rowsBeforeOutage = awaitFirstForecasts(table, job);
      String jobId = env.cluster.rest().runningJob();
      int connectionsBeforeOutage = proxy.acceptedConnections();
      proxy.outage(10_000); // well inside the sink's ~24 s of retries

      PipelineResult result = job.get(5, TimeUnit.MINUTES);
      assertTrue("the outage came after the write (" + rowsBeforeOutage + " rows)", rowsBeforeOutage < EXPECTED_ROWS);
      assertTrue("nothing reconnected after the outage", proxy.acceptedConnections() > connectionsBeforeOutage);
      // io's Retries logs each retried attempt: proof the outage hit a write rather than a pause.
      assertTrue("no write was retried", env.cluster.taskManagerLogsContain("failed (attempt 1), retrying"));
      assertEquals("the sink's retries should have absorbed the outage", 0, env.cluster.rest().exceptionHistorySize(jobId));
      assertExactlyOnce(table, result);
    }
  }

  /** Waits until the running job has written its first forecasts; returns how many rows there are. */
  private static long awaitFirstForecasts(String table, CompletableFuture<PipelineResult> job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (job.isDone()) {
        throw new AssertionError("the job ended before writing was observed: " + job.get());
      }
      long rows = env.tables.rowsSoFar(table);
      if (rows > 0) {
        return rows;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no forecasts written in 4 minutes");
  }

  /** Every good series exactly once (the table's key forbids duplicates; counts show none are missing). */
  private static void assertExactlyOnce(String table, PipelineResult result) throws Exception {
    assertEquals(EXPECTED_ROWS, env.tables.rows(table));
    assertEquals(INPUT.goodSeriesCount(), env.tables.series(table));
    assertEquals(INPUT.seriesCount(), ForecastRuns.counter(result, "series_in"));
    assertEquals(INPUT.goodSeriesCount(), ForecastRuns.counter(result, "series_forecast"));
    assertEquals(INPUT.badSeriesCount(), ForecastRuns.counter(result, "series_failed"));
  }
}
