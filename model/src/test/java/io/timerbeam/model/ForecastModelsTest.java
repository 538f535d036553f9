package io.timerbeam.model;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.timerxl.TimerXlConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The family-neutral entry points: the config descriptor without weights, and the loader that picks the family. */
public class ForecastModelsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void descriptorsComeFromConfigAlone() throws IOException {
    Path xl = tmp.newFolder().toPath();
    Files.copy(Fixtures.timerXl(Fixtures.SMALL_SHARDED).resolve("config.json"), xl.resolve("config.json"));
    ModelDescriptor d = ModelConfigs.read(xl); // no weights in the folder
    assertEquals(ModelFamily.TIMER_XL, d.family());
    assertEquals(16, d.patchLength());
    assertTrue(d.isPointForecast());
    assertEquals(0, d.quantileLevels().length);

    ModelDescriptor s1 = ModelConfigs.read(Fixtures.checkpoint(Fixtures.TINY));
    assertEquals(ModelFamily.TIMER_S1, s1.family());
    assertFalse(s1.isPointForecast());
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, s1.quantileLevels(), 0);
    assertEquals(16, s1.patchLength());
  }

  @Test
  public void theLoaderPicksTheFamilyAndTheModelDescribesItsRows() throws IOException {
    try (ForecastModel s1 = ForecastModels.load(Fixtures.checkpoint(Fixtures.TINY));
        ForecastModel xl = ForecastModels.load(Fixtures.timerXl(Fixtures.TINY))) {
      assertEquals("timer-s1", s1.family());
      assertEquals("timer-xl", xl.family());
      assertTrue(s1.modelId(), s1.modelId().startsWith("timer-s1-"));
      assertTrue(xl.modelId(), xl.modelId().startsWith("timer-xl-"));
      assertEquals(9, s1.quantileLevels().length);
      assertEquals(0, xl.quantileLevels().length);
      double[] context = Golden.cases(Fixtures.timerXl(Fixtures.TINY)).get(0).context;
      assertEquals(9, s1.forecast(List.of(context), 5)[0].length);
      assertEquals(1, xl.forecast(List.of(context), 5)[0].length);
      assertEquals(8, xl.patchLength());
    }
  }

  @Test
  public void unknownFamilyNamesTheKeyAndValue() throws IOException {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"patchtst\"}");
    assertThat(assertThrows(InvalidModelException.class, () -> ModelConfigs.read(dir)).getMessage(),
        containsString("config key 'model_type' is \"patchtst\", not a known model family (model_type \"Timer-S1\""));
    Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 8}");
    assertThat(assertThrows(InvalidModelException.class, () -> ForecastModels.load(dir)).getMessage(),
        containsString("neither config key 'model_type' nor 'architectures' names the model family"));
  }

  @Test
  public void theShippedReleaseConfigHasTheReleaseParameterCount() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/timer-xl-base-84m.json")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    long parameters = TimerXlConfig.of(ConfigJson.parse(text, "timer-xl-base-84m.json")).expectedTensors().values().stream()
        .mapToLong(shape -> java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact)).sum();
    assertEquals(84_142_080L, parameters);
  }
}
