package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.ForecastModel;
import java.io.Serializable;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Forecasts one series at a time with {@link TimerForecast}'s series assembly, Arrow batch and
 * per-JVM engine, for callers that see one series per call (the Beam SQL aggregate): a
 * {@code CombineFn} extracts each group on its own, so its engine calls hold one series.
 * Options other than the horizon (model, context length, frequency, confidence level...) come
 * from a {@link TimerForecast.Forecasts}; its id, timestamp and value columns are not used.
 */
public final class OneSeriesForecaster implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Row NO_ID = Row.withSchema(Schema.of()).build();
  /** Shared by every single-series call of the JVM; Arrow buffers are freed after each call. */
  private static final BufferAllocator ALLOCATOR = new RootAllocator();

  private final TimerForecast.Forecasts options;

  public OneSeriesForecaster(TimerForecast.Forecasts options) {
    if (options.model() == null) {
      throw new IllegalArgumentException("OneSeriesForecaster: withModel(...) is required");
    }
    this.options = options;
  }

  /**
   * Forecasts one series from its points: epoch milliseconds, values (NaN = missing) and a count
   * of points that had no timestamp.
   */
  public OneSeriesOutcome forecast(long[] times, double[] values, int nullTimestamps, int horizon) {
    try {
      return OneSeriesOutcome.of(run(assemble(times, values, nullTimestamps, horizon)));
    } catch (SeriesRejection rejection) {
      return OneSeriesOutcome.rejected(rejection);
    }
  }

  /** The rejection {@link #forecast} would give these points (or none), without loading the engine. */
  public OneSeriesOutcome check(long[] times, double[] values, int nullTimestamps, int horizon) {
    try {
      assemble(times, values, nullTimestamps, horizon);
      return OneSeriesOutcome.of(List.of());
    } catch (SeriesRejection rejection) {
      return OneSeriesOutcome.rejected(rejection);
    }
  }

  private AssembledContext assemble(long[] times, double[] values, int nullTimestamps, int horizon)
      throws SeriesRejection {
    SeriesPoints points = SeriesPoints.of(options.contextLength(), times, values, nullTimestamps);
    return new AssemblyRules(options.frequency(), options.timeZone(), options.duplicates(), options.resampling(),
        options.minObservations(), options.contextLength(), horizon).assemble(NO_ID, points);
  }

  /** Engine failures propagate: a CombineFn has no failure output to send the series to. */
  private List<Row> run(AssembledContext series) {
    ModelHolder holder = ModelHolder.forSpec(options.model());
    ForecastModel engine = holder.model();
    ForecastRows rows = new ForecastRows(Schema.of(), options.quantileLayout(engine.quantileLevels()), options.levelColumns());
    try (ArrowContextBatch batch = ArrowContextBatch.of(ALLOCATOR, List.of(series), engine.patchLength())) {
      float[][][] output = holder.withModel(model -> model.forecast(batch.engineView(), series.horizon()));
      String modelId = options.model().outputModelId(engine::modelId);
      return rows.forecast(series, series.inDataUnits(output[0]), modelId);
    }
  }
}
