package io.timerbeam.model.timerxl;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.RandomCheckpoint;
import io.timerbeam.model.checkpoint.CheckpointSurgery.TensorValues;
import io.timerbeam.model.checkpoint.CheckpointSurgery;
import io.timerbeam.model.checkpoint.StorageType;
import io.timerbeam.model.timers1.TimerS1Model;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Each kind of bad Timer-XL checkpoint gives one clear exception naming the tensor, file or config key. */
public class TimerXlBadInputTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static String loadError(Path dir) {
    return assertThrows(InvalidModelException.class, () -> ForecastModels.load(dir).close()).getMessage();
  }

  private Path write(Map<String, TensorValues> tensors) throws IOException {
    Path tiny = Fixtures.timerXl(Fixtures.TINY);
    return CheckpointSurgery.write(tmp.newFolder().toPath(), tiny, tensors, StorageType.F32, 1);
  }

  @Test
  public void missingExtraAndMisshapenTensorsAreAllNamedInOneMessage() throws IOException {
    Map<String, TensorValues> t = CheckpointSurgery.tensors(Fixtures.timerXl(Fixtures.TINY));
    t.remove("model.layers.1.self_attn.k_proj.bias");
    t.remove("lm_heads.0.weight");
    t.put("lm_heads.1.weight", new TensorValues(new long[] {8, 32}, new float[8 * 32]));
    t.put("model.norm.bias", new TensorValues(new long[] {31}, new float[31]));
    // A non-persistent rotary buffer some exports carry: ignored.
    t.put("model.layers.0.self_attn.rotary_emb.inv_freq", new TensorValues(new long[] {4}, new float[4]));
    String msg = loadError(write(t));
    assertThat(msg, containsString("does not match its config.json"));
    assertThat(msg, containsString("2 missing tensors: model.layers.1.self_attn.k_proj.bias[32], lm_heads.0.weight[8, 32]"));
    assertThat(msg, containsString("1 wrongly shaped tensors: model.norm.bias is [31], expected [32]"));
    assertThat(msg, containsString("1 unexpected tensors: lm_heads.1.weight"));
  }

  @Test
  public void truncatedShardIsReported() throws IOException {
    Path dir = tmp.newFolder().toPath();
    Path src = Fixtures.timerXl(Fixtures.SMALL_SHARDED);
    for (String f : new String[] {"config.json", "model.safetensors.index.json", "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors"}) {
      Files.copy(src.resolve(f), dir.resolve(f));
    }
    try (FileChannel ch = FileChannel.open(dir.resolve("model-00002-of-00002.safetensors"), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 100);
    }
    String msg = loadError(dir);
    assertThat(msg, containsString("model-00002-of-00002.safetensors tensor '"));
    assertThat(msg, containsString("truncated file"));
  }

  private Path withConfig(String from, String to) throws IOException {
    Path dir = tmp.newFolder().toPath();
    Path src = Fixtures.timerXl(Fixtures.TINY);
    String config = Files.readString(src.resolve("config.json"));
    String edited = config.replace(from, to);
    if (edited.equals(config)) {
      throw new AssertionError("the fixture config has no " + from);
    }
    Files.writeString(dir.resolve("config.json"), edited);
    Files.copy(src.resolve("model.safetensors"), dir.resolve("model.safetensors"));
    return dir;
  }

  @Test
  public void wrongConfigValuesNameTheKey() throws IOException {
    assertThat(loadError(withConfig("\"output_token_lens\": [\n    8\n  ]", "\"output_token_lens\": [12]")),
        containsString("config key 'output_token_lens' holds 12, not a multiple of input_token_len 8"));
    assertThat(loadError(withConfig("\"attention_dropout\": 0.0", "\"attention_dropout\": 0.1")),
        containsString("config key 'attention_dropout' is 0.1"));
    assertThat(loadError(withConfig("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\"")),
        containsString("config key 'hidden_act' is \"gelu\""));
    assertThat(loadError(withConfig("\"num_attention_heads\": 4", "\"num_attention_heads\": 5")),
        containsString("config key 'hidden_size' 32 is not divisible by num_attention_heads 5"));
  }

  @Test
  public void aMissingKeyTakesTheHuggingFaceDefaultAndFailsWhereThatCannotRun() throws IOException {
    assertThat(loadError(withConfig("\"input_token_len\": 8,", "")),
        containsString("config key 'input_token_len' is missing, so TimerConfig's default 1"));
    // Without hidden_size the default 1024 applies: the tensors then disagree, each named.
    assertThat(loadError(withConfig("\"hidden_size\": 32,", "")), containsString("model.embed_layer.emb.weight is [32, 8], expected [1024, 8]"));
  }

  @Test
  public void unknownOrUnnamedFamilyNamesTheKey() throws IOException {
    assertThat(loadError(withConfig("\"model_type\": \"timer\"", "\"model_type\": \"chronos\"")),
        containsString("config key 'model_type' is \"chronos\", not a known model family"));
    Path noType = withConfig("\"model_type\": \"timer\",", "");
    ForecastModels.load(noType).close(); // architectures still names it
    Files.writeString(noType.resolve("config.json"),
        Files.readString(noType.resolve("config.json")).replace("\"TimerForPrediction\"", "\"LlamaForCausalLM\""));
    assertThat(loadError(noType), containsString("config key 'architectures' starts with \"LlamaForCausalLM\""));
  }

  @Test
  public void eachFamilysOwnLoaderRefusesTheOtherFamily() {
    assertThat(assertThrows(InvalidModelException.class, () -> TimerS1Model.load(Fixtures.timerXl(Fixtures.TINY)).close()).getMessage(),
        containsString("holds a timer-xl checkpoint, not Timer-S1"));
    assertThat(assertThrows(InvalidModelException.class, () -> TimerXlModel.load(Fixtures.checkpoint(Fixtures.TINY)).close()).getMessage(),
        containsString("holds a timer-s1 checkpoint, not Timer-XL"));
  }

  @Test
  public void randomCheckpointsOfTheFamilyLoad() throws IOException {
    Path dir = tmp.newFolder().toPath().resolve("random");
    RandomCheckpoint.write(Files.readString(Fixtures.timerXl(Fixtures.TINY).resolve("config.json")), 3, dir, StorageType.BF16, 2);
    try (TimerXlModel model = TimerXlModel.load(dir)) {
      float v = model.forecast(List.of(new double[] {1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14}), 20)[0][0][19];
      assertThat("finite forecast " + v, Float.isFinite(v), org.hamcrest.CoreMatchers.is(true));
    }
  }
}
