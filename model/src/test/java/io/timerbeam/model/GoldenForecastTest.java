package io.timerbeam.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Every golden case of both fixtures, forecast alone, within {@link Golden#TOLERANCE}. */
@RunWith(Parameterized.class)
public class GoldenForecastTest {
  private static final ModelCache MODELS = new ModelCache();

  @Parameters(name = "{0}/{1}")
  public static Collection<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (String fixture : new String[] {Fixtures.TINY, Fixtures.SMALL_SHARDED}) {
      for (Golden.Case c : Golden.cases(fixture)) {
        out.add(new Object[] {fixture, c});
      }
    }
    return out;
  }

  private final String fixture;
  private final Golden.Case golden;

  public GoldenForecastTest(String fixture, Golden.Case golden) {
    this.fixture = fixture;
    this.golden = golden;
  }

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  @Test
  public void matchesGoldenAlone() {
    float[][][] out = MODELS.get(fixture, TimerS1Options.defaults()).forecast(List.of(golden.context), golden.horizon);
    assertEquals(1, out.length);
    assertEquals(golden.forecast.length, out[0].length);
    assertEquals(golden.horizon, out[0][0].length);
    double err = Golden.relativeError(out[0], golden.forecast);
    System.out.printf("golden %s/%s alone: relative error %.3g%n", fixture, golden.name, err);
    assertTrue(fixture + "/" + golden.name + " relative error " + err, err <= Golden.TOLERANCE);
  }

  @Test
  public void matchesGoldenWithEachExpertPath() {
    for (Network.MoeStrategy moe : new Network.MoeStrategy[] {Network.MoeStrategy.BATCHED, Network.MoeStrategy.PER_EXPERT}) {
      float[][][] out = MODELS.get(fixture, TimerS1Options.defaults(), moe).forecast(List.of(golden.context), golden.horizon);
      double err = Golden.relativeError(out[0], golden.forecast);
      assertTrue(fixture + "/" + golden.name + " (" + moe + " experts) relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  /** Widening 16-bit experts per call is exact, so keeping them 16-bit changes no number on either expert path. */
  @Test
  public void residentPrecisionChangesNoNumber() {
    for (Network.MoeStrategy moe : new Network.MoeStrategy[] {Network.MoeStrategy.BATCHED, Network.MoeStrategy.PER_EXPERT}) {
      float[][][] half = MODELS.get(fixture, TimerS1Options.defaults().withResidentPrecision(ResidentPrecision.HALF), moe)
          .forecast(List.of(golden.context), golden.horizon);
      float[][][] float32 = MODELS.get(fixture, TimerS1Options.defaults().withResidentPrecision(ResidentPrecision.FLOAT32), moe)
          .forecast(List.of(golden.context), golden.horizon);
      for (int j = 0; j < half[0].length; j++) {
        assertArrayEquals(fixture + "/" + golden.name + " (" + moe + ") row " + j, float32[0][j], half[0][j], 0f);
      }
      double err = Golden.relativeError(float32[0], golden.forecast);
      assertTrue(fixture + "/" + golden.name + " (float32-resident) relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  @Test
  public void matchesGoldenWithoutKvCache() {
    float[][][] out = MODELS.get(fixture, TimerS1Options.defaults().withKvCache(false)).forecast(List.of(golden.context), golden.horizon);
    double err = Golden.relativeError(out[0], golden.forecast);
    assertTrue(fixture + "/" + golden.name + " (no cache) relative error " + err, err <= Golden.TOLERANCE);
  }
}
