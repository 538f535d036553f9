package io.timerbeam.transforms;

import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.series.GridAssembler;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.series.SeriesRejection;
import java.io.Serializable;
import java.time.ZoneId;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The transforms' face of {@link GridAssembler} (model/, shared with the Flink SQL provider): a series' id travels with its context. */
final class AssemblyRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private final GridAssembler grid;

  AssemblyRules(@Nullable Frequency frequency, ZoneId timeZone, @Nullable Aggregation duplicates, @Nullable Aggregation resampling,
      int minObservations, int contextLength, int horizon) {
    this.grid = new GridAssembler(frequency, timeZone, duplicates, resampling, minObservations, contextLength, horizon);
  }

  /** The context of one series from its gathered points ({@link GridAssembler#assemble}). */
  AssembledContext assemble(Row id, SeriesPoints gathered) throws SeriesRejection {
    GridAssembler.Assembled series = grid.assemble(gathered);
    return new AssembledContext(id, series.contextEndMillis(), series.forecastMillis(), series.values());
  }

  GridAssembler.GridSeries onGrid(SeriesPoints gathered, int maxSteps) throws SeriesRejection {
    return grid.onGrid(gathered, maxSteps);
  }
}
