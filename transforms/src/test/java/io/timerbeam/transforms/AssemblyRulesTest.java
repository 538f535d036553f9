package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.output.FailureCodes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class AssemblyRulesTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final Row ID = Row.withSchema(Schema.builder().addStringField("id").build()).addValue("a").build();

  private static AssemblyRules assembler(Frequency f, Aggregation duplicates, Aggregation resampling, int context) {
    return new AssemblyRules(f, ZoneOffset.UTC, duplicates, resampling, 3, context, 2);
  }

  /** The points gathered in two accumulators in input order, as two bundles would give them, then merged. */
  private static SeriesPoints points(long[] times, double[] values) {
    SeriesPoints first = new SeriesPoints(1000);
    SeriesPoints second = new SeriesPoints(1000);
    for (int i = 0; i < times.length; i++) {
      (i < times.length / 2 ? first : second).add(times[i], values[i]);
    }
    first.mergeFrom(second);
    return first;
  }

  @Test
  public void sortsFillsGapsAndForecastsAfterTheLastStep() throws Exception {
    AssembledContext c = assembler(null, null, null, 100)
        .assemble(ID, points(new long[] {3 * HOUR, 0, HOUR, 6 * HOUR, 4 * HOUR}, new double[] {4, 1, 2, Double.NaN, 5}));
    assertArrayEquals(new double[] {1, 2, Double.NaN, 4, 5, Double.NaN, Double.NaN}, c.values(), 0);
    assertEquals(4 * HOUR, c.contextEndMillis());
    assertArrayEquals(new long[] {7 * HOUR, 8 * HOUR}, c.forecastMillis());
  }

  @Test
  public void keepsTheMostRecentContextLengthSteps() throws Exception {
    AssembledContext c = assembler(null, null, null, 3)
        .assemble(ID, points(new long[] {0, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR}, new double[] {1, 2, 3, 4, 5}));
    assertArrayEquals(new double[] {3, 4, 5}, c.values(), 0);
  }

  @Test
  public void combinesDuplicatesAsAsked() throws Exception {
    long[] times = {0, HOUR, HOUR, 2 * HOUR};
    double[] values = {1, 2, 6, 3};
    assertArrayEquals(new double[] {1, 4, 3}, assembler(null, Aggregation.MEAN, null, 10).assemble(ID, points(times, values)).values(), 0);
    assertArrayEquals(new double[] {1, 8, 3}, assembler(null, Aggregation.SUM, null, 10).assemble(ID, points(times, values)).values(), 0);
    assertArrayEquals(new double[] {1, 6, 3}, assembler(null, Aggregation.LAST, null, 10).assemble(ID, points(times, values)).values(), 0);
    SeriesRejection r = assertThrows(SeriesRejection.class, () -> assembler(null, null, null, 10).assemble(ID, points(times, values)));
    assertEquals(FailureCodes.DUPLICATE_TIMESTAMP, r.code());
  }

  @Test
  public void resamplingBucketsOffGridPoints() throws Exception {
    long[] times = {0, HOUR + 60_000, 2 * HOUR, 2 * HOUR + 1_000, 3 * HOUR};
    double[] values = {1, 2, 3, 5, 6};
    Frequency hourly = Frequency.of(Duration.ofHours(1));
    SeriesRejection r = assertThrows(SeriesRejection.class,
        () -> assembler(hourly, null, null, 10).assemble(ID, points(times, values)));
    assertEquals(FailureCodes.OFF_GRID, r.code());
    assertArrayEquals(new double[] {1, 2, 4, 6},
        assembler(hourly, null, Aggregation.MEAN, 10).assemble(ID, points(times, values)).values(), 0);
  }

  @Test
  public void rejectsSeriesTheEngineWouldReject() {
    SeriesRejection r = assertThrows(SeriesRejection.class, () -> assembler(null, null, null, 10)
        .assemble(ID, points(new long[] {0, HOUR, 2 * HOUR, 3 * HOUR}, new double[] {1, Double.NEGATIVE_INFINITY, 2, 3})));
    assertEquals(FailureCodes.INVALID_VALUES, r.code());
  }
}
