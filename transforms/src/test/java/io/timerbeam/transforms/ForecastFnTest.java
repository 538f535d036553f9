package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * A ForecastFn instance keeps one batch per engine thread in the engine (the tiny spec has two)
 * and emits each batch's series in order once the engine is done with it.
 */
public class ForecastFnTest {
  private static final int HORIZON = 8;
  private static final Schema ID = Schema.builder().addStringField("series").build();

  /** Records each series the ForecastFn hands on, with its head output. */
  private static final class Recorded implements HeadOutputs {
    private static final long serialVersionUID = 1L;
    final List<String> ids = new ArrayList<>();
    final List<double[][]> outputs = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    @Override
    public void forecast(AssembledContext series, double[][] headOutput, String modelId, MultiOutputReceiver out) {
      ids.add(series.id().getString("series"));
      outputs.add(headOutput);
    }

    @Override
    public void failure(AssembledContext series, SeriesRejection rejection, MultiOutputReceiver out) {
      failures.add(series.id().getString("series") + ": " + rejection);
    }
  }

  private static AssembledContext series(String id, int length, double phase) {
    return series(id, length, phase, HORIZON);
  }

  private static AssembledContext series(String id, int length, double phase, int horizon) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = 10 + 3 * Math.sin(i / 4.0 + phase);
    }
    return new AssembledContext(Row.withSchema(ID).addValue(id).build(), 0, new long[horizon], values);
  }

  private static List<AssembledContext> batch(String prefix, int size) {
    List<AssembledContext> batch = new ArrayList<>();
    for (int s = 0; s < size; s++) {
      batch.add(series(prefix + s, 40 + 8 * s, s));
    }
    return batch;
  }

  @Test
  public void aBatchIsEmittedOnceAsManyAsTheEngineThreadsAreInFlight() {
    Recorded recorded = new Recorded();
    ForecastFn fn = new ForecastFn(ModelFixture.TINY, recorded);
    CollectedOutputs out = new CollectedOutputs();
    List<AssembledContext> first = batch("a", 3);
    List<AssembledContext> second = batch("b", 2);
    List<AssembledContext> third = batch("c", 4);
    fn.setup();
    try {
      fn.startBundle();
      fn.process(first, BoundedWindow.TIMESTAMP_MIN_VALUE, out);
      assertEquals("one batch in flight, one engine thread still free", List.of(), recorded.ids);
      fn.process(second, BoundedWindow.TIMESTAMP_MIN_VALUE, out);
      assertEquals("two in flight: the oldest is emitted", List.of("a0", "a1", "a2"), recorded.ids);
      fn.process(third, BoundedWindow.TIMESTAMP_MIN_VALUE, out);
      assertEquals(List.of("a0", "a1", "a2", "b0", "b1"), recorded.ids);
      fn.finishAll(out);
    } finally {
      fn.teardown();
    }
    assertEquals(List.of("a0", "a1", "a2", "b0", "b1", "c0", "c1", "c2", "c3"), recorded.ids);
    assertEquals(List.of(), recorded.failures);
    List<AssembledContext> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    for (int s = 0; s < all.size(); s++) {
      float[][] alone = ModelFixture.forecast(all.get(s).values(), HORIZON);
      double[][] emitted = recorded.outputs.get(s);
      assertEquals(alone.length, emitted.length);
      for (int q = 0; q < alone.length; q++) {
        for (int t = 0; t < HORIZON; t++) {
          // batched and alone: the same forecast up to float rounding (the pipeline tests' tolerance)
          assertEquals(recorded.ids.get(s) + " q" + q + " t" + t, alone[q][t], emitted[q][t], 1e-4);
        }
      }
    }
  }

  @Test
  public void teardownWithoutFinishingLeavesNothingAllocated() {
    Recorded recorded = new Recorded();
    ForecastFn fn = new ForecastFn(ModelFixture.TINY, recorded);
    fn.setup();
    fn.startBundle();
    fn.process(batch("a", 2), BoundedWindow.TIMESTAMP_MIN_VALUE, new CollectedOutputs());
    // a failed bundle: the runner tears the instance down with the batch still in the engine;
    // closing the allocator throws if the batch's Arrow buffers were not freed
    fn.teardown();
    assertTrue("nothing emitted after teardown", recorded.ids.isEmpty());
  }

  /** The horizon is the series' own (its forecast times), not an option beside it. */
  @Test
  public void theEngineForecastsTheStepsTheSeriesWasAssembledFor() {
    Recorded recorded = new Recorded();
    ForecastFn fn = new ForecastFn(ModelFixture.TINY, recorded);
    fn.forecastAll(List.of(series("a", 48, 0, 3), series("b", 40, 1, 3)), 8, new CollectedOutputs());
    assertEquals(List.of("a", "b"), recorded.ids);
    for (double[][] output : recorded.outputs) {
      for (double[] quantile : output) {
        assertEquals(3, quantile.length);
      }
    }
  }

  @Test
  public void aBatchMixingHorizonsIsRefusedNamingBothSeries() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ForecastFn.horizonOf(List.of(series("a", 40, 0, HORIZON), series("b", 40, 0, HORIZON + 1))));
    assertTrue(e.getMessage(), e.getMessage().contains("a") && e.getMessage().contains("b")
        && e.getMessage().contains(HORIZON + " steps") && e.getMessage().contains(String.valueOf(HORIZON + 1)));
  }
}
