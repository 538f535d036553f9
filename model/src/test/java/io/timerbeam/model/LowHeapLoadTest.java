package io.timerbeam.model;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.checkpoint.StorageType;
import io.timerbeam.model.timers1.TimerS1Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Weights live off the Java heap: a JVM with -Xmx256m loads the sharded bf16 fixture, and a
 * random bf16 checkpoint whose float32 weights (~560 MB) are twice that heap, and forecasts.
 */
public class LowHeapLoadTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Child-JVM entry point: load, forecast, print what happened. */
  public static void main(String[] args) throws IOException {
    ResidentPrecision resident = ResidentPrecision.valueOf(args[1]);
    try (TimerS1Model model = TimerS1Model.load(Path.of(args[0]), EngineOptions.defaults().withResidentPrecision(resident))) {
      float[][][] out = model.forecast(List.of(EngineBenchmark.randomWalks(1, 300, 3).get(0)), 40);
      System.out.println("parameters=" + model.parameterCount() + " max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " first=" + out[0][4][0]);
    }
  }

  private static String runWithSmallHeap(Path checkpoint, ResidentPrecision resident) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-Dai.djl.offline=true", "-cp", classpath,
        LowHeapLoadTest.class.getName(), checkpoint.toString(), resident.name()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("child JVM timed out", p.waitFor(5, TimeUnit.MINUTES));
    assertEquals("child JVM failed:\n" + output, 0, p.exitValue());
    return output;
  }

  @Test
  public void shardedBf16FixtureLoadsIn256MbHeap() throws Exception {
    for (ResidentPrecision resident : ResidentPrecision.values()) {
      assertThat(runWithSmallHeap(Fixtures.checkpoint(Fixtures.SMALL_SHARDED), resident), containsString("parameters=909056 max_heap_mb="));
    }
  }

  @Test
  public void checkpointTwiceTheHeapLoadsIn256MbHeap() throws Exception {
    String config = "{\"input_token_len\":16,\"hidden_size\":512,\"intermediate_size\":2048,\"output_token_lens\":[16],"
        + "\"num_hidden_layers\":4,\"num_attention_heads\":8,\"rope_theta\":10000,\"max_position_embeddings\":12800,"
        + "\"quantiles\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9],\"num_experts\":16,\"num_experts_per_token\":2,\"num_mtp_tokens\":1,\"model_type\":\"Timer-S1\"}";
    Path dir = tmp.getRoot().toPath().resolve("big");
    RandomCheckpoint.write(config, 5, dir, StorageType.BF16, 2);
    long bytes = Files.size(dir.resolve("model-00001-of-00002.safetensors")) + Files.size(dir.resolve("model-00002-of-00002.safetensors"));
    assertTrue("bf16 checkpoint of " + bytes + " bytes widens to more than 2 x 256 MB", bytes * 2 > 512L << 20);
    String out = runWithSmallHeap(dir, ResidentPrecision.FLOAT32);
    System.out.println("bf16 checkpoint of " + bytes / (1 << 20) + " MB (float32 " + bytes * 2 / (1 << 20) + " MB): " + out.trim());
    assertThat(out, containsString("max_heap_mb="));
  }
}
