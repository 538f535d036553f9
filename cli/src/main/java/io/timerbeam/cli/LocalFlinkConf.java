package io.timerbeam.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration folder for the embedded ({@code [local]}) Flink cluster: its default network
 * memory (64 MB of 32 KB buffers) is too little for a Beam job's shuffles beyond a few slots
 * ("Insufficient number of network buffers" at parallelism 40), so buffers are made smaller and
 * more plentiful, in proportion to the slots.
 */
final class LocalFlinkConf {
  private LocalFlinkConf() {}

  /** Writes the folder (deleted when the JVM exits) and returns it. */
  static Path write(int parallelism) throws IOException {
    int slots = Math.max(1, parallelism);
    // Each slot's shuffles need buffers per channel, and channels grow with slots squared.
    long networkMb = Math.max(128, Math.min(2048, (long) slots * slots / 4));
    Path dir = Files.createTempDirectory("timers1-flink-conf");
    Path file = dir.resolve("flink-conf.yaml");
    Files.writeString(file, String.join("\n",
        "taskmanager.memory.segment-size: 8kb",
        "taskmanager.memory.network.min: " + networkMb + "mb",
        "taskmanager.memory.network.max: " + networkMb + "mb",
        "taskmanager.numberOfTaskSlots: " + slots,
        ""), StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    return dir;
  }
}
