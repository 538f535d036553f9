package io.timerbeam.it.flink;

import java.util.function.Supplier;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/** Prints the cluster's logs (JobManager, every TaskManager) when a test fails. */
final class PrintLogsOnFailure extends TestWatcher {
  private final Supplier<FlinkSessionCluster> cluster;

  PrintLogsOnFailure(Supplier<FlinkSessionCluster> cluster) {
    this.cluster = cluster;
  }

  @Override
  protected void failed(Throwable e, Description description) {
    FlinkSessionCluster current = cluster.get();
    if (current != null) {
      System.err.println(description + " failed; cluster logs:\n" + current.logs());
    }
  }
}
