package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.Renormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.AfterClass;
import org.junit.Test;

/**
 * All golden cases of a fixture in one batch of different lengths (masked left padding,
 * per-series positions), each cut to its own horizon, in both modes; determinism and concurrent use.
 * One output length makes forecasts prefix-stable, so the batch runs at the longest horizon.
 */
public class TimerXlBatchingTest {
  private static final XlModels MODELS = new XlModels();

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  private static void assertMixedBatchMatchesGolden(String fixture, EngineOptions options, boolean wholeSeries) {
    List<Golden.Case> cases = Golden.cases(Fixtures.timerXl(fixture));
    float[][][] out = Golden.inOneBatch(cases, MODELS.get(fixture, options)::forecast);
    for (int s = 0; s < cases.size(); s++) {
      Golden.Case c = cases.get(s);
      double err = Golden.relativeError(out[s], wholeSeries ? c.forecastNoCache : c.forecast);
      System.out.printf("timer-xl golden %s/%s in a batch of %d (%s): relative error %.3g%n", fixture, c.name, cases.size(),
          options.renormalisation(), err);
      assertTrue(fixture + "/" + c.name + " in a mixed batch: relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  @Test
  public void mixedBatchesMatchTheCachedGolden() {
    assertMixedBatchMatchesGolden(Fixtures.TINY, EngineOptions.defaults(), false);
    assertMixedBatchMatchesGolden(Fixtures.SMALL_SHARDED, EngineOptions.defaults(), false);
  }

  @Test
  public void mixedBatchWithoutKvCacheMatchesTheCachedGolden() {
    assertMixedBatchMatchesGolden(Fixtures.TINY, EngineOptions.defaults().withKvCache(false), false);
  }

  @Test
  public void mixedBatchesMatchTheWholeSeriesGolden() {
    EngineOptions whole = EngineOptions.defaults().withRenormalisation(Renormalisation.WHOLE_SERIES);
    assertMixedBatchMatchesGolden(Fixtures.TINY, whole, true);
    assertMixedBatchMatchesGolden(Fixtures.SMALL_SHARDED, whole, true);
  }

  @Test
  public void repeatedAndConcurrentCallsAreBitIdentical() throws Exception {
    TimerXlModel model = MODELS.get(Fixtures.TINY, EngineOptions.defaults());
    List<Golden.Case> cases = Golden.cases(Fixtures.timerXl(Fixtures.TINY));
    List<double[]> contexts = new ArrayList<>();
    cases.forEach(c -> contexts.add(c.context));
    float[][][] first = model.forecast(contexts, 40);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[][][]>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> model.forecast(contexts, 40)));
      }
      for (Future<float[][][]> f : futures) {
        float[][][] again = f.get();
        for (int s = 0; s < first.length; s++) {
          assertArrayEquals(first[s][0], again[s][0], 0f);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
