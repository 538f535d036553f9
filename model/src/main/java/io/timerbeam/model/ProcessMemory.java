package io.timerbeam.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from /proc/self/status (Linux), for benchmarks. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Resident set size now, in kB. */
  public static long rssKb() throws IOException {
    return field("VmRSS:");
  }

  /** Highest resident set size so far, in kB. */
  public static long peakRssKb() throws IOException {
    return field("VmHWM:");
  }

  private static long field(String name) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + name + " line in /proc/self/status");
  }
}
