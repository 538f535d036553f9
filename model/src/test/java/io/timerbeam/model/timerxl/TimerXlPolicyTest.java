package io.timerbeam.model.timerxl;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import java.util.Arrays;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Test;

/** The library's rules where the Hugging Face code is undefined: missing points, constant and too-short contexts, horizons. */
public class TimerXlPolicyTest {
  private static final XlModels MODELS = new XlModels();
  private static final int P = 8;

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  private static TimerXlModel tiny() {
    return MODELS.get(Fixtures.TINY, EngineOptions.defaults());
  }

  private static Golden.Case golden(String name) {
    return Golden.cases(Fixtures.timerXl(Fixtures.TINY)).stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
  }

  private static float[] forecastOne(double[] context, int horizon) {
    return tiny().forecast(List.of(context), horizon)[0][0];
  }

  @Test
  public void interiorGapsAreInterpolatedLinearly() {
    double[] full = golden("len96_h43_autoregressive").context.clone();
    double[] gappy = full.clone();
    for (int i = 40; i < 45; i++) {
      full[i] = full[39] + (full[45] - full[39]) * (i - 39) / 6.0;
      gappy[i] = Double.NaN;
    }
    assertArrayEquals(forecastOne(full, 20), forecastOne(gappy, 20), 0f);
  }

  @Test
  public void leadingGapsAreDroppedAndTrailingGapsCarryTheLastValue() {
    double[] context = golden("len64_h8_one_chunk").context;
    double[] leading = new double[context.length + 5];
    Arrays.fill(leading, 0, 5, Double.NaN);
    System.arraycopy(context, 0, leading, 5, context.length);
    // 69 points with 5 leading gaps: the 64 observed ones remain, exactly the golden case.
    float[][] out = {forecastOne(leading, 8)};
    assertEquals(0, Golden.relativeError(out, golden("len64_h8_one_chunk").forecast), 1e-4);

    double[] trailing = context.clone();
    double[] carried = context.clone();
    for (int i = 60; i < 64; i++) {
      trailing[i] = Double.NaN;
      carried[i] = context[59];
    }
    assertArrayEquals(forecastOne(carried, 12), forecastOne(trailing, 12), 0f);
  }

  @Test
  public void aConstantContextForecastsTheConstantWithoutDisturbingItsBatch() {
    double[] flat = new double[24];
    Arrays.fill(flat, 7.5);
    Golden.Case c = golden("len96_h43_autoregressive");
    float[][][] out = tiny().forecast(List.of(flat, c.context), c.horizon);
    float[] expected = new float[c.horizon];
    Arrays.fill(expected, 7.5f);
    assertArrayEquals(expected, out[0][0], 0f);
    assertEquals(0, Golden.relativeError(new float[][] {out[1][0]}, c.forecast), 1e-4);
  }

  @Test
  public void tooShortOrAllMissingContextsAreRejectedWithTheSeriesNamed() {
    assertThat(tiny().contextProblem(new double[] {1, 2, 3}), containsString("3 points from the first observed one, fewer than one patch of 8"));
    double[] lateStart = new double[10];
    Arrays.fill(lateStart, 0, 4, Double.NaN);
    Arrays.fill(lateStart, 4, 10, 1.0);
    assertThat(tiny().contextProblem(lateStart), containsString("6 points from the first observed one"));
    assertNull(tiny().contextProblem(new double[P]));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny().forecast(List.of(new double[P + 3], new double[] {1, 2}), 4)).getMessage(),
        containsString("series 1: 2 points from the first observed one"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny().forecast(List.of(new double[] {Double.NaN, Double.NaN}), 4)).getMessage(),
        containsString("series 0: all 2 points are missing"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> tiny().forecast(ContextBatch.pack(List.of(new double[16], new double[5]), P), 4)).getMessage(),
        containsString("series 1 of the batch: 5 points"));
  }

  @Test
  public void theContextCapAppliesBeforeGapsAreHandled() {
    TimerXlModel capped = MODELS.get(Fixtures.TINY, EngineOptions.defaults().withMaxContextLength(12));
    double[] context = new double[40];
    Arrays.fill(context, 28, 38, Double.NaN); // the most recent 12 points: 10 missing, then 2 observed
    assertThat(capped.contextProblem(context), containsString("2 points from the first observed one"));
    Golden.Case c = golden("len64_h8_one_chunk");
    double[] longer = new double[c.context.length + 50];
    Arrays.fill(longer, 0, 50, 1e9); // would wreck RevIN if the cap did not cut it away
    System.arraycopy(c.context, 0, longer, 50, c.context.length);
    float[][] out = MODELS.get(Fixtures.TINY, EngineOptions.defaults().withMaxContextLength(64)).forecast(List.of(longer), 8)[0];
    assertEquals(0, Golden.relativeError(out, c.forecast), 1e-4);
  }

  @Test
  public void nonPositiveHorizonsAreRejected() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> tiny().forecast(List.of(new double[16]), 0)).getMessage(),
        containsString("horizon must be positive, got 0"));
  }
}
