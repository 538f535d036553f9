package io.timerbeam.model.timers1;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.AfterClass;
import org.junit.Test;

/** Batch independence, determinism and concurrent use of one loaded model. */
public class TimerS1BatchingTest {
  private static final S1Models MODELS = new S1Models();

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  /** All cases of a fixture in one batch (of different lengths), each cut to its own horizon. */
  private static void assertMixedBatchMatchesGolden(String fixture, EngineOptions options) {
    assertMixedBatchMatchesGolden(fixture, options, TimerS1Network.MoeStrategy.AUTO);
  }

  private static void assertMixedBatchMatchesGolden(String fixture, EngineOptions options, TimerS1Network.MoeStrategy moe) {
    List<Golden.Case> cases = Golden.cases(fixture);
    float[][][] out = Golden.inOneBatch(cases, MODELS.get(fixture, options, moe)::forecast);
    for (int s = 0; s < cases.size(); s++) {
      Golden.Case c = cases.get(s);
      float[][] own = out[s];
      double err = Golden.relativeError(own, c.forecast);
      System.out.printf("golden %s/%s in a batch of %d: relative error %.3g%n", fixture, c.name, cases.size(), err);
      assertTrue(fixture + "/" + c.name + " in a mixed batch: relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  @Test
  public void tinyMixedBatchMatchesGolden() {
    assertMixedBatchMatchesGolden(Fixtures.TINY, EngineOptions.defaults());
  }

  @Test
  public void tinyMixedBatchMatchesGoldenWithoutCache() {
    assertMixedBatchMatchesGolden(Fixtures.TINY, EngineOptions.defaults().withKvCache(false));
  }

  @Test
  public void mixedBatchMatchesGoldenWithEachExpertPath() {
    assertMixedBatchMatchesGolden(Fixtures.TINY, EngineOptions.defaults(), TimerS1Network.MoeStrategy.BATCHED);
    assertMixedBatchMatchesGolden(Fixtures.SMALL_SHARDED, EngineOptions.defaults(), TimerS1Network.MoeStrategy.PER_EXPERT);
  }

  @Test
  public void shardedMixedBatchMatchesGolden() {
    assertMixedBatchMatchesGolden(Fixtures.SMALL_SHARDED, EngineOptions.defaults());
  }

  @Test
  public void repeatedCallsAreBitIdentical() {
    TimerS1Model model = MODELS.get(Fixtures.TINY, EngineOptions.defaults());
    List<double[]> contexts = new ArrayList<>();
    for (Golden.Case c : Golden.cases(Fixtures.TINY)) {
      contexts.add(c.context);
    }
    float[][][] first = model.forecast(contexts, 40);
    float[][][] second = model.forecast(contexts, 40);
    for (int s = 0; s < first.length; s++) {
      for (int j = 0; j < first[s].length; j++) {
        assertArrayEquals(first[s][j], second[s][j], 0f);
      }
    }
  }

  @Test
  public void concurrentCallersGetTheSameNumbers() throws Exception {
    TimerS1Model model = MODELS.get(Fixtures.TINY, EngineOptions.defaults());
    List<Golden.Case> cases = Golden.cases(Fixtures.TINY);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][][]>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Golden.Case c = cases.get(i % cases.size());
        futures.add(pool.submit(() -> model.forecast(List.of(c.context), c.horizon)));
      }
      for (int i = 0; i < futures.size(); i++) {
        Golden.Case c = cases.get(i % cases.size());
        double err = Golden.relativeError(futures.get(i).get()[0], c.forecast);
        assertTrue(c.name + " from a concurrent caller: relative error " + err, err <= Golden.TOLERANCE);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void longContextsKeepTheirMostRecentPoints() {
    Golden.Case c = Golden.cases(Fixtures.TINY).stream().filter(g -> g.name.equals("len256_h64")).findFirst().orElseThrow();
    double[] longer = new double[c.context.length + 100];
    for (int i = 0; i < 100; i++) {
      longer[i] = 1e9 * (i % 2 == 0 ? 1 : -1); // would wreck RevIN if it were not cut away
    }
    System.arraycopy(c.context, 0, longer, 100, c.context.length);
    TimerS1Model capped = MODELS.get(Fixtures.TINY, EngineOptions.defaults().withMaxContextLength(c.context.length));
    float[][][] out = capped.forecast(List.of(longer), c.horizon);
    assertEquals(c.horizon, out[0][0].length);
    double err = Golden.relativeError(out[0], c.forecast);
    assertTrue("capped context: relative error " + err, err <= Golden.TOLERANCE);
  }

  @Test
  public void aContextCapInsideAPatchHidesTheOlderPointsOfThatPatch() {
    Golden.Case c = Golden.cases(Fixtures.TINY).stream().filter(g -> g.name.equals("len256_h64")).findFirst().orElseThrow();
    int cap = c.context.length - 6; // not whole patches: the cut falls inside the first kept token
    double[] longer = new double[c.context.length + 100];
    for (int i = 0; i < 100; i++) {
      longer[i] = 1e9 * (i % 2 == 0 ? 1 : -1);
    }
    System.arraycopy(c.context, 0, longer, 100, c.context.length);
    double[] kept = java.util.Arrays.copyOfRange(c.context, 6, c.context.length);
    double[] shorter = java.util.Arrays.copyOfRange(c.context, 200, c.context.length);
    TimerS1Model capped = MODELS.get(Fixtures.TINY, EngineOptions.defaults().withMaxContextLength(cap));
    TimerS1Model uncapped = MODELS.get(Fixtures.TINY, EngineOptions.defaults());
    float[][] alone = uncapped.forecast(List.of(kept), c.horizon)[0];
    float[][] cut = capped.forecast(List.of(longer), c.horizon)[0];
    for (int j = 0; j < alone.length; j++) {
      assertArrayEquals("quantile " + j + " of the capped series", alone[j], cut[j], 0f);
    }
    // In a batch with a shorter series (other padding, other row of the cap's mask): equal within the batching tolerance.
    float[][][] batched = capped.forecast(List.of(shorter, longer), c.horizon);
    double errShorter = Golden.relativeError(batched[0], Golden.toDouble(uncapped.forecast(List.of(shorter), c.horizon)[0]));
    double errCapped = Golden.relativeError(batched[1], Golden.toDouble(alone));
    assertTrue("batch mate: relative error " + errShorter, errShorter <= Golden.TOLERANCE);
    assertTrue("capped series in a batch: relative error " + errCapped, errCapped <= Golden.TOLERANCE);
  }
}
