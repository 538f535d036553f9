package io.timerbeam.it.portable;

import org.apache.beam.runners.flink.FlinkJobServerDriver;

/**
 * Beam's Flink job service in this JVM, as the shaded job-server jar's main class starts it: job
 * and artifact endpoints on free ports, jobs run on an embedded Flink cluster ({@code [local]}).
 */
final class FlinkJobServer implements AutoCloseable {
  private final FlinkJobServerDriver driver;
  private final String endpoint;

  private FlinkJobServer(FlinkJobServerDriver driver, String endpoint) {
    this.driver = driver;
    this.endpoint = endpoint;
  }

  static FlinkJobServer start() throws java.io.IOException {
    FlinkJobServerDriver driver = FlinkJobServerDriver.fromParams(new String[] {
      "--job-host=localhost", "--job-port=0", "--artifact-port=0", "--expansion-port=0", "--flink-master=[local]"});
    return new FlinkJobServer(driver, driver.start());
  }

  /** host:port of the job service, for {@code --jobEndpoint}. */
  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    driver.stop();
  }
}
