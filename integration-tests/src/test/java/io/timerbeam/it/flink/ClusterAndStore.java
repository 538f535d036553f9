package io.timerbeam.it.flink;

import io.timerbeam.it.store.ForecastTables;
import io.timerbeam.it.store.PostgresStore;
import io.timerbeam.it.store.SyntheticObservations;
import java.nio.file.Paths;

/** What each cluster test class starts once: PostgreSQL holding the observations, and a 2-TaskManager cluster. */
final class ClusterAndStore implements AutoCloseable {
  final PostgresStore store;
  final ForecastTables tables;
  final FlinkSessionCluster cluster;

  private ClusterAndStore(PostgresStore store, FlinkSessionCluster cluster) {
    this.store = store;
    this.tables = new ForecastTables(store);
    this.cluster = cluster;
  }

  /** Logs go under {@code cluster.work.dir}/the test class's name. */
  static ClusterAndStore start(Class<?> testClass, SyntheticObservations input) throws Exception {
    PostgresStore store = PostgresStore.start();
    try {
      store.loadObservations(ForecastRuns.observationsTable(), input);
      return new ClusterAndStore(store, FlinkSessionCluster.start(
          Paths.get(System.getProperty("cluster.work.dir"), testClass.getSimpleName()), 2));
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      store.close();
    }
  }
}
