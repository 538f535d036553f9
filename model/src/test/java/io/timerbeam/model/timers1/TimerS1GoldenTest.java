package io.timerbeam.model.timers1;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.ResidentPrecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized.Parameters;
import org.junit.runners.Parameterized;

/** Every golden case of both fixtures, forecast alone, within {@link Golden#TOLERANCE}. */
@RunWith(Parameterized.class)
public class TimerS1GoldenTest {
  private static final S1Models MODELS = new S1Models();

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

  public TimerS1GoldenTest(String fixture, Golden.Case golden) {
    this.fixture = fixture;
    this.golden = golden;
  }

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  @Test
  public void matchesGoldenAlone() {
    float[][][] out = MODELS.get(fixture, EngineOptions.defaults()).forecast(List.of(golden.context), golden.horizon);
    assertEquals(1, out.length);
    assertEquals(golden.forecast.length, out[0].length);
    assertEquals(golden.horizon, out[0][0].length);
    double err = Golden.relativeError(out[0], golden.forecast);
    System.out.printf("golden %s/%s alone: relative error %.3g%n", fixture, golden.name, err);
    assertTrue(fixture + "/" + golden.name + " relative error " + err, err <= Golden.TOLERANCE);
  }

  @Test
  public void matchesGoldenWithEachExpertPath() {
    for (TimerS1Network.MoeStrategy moe : new TimerS1Network.MoeStrategy[] {TimerS1Network.MoeStrategy.BATCHED, TimerS1Network.MoeStrategy.PER_EXPERT}) {
      float[][][] out = MODELS.get(fixture, EngineOptions.defaults(), moe).forecast(List.of(golden.context), golden.horizon);
      double err = Golden.relativeError(out[0], golden.forecast);
      assertTrue(fixture + "/" + golden.name + " (" + moe + " experts) relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  /** Widening 16-bit experts per call is exact, so keeping them 16-bit changes no number on either expert path. */
  @Test
  public void residentPrecisionChangesNoNumber() {
    for (TimerS1Network.MoeStrategy moe : new TimerS1Network.MoeStrategy[] {TimerS1Network.MoeStrategy.BATCHED, TimerS1Network.MoeStrategy.PER_EXPERT}) {
      float[][][] half = MODELS.get(fixture, EngineOptions.defaults().withResidentPrecision(ResidentPrecision.HALF), moe)
          .forecast(List.of(golden.context), golden.horizon);
      float[][][] float32 = MODELS.get(fixture, EngineOptions.defaults().withResidentPrecision(ResidentPrecision.FLOAT32), moe)
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
    float[][][] out = MODELS.get(fixture, EngineOptions.defaults().withKvCache(false)).forecast(List.of(golden.context), golden.horizon);
    double err = Golden.relativeError(out[0], golden.forecast);
    assertTrue(fixture + "/" + golden.name + " (no cache) relative error " + err, err <= Golden.TOLERANCE);
  }
}
