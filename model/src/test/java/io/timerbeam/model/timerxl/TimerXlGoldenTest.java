package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.Renormalisation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized.Parameters;
import org.junit.runners.Parameterized;

/** Every golden case of both Timer-XL fixtures, forecast alone in both generation modes, within {@link Golden#TOLERANCE}. */
@RunWith(Parameterized.class)
public class TimerXlGoldenTest {
  private static final XlModels MODELS = new XlModels();

  @Parameters(name = "{0}/{1}")
  public static Collection<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (String fixture : new String[] {Fixtures.TINY, Fixtures.SMALL_SHARDED}) {
      for (Golden.Case c : Golden.cases(Fixtures.timerXl(fixture))) {
        out.add(new Object[] {fixture, c});
      }
    }
    return out;
  }

  private final String fixture;
  private final Golden.Case golden;

  public TimerXlGoldenTest(String fixture, Golden.Case golden) {
    this.fixture = fixture;
    this.golden = golden;
  }

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  private void assertMatches(EngineOptions options, double[][] expected, String mode) {
    float[][][] out = MODELS.get(fixture, options).forecast(List.of(golden.context), golden.horizon);
    assertEquals(1, out.length);
    assertEquals("one point-forecast row", 1, out[0].length);
    assertEquals(golden.horizon, out[0][0].length);
    double err = Golden.relativeError(out[0], expected);
    System.out.printf("timer-xl golden %s/%s %s: relative error %.3g%n", fixture, golden.name, mode, err);
    assertTrue(fixture + "/" + golden.name + " (" + mode + ") relative error " + err, err <= Golden.TOLERANCE);
  }

  @Test
  public void defaultFollowsUseCacheAndMatchesTheCachedGolden() {
    assertMatches(EngineOptions.defaults(), golden.forecast, "default = use_cache");
  }

  @Test
  public void newChunkOnlyWithoutKvCacheGivesTheSameNumbers() {
    assertMatches(EngineOptions.defaults().withKvCache(false).withRenormalisation(Renormalisation.NEW_CHUNK_ONLY),
        golden.forecast, "new chunk only, no KV cache");
  }

  @Test
  public void wholeSeriesMatchesTheNoCacheGolden() {
    assertMatches(EngineOptions.defaults().withRenormalisation(Renormalisation.WHOLE_SERIES), golden.forecastNoCache,
        "whole series");
  }
}
