package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertTrue;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.Renormalisation;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Test;

/**
 * Timer-XL's golden cases under bfloat16 compute, alone and in one mixed batch, in both generation
 * modes. No PyTorch autocast figure exists for these fixtures, so they are held to the Timer-S1
 * fixtures' bounds of the same names (twice autocast's error there): 4.2e-2 tiny, 2.7e-2 sharded.
 */
public class TimerXlBfloat16Test {
  private static final EngineOptions BFLOAT16 = EngineOptions.defaults().withCompute(ComputePrecision.BFLOAT16);
  private static final XlModels MODELS = new XlModels();

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  private static double bound(String fixture) {
    return Fixtures.TINY.equals(fixture) ? 4.2e-2 : 2.7e-2;
  }

  @Test
  public void casesAloneInBothModes() {
    for (String fixture : new String[] {Fixtures.TINY, Fixtures.SMALL_SHARDED}) {
      for (boolean whole : new boolean[] {false, true}) {
        EngineOptions options = whole ? BFLOAT16.withRenormalisation(Renormalisation.WHOLE_SERIES) : BFLOAT16;
        for (Golden.Case c : Golden.cases(Fixtures.timerXl(fixture))) {
          float[][] out = MODELS.get(fixture, options).forecast(List.of(c.context), c.horizon)[0];
          assertWithin(fixture, c, out, whole, "alone");
        }
      }
    }
  }

  @Test
  public void mixedBatchesInBothModes() {
    for (String fixture : new String[] {Fixtures.TINY, Fixtures.SMALL_SHARDED}) {
      for (boolean whole : new boolean[] {false, true}) {
        EngineOptions options = whole ? BFLOAT16.withRenormalisation(Renormalisation.WHOLE_SERIES) : BFLOAT16;
        List<Golden.Case> cases = Golden.cases(Fixtures.timerXl(fixture));
        float[][][] out = Golden.inOneBatch(cases, MODELS.get(fixture, options)::forecast);
        for (int s = 0; s < cases.size(); s++) {
          assertWithin(fixture, cases.get(s), out[s], whole, "in a batch of " + cases.size());
        }
      }
    }
  }

  private static void assertWithin(String fixture, Golden.Case c, float[][] out, boolean whole, String how) {
    double err = Golden.relativeError(out, whole ? c.forecastNoCache : c.forecast);
    System.out.printf("timer-xl bfloat16 %s/%s %s (%s): relative error %.3g%n", fixture, c.name, how, whole ? "whole series" : "cached", err);
    assertTrue(fixture + "/" + c.name + " bfloat16 " + how + ": relative error " + err, err <= bound(fixture));
  }
}
