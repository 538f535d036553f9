package io.timerbeam.model.checkpoint;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.timers1.TimerS1Config;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A hostile checkpoint nested 50,000 levels deep is a clear InvalidModelException, never a StackOverflowError. */
public class DeepJsonTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  public void deeplyNestedSafetensorsHeaderIsRefusedWithItsFileNamed() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.copy(Fixtures.checkpoint(Fixtures.TINY).resolve("config.json"), dir.resolve("config.json"));
    byte[] header = ("{\"w\":{\"dtype\":\"F32\",\"shape\":" + nested(50_000) + ",\"data_offsets\":[0,0]}}")
        .getBytes(StandardCharsets.UTF_8);
    ByteBuffer file = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
    file.putLong(header.length).put(header);
    Files.write(dir.resolve("model.safetensors"), file.array());

    InvalidModelException e = assertThrows(InvalidModelException.class, () -> Checkpoint.open(dir));
    assertThat(e.getMessage(), containsString("model.safetensors header: JSON nested deeper than 64 levels"));
  }

  @Test
  public void deeplyNestedConfigIsRefused() {
    InvalidModelException e = assertThrows(InvalidModelException.class,
        () -> TimerS1Config.of(ConfigJson.parse("{\"quantiles\":" + nested(50_000) + "}", "config.json")));
    assertThat(e.getMessage(), containsString("config.json: JSON nested deeper than 64 levels"));
  }
}
