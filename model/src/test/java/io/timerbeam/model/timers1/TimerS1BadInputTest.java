package io.timerbeam.model.timers1;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.checkpoint.CheckpointSurgery;
import io.timerbeam.model.checkpoint.StorageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Each kind of bad checkpoint or bad series gives a clear exception naming the problem. */
public class TimerS1BadInputTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static TimerS1Model tiny;

  @BeforeClass
  public static void loadTiny() throws IOException {
    tiny = TimerS1Model.load(Fixtures.checkpoint(Fixtures.TINY));
  }

  @AfterClass
  public static void closeTiny() {
    tiny.close();
  }

  private static String loadError(Path dir) {
    return assertThrows(InvalidModelException.class, () -> TimerS1Model.load(dir).close()).getMessage();
  }

  @Test
  public void missingTensorIsNamed() throws IOException {
    Map<String, CheckpointSurgery.TensorValues> t = CheckpointSurgery.tinyTensors();
    t.remove("model.layers.1.self_attn.k_scale");
    t.remove("mtp_modules.2.norm.weight");
    String msg = loadError(CheckpointSurgery.write(tmp.getRoot().toPath().resolve("m"), t, StorageType.F32, 1));
    assertThat(msg, containsString("2 missing tensors"));
    assertThat(msg, containsString("model.layers.1.self_attn.k_scale[8]"));
    assertThat(msg, containsString("mtp_modules.2.norm.weight[32]"));
  }

  @Test
  public void extraTensorIsNamedButRotaryBuffersAreIgnored() throws IOException {
    Map<String, CheckpointSurgery.TensorValues> t = CheckpointSurgery.tinyTensors();
    t.put("model.layers.0.self_attn.rotary_emb.inv_freq", new CheckpointSurgery.TensorValues(new long[] {4}, new float[4]));
    Path ok = CheckpointSurgery.write(tmp.getRoot().toPath().resolve("ok"), t, StorageType.F32, 1);
    TimerS1Model.load(ok).close();
    t.put("lm_head.weight", new CheckpointSurgery.TensorValues(new long[] {2}, new float[2]));
    String msg = loadError(CheckpointSurgery.write(tmp.getRoot().toPath().resolve("bad"), t, StorageType.F32, 1));
    assertThat(msg, containsString("1 unexpected tensors: lm_head.weight"));
  }

  @Test
  public void misshapenTensorIsNamedWithBothShapes() throws IOException {
    Map<String, CheckpointSurgery.TensorValues> t = CheckpointSurgery.tinyTensors();
    t.put("model.norm.weight", new CheckpointSurgery.TensorValues(new long[] {31}, new float[31]));
    String msg = loadError(CheckpointSurgery.write(tmp.getRoot().toPath().resolve("m"), t, StorageType.F32, 1));
    assertThat(msg, containsString("model.norm.weight is [31], expected [32]"));
  }

  @Test
  public void truncatedFileIsReported() throws IOException {
    Path dir = copyTiny();
    Path file = dir.resolve("model.safetensors");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 100);
    }
    String msg = loadError(dir);
    assertThat(msg, containsString("model.safetensors tensor '"));
    assertThat(msg, containsString("truncated file"));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(5);
    }
    assertThat(loadError(dir), containsString("truncated safetensors file (5 bytes"));
  }

  @Test
  public void headerThatLiesAboutOffsetsIsReported() throws IOException {
    Path dir = copyTiny();
    // Point the second tensor at the first one's bytes: same sizes, overlapping ranges.
    rewriteHeader(dir.resolve("model.safetensors"), header -> {
      JsonObject h = JsonParser.parseString(header).getAsJsonObject();
      Map<JsonElement, String> firstWithShape = new HashMap<>();
      for (String name : h.keySet()) {
        JsonObject t = h.get(name).getAsJsonObject();
        String earlier = name.startsWith("__") ? null : firstWithShape.putIfAbsent(t.get("shape"), name);
        if (earlier != null) {
          t.add("data_offsets", h.getAsJsonObject(earlier).get("data_offsets"));
          return h.toString();
        }
      }
      throw new AssertionError("the fixture has no two tensors of one shape");
    });
    assertThat(loadError(dir), containsString("overlap in the data section"));
  }

  @Test
  public void unknownDtypeIsNamed() throws IOException {
    Path dir = copyTiny();
    rewriteHeader(dir.resolve("model.safetensors"), header -> header.replaceFirst("\"F32\"", "\"I8\""));
    String msg = loadError(dir);
    assertThat(msg, containsString("unsupported dtype \"I8\""));
    assertThat(msg, containsString("tensor '"));
  }

  @Test
  public void configWithMissingOrInconsistentKeyNamesTheKey() throws IOException {
    Path dir = copyTiny();
    String config = Files.readString(dir.resolve("config.json"));
    Files.writeString(dir.resolve("config.json"), config.replaceAll("\"num_attention_heads\": 4,", ""));
    assertThat(loadError(dir), containsString("config key 'num_attention_heads' is missing"));
    Files.writeString(dir.resolve("config.json"), config.replaceAll("\"num_attention_heads\": 4", "\"num_attention_heads\": 5"));
    assertThat(loadError(dir), containsString("config key 'hidden_size' 32 is not divisible by num_attention_heads 5"));
    Files.delete(dir.resolve("config.json"));
    assertThat(loadError(dir), containsString("lacks config.json"));
  }

  @Test
  public void badSeriesAndHorizonsAreRejectedWithTheSeriesNamed() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny.forecast(List.of(new double[] {1, 2, 3}, new double[] {Double.NaN, Double.NaN}), 4)).getMessage(),
        containsString("series 1: all 2 points are missing"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny.forecast(List.of(new double[0]), 4)).getMessage(), containsString("series 0: empty series"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny.forecast(List.of(new double[] {1, Double.POSITIVE_INFINITY, 3}), 4)).getMessage(),
        containsString("series 0: non-finite value Infinity at position 1"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny.forecast(List.of(new double[] {1, 2, 3}), 0)).getMessage(), containsString("horizon must be positive, got 0"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny.forecast(List.of(new double[] {1, 2, 3}), -3)).getMessage(), containsString("horizon must be positive, got -3"));
  }

  private Path copyTiny() throws IOException {
    Path dir = tmp.newFolder().toPath();
    Path src = Fixtures.checkpoint(Fixtures.TINY);
    Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
    Files.copy(src.resolve("model.safetensors"), dir.resolve("model.safetensors"));
    return dir;
  }

  /** Replaces a file's header JSON, keeping the data section as it is. */
  private static void rewriteHeader(Path file, java.util.function.UnaryOperator<String> edit) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long len = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(all, 8, (int) len, StandardCharsets.UTF_8).trim();
    byte[] edited = edit.apply(header).getBytes(StandardCharsets.UTF_8);
    int padded = (edited.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(8 + padded + all.length - 8 - (int) len).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(edited);
    for (int i = edited.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    out.put(all, 8 + (int) len, all.length - 8 - (int) len);
    Files.write(file, out.array());
  }
}
