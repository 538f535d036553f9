package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.Test;

/** The embedded cluster's configuration, read back the way Flink reads it. */
public class LocalFlinkConfTest {
  @Test
  public void networkBuffersGrowWithTheSlots() throws Exception {
    Path dir = LocalFlinkConf.write(40);
    Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
    assertEquals(40, conf.get(TaskManagerOptions.NUM_TASK_SLOTS).intValue());
    assertEquals(MemorySize.parse("8kb"), conf.get(TaskManagerOptions.MEMORY_SEGMENT_SIZE));
    // 40 slots: 400 MB of 8 KB buffers = 51,200 buffers; the default 64 MB of 32 KB (2,048) failed the job.
    assertEquals(MemorySize.parse("400mb"), conf.get(TaskManagerOptions.NETWORK_MEMORY_MAX));
    assertEquals(MemorySize.parse("400mb"), conf.get(TaskManagerOptions.NETWORK_MEMORY_MIN));
    // Few slots keep a floor.
    Configuration small = GlobalConfiguration.loadConfiguration(LocalFlinkConf.write(2).toString());
    assertEquals(MemorySize.parse("128mb"), small.get(TaskManagerOptions.NETWORK_MEMORY_MAX));
  }
}
