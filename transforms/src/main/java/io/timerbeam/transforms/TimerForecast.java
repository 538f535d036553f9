package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.output.IntervalLevels;
import io.timerbeam.model.output.QuantileLayout;
import com.google.auto.value.AutoValue;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Timer-S1 or Timer-XL forecasts for every series of a long-format table (one row per series and time).
 * Without column options the columns are those the input's schema stamps ({@link ColumnRole}: the
 * readers do), else {@code unique_id}, {@code ds}, {@code y} ({@link Columns}).
 *
 * <pre>{@code
 * ForecastResult result = points.apply(TimerForecast.forecasts()
 *     .withIdColumns("store", "sku")
 *     .withTimestampColumn("day")
 *     .withValueColumn("sales")
 *     .withHorizon(28)
 *     .withModel(ModelSpec.of("/models/timer-s1")));
 * result.forecasts();   // one row per series and step, see README-transforms.md
 * result.failures();    // one row per series that could not be forecast, with the reason
 * }</pre>
 */
public final class TimerForecast {
  static final TupleTag<Row> FORECASTS = new TupleTag<Row>("forecasts") {};
  static final TupleTag<Row> FAILURES = new TupleTag<Row>("failures") {};
  static final TupleTag<KV<ShardedKey<Integer>, AssembledContext>> CONTEXTS =
      new TupleTag<KV<ShardedKey<Integer>, AssembledContext>>("contexts") {};

  private TimerForecast() {}

  /**
   * Forecasts with defaults, of either family: quantiles and an interval from Timer-S1's quantile
   * head, a point forecast from Timer-XL's. Contexts of up to 11,520 points, frequency inferred per
   * series, calendar steps in UTC, 80% prediction interval, sorted quantiles, at least 3 observed points, duplicate
   * timestamps and off-grid points rejected.
   */
  public static Forecasts forecasts() {
    return new AutoValue_TimerForecast_Forecasts.Builder()
        .setIdColumns(List.of())
        .setContextLength(EngineOptions.DEFAULT_MAX_CONTEXT)
        .setTimeZone(ZoneOffset.UTC)
        .setConfidenceLevels(List.of(0.8))
        .setLevelColumns(false)
        .setRawQuantiles(false)
        .setMinObservations(3)
        .setBatchSize(256)
        .setMaxTokensPerBatch(65_536)
        .build();
  }

  /**
   * The same transform as {@link #forecasts()}, named after Timer-S1's quantile head.
   *
   * @deprecated use {@link #forecasts()}: the name holds for Timer-XL's point forecasts too.
   */
  @Deprecated
  public static Forecasts quantiles() {
    return forecasts();
  }

  /**
   * Rolling-origin backtests of every series with the same options as {@link #forecasts()}:
   * windows, metrics against the actuals and the seasonal-naive baseline; see {@link TimerBacktest}.
   */
  public static TimerBacktest backtest() {
    return forecasts().backtest();
  }

  /**
   * Anomaly detection over each series' last points ({@code withTargetLast}) or its points since a
   * time ({@code withTargetSince}), with the options of {@link #forecasts()}; see {@link TimerAnomalies}.
   */
  public static TimerAnomalies anomalies() {
    return forecasts().anomalies();
  }

  /** The transform; immutable, every {@code withX} returns a copy. */
  @AutoValue
  public abstract static class Forecasts extends PTransform<PCollection<Row>, ForecastResult> {
    private static final long serialVersionUID = 1L;

    abstract List<String> idColumns();

    abstract @Nullable String timestampColumn();

    abstract @Nullable String valueColumn();

    abstract @Nullable Integer horizon();

    abstract int contextLength();

    abstract @Nullable Frequency frequency();

    abstract ZoneId timeZone();

    abstract @Nullable ModelSpec model();

    abstract List<Double> confidenceLevels();

    /** True after withLevels: a lower and upper column per level instead of AI.FORECAST's three interval columns. */
    abstract boolean levelColumns();

    abstract boolean rawQuantiles();

    abstract int minObservations();

    abstract @Nullable Aggregation duplicates();

    abstract @Nullable Aggregation resampling();

    abstract int batchSize();

    abstract long maxTokensPerBatch();

    abstract @Nullable ErrorHandler<BadRecord, ?> errorHandler();

    abstract Builder toBuilder();

    /** A backtest with this transform's options (ids, columns, horizon, model, context...): see {@link TimerBacktest}. */
    public TimerBacktest backtest() {
      return TimerBacktest.of(this);
    }

    /** Anomaly detection with this transform's options (columns, model, context...): see {@link TimerAnomalies}. */
    public TimerAnomalies anomalies() {
      return TimerAnomalies.of(this);
    }

    /** The columns that together name a series (strings, integers, dates, timestamps...); default: see the class. */
    public Forecasts withIdColumns(String... columns) {
      if (columns.length == 0 || Arrays.stream(columns).anyMatch(c -> c == null || c.isEmpty())) {
        throw new IllegalArgumentException("withIdColumns: give one or more non-empty column names");
      }
      if (Arrays.stream(columns).distinct().count() != columns.length) {
        throw new IllegalArgumentException("withIdColumns: column named twice in " + Arrays.toString(columns));
      }
      return toBuilder().setIdColumns(List.of(columns)).build();
    }

    /** DATETIME, a date, datetime or timestamp logical type, or INT64 epoch milliseconds; read as UTC. */
    public Forecasts withTimestampColumn(String column) {
      return toBuilder().setTimestampColumn(nonEmpty("withTimestampColumn", column)).build();
    }

    /** Any numeric column; null (or NaN) is a missing value. */
    public Forecasts withValueColumn(String column) {
      return toBuilder().setValueColumn(nonEmpty("withValueColumn", column)).build();
    }

    /** Steps to forecast after each series' last observed point. */
    public Forecasts withHorizon(int steps) {
      return toBuilder().setHorizon(positive("withHorizon", steps)).build();
    }

    /** Most recent points given to the model (default 11,520, the release's longest context). */
    public Forecasts withContextLength(int points) {
      return toBuilder().setContextLength(positive("withContextLength", points)).build();
    }

    /** One frequency for every series instead of inferring each series' most common step. */
    public Forecasts withFrequency(Frequency frequency) {
      if (frequency == null) {
        throw new IllegalArgumentException("withFrequency: must not be null");
      }
      return toBuilder().setFrequency(frequency).build();
    }

    /**
     * The zone whose calendar days, weeks and months calendar frequencies step through (default
     * UTC): in Europe/Berlin daily points at local midnight stay on the grid across DST switches and
     * forecasts continue at local midnight.
     */
    public Forecasts withTimeZone(ZoneId zone) {
      if (zone == null) {
        throw new IllegalArgumentException("withTimeZone: must not be null");
      }
      return toBuilder().setTimeZone(zone).build();
    }

    public Forecasts withModel(ModelSpec model) {
      if (model == null) {
        throw new IllegalArgumentException("withModel: must not be null");
      }
      return toBuilder().setModel(model).build();
    }

    /** The prediction interval's coverage; the model must have its two quantiles (default 0.8: q10, q90). */
    public Forecasts withConfidenceLevel(double level) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("withConfidenceLevel: must be in (0, 1), got " + level);
      }
      return toBuilder().setConfidenceLevels(List.of(level)).setLevelColumns(false).build();
    }

    /**
     * Several prediction intervals at once, e.g. {@code withLevels(0.8, 0.6)}: columns
     * {@code prediction_interval_lower_bound_80}, {@code prediction_interval_upper_bound_80}, ...
     * in the order given, instead of the single-level columns. Each level needs the model's
     * quantiles (1-c)/2 and (1+c)/2 (Timer-S1: 0.1..0.9, so at most 0.8); checked at construction.
     * Backtests score the first level.
     */
    public Forecasts withLevels(double... levels) {
      if (levels == null || levels.length == 0) {
        throw new IllegalArgumentException("withLevels: give at least one level");
      }
      List<Double> list = new java.util.ArrayList<>();
      for (double level : levels) {
        if (!(level > 0 && level < 1)) {
          throw new IllegalArgumentException("withLevels: every level must be in (0, 1), got " + level);
        }
        if (list.stream().anyMatch(l -> IntervalLevels.percent(l).equals(IntervalLevels.percent(level)))) {
          throw new IllegalArgumentException("withLevels: level " + level + " is given twice");
        }
        list.add(level);
      }
      return toBuilder().setConfidenceLevels(List.copyOf(list)).setLevelColumns(true).build();
    }

    /** Keeps the model's quantile values as they are instead of sorting each step's values. */
    public Forecasts withRawQuantiles() {
      return toBuilder().setRawQuantiles(true).build();
    }

    /** Fewest observed points in a context (default 3). */
    public Forecasts withMinObservations(int points) {
      return toBuilder().setMinObservations(positive("withMinObservations", points)).build();
    }

    /** Combines points sharing a timestamp instead of rejecting the series. */
    public Forecasts withDuplicates(Aggregation aggregation) {
      if (aggregation == null) {
        throw new IllegalArgumentException("withDuplicates: must not be null");
      }
      return toBuilder().setDuplicates(aggregation).build();
    }

    /**
     * Buckets points into frequency steps aligned to the epoch (fixed steps), local midnight (days),
     * the week's start day (weeks) or month starts (months, calendar quarters),
     * combining each bucket's points, instead of rejecting series with points off the grid.
     */
    public Forecasts withResampling(Aggregation aggregation) {
      if (aggregation == null) {
        throw new IllegalArgumentException("withResampling: must not be null");
      }
      return toBuilder().setResampling(aggregation).build();
    }

    /** Most series per engine call (default 256). */
    public Forecasts withBatchSize(int series) {
      return toBuilder().setBatchSize(positive("withBatchSize", series)).build();
    }

    /** Most token slots (series * longest series' tokens) per engine call, to bound memory (default 65,536). */
    public Forecasts withMaxTokensPerBatch(long tokens) {
      if (tokens <= 0) {
        throw new IllegalArgumentException("withMaxTokensPerBatch: must be positive, got " + tokens);
      }
      return toBuilder().setMaxTokensPerBatch(tokens).build();
    }

    /**
     * Also sends every failure row to {@code handler}, as Beam's IOs send their bad records: one
     * {@link BadRecord} per series that could not be forecast, its record the failure row, its
     * description {@code error_code: error_message}. {@link ForecastResult#failures()} still holds them.
     */
    public Forecasts withErrorHandler(ErrorHandler<BadRecord, ?> handler) {
      if (handler == null) {
        throw new IllegalArgumentException("withErrorHandler: must not be null");
      }
      return toBuilder().setErrorHandler(handler).build();
    }

    @Override
    public ForecastResult expand(PCollection<Row> points) {
      checkComplete("TimerForecast.forecasts()");
      InputColumns columns = inputColumns(points);
      ModelDescriptor model = modelConfig();
      ForecastRows rows = forecastRows(columns, model);
      TokenBucket bucket = new TokenBucket(model.patchLength());
      AssemblyRules assembler = assembler();
      ContextCutter<SeriesPoints> oneContext = (id, gathered, out) -> List.of(assembler.assemble(id, gathered));
      PCollectionTuple assembled = gather(points, columns, contextLength())
          .apply("AssembleSeries", ParDo.of(new AssembleSeriesFn<>(oneContext, bucket, rows.failureSchema(), CONTEXTS, FAILURES, model()))
              .withOutputTags(CONTEXTS, TupleTagList.of(FAILURES)));
      PCollectionTuple forecast = forecastBatches(assembled.get(CONTEXTS), columns, bucket,
          new ForecastOutputs(rows, FORECASTS, FAILURES), FORECASTS, TupleTagList.of(FAILURES));
      PCollection<Row> failures = PCollectionList
          .of(assembled.get(FAILURES).setRowSchema(rows.failureSchema()))
          .and(forecast.get(FAILURES).setRowSchema(rows.failureSchema()))
          .apply("AllFailures", Flatten.pCollections());
      FailureBadRecords.report(failures, errorHandler());
      return new ForecastResult(points.getPipeline(),
          forecast.get(FORECASTS).setRowSchema(rows.forecastSchema()), failures);
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      builder
          .add(DisplayData.item("idColumns", String.join(",", idColumns())).withLabel("Series id columns"))
          .addIfNotNull(DisplayData.item("timestampColumn", timestampColumn()).withLabel("Timestamp column"))
          .addIfNotNull(DisplayData.item("valueColumn", valueColumn()).withLabel("Value column"))
          .addIfNotNull(DisplayData.item("horizon", horizon()).withLabel("Forecast steps"))
          .add(DisplayData.item("contextLength", contextLength()).withLabel("Context length (points)"))
          .addIfNotNull(DisplayData.item("frequency", frequency() == null ? null : frequency().toString())
              .withLabel("Frequency (null: inferred per series)"))
          .add(DisplayData.item("timeZone", timeZone().getId()).withLabel("Calendar time zone"))
          .add(DisplayData.item("confidenceLevels", confidenceLevels().toString()).withLabel("Interval confidence levels"))
          .add(DisplayData.item("minObservations", minObservations()).withLabel("Minimum observed points"))
          .addIfNotNull(DisplayData.item("duplicates", duplicates() == null ? null : duplicates().name())
              .withLabel("Duplicate timestamps"))
          .addIfNotNull(DisplayData.item("resampling", resampling() == null ? null : resampling().name())
              .withLabel("Resampling"))
          .add(DisplayData.item("batchSize", batchSize()).withLabel("Series per engine call"))
          .add(DisplayData.item("maxTokensPerBatch", maxTokensPerBatch()).withLabel("Tokens per engine call"));
      if (model() != null) {
        builder.include("model", model());
      }
    }

    void checkComplete(String transform) {
      // The columns may come from the input's schema: InputColumns resolves them.
      String missing = horizon() == null ? "withHorizon"
          : model() == null ? "withModel"
          : null;
      if (missing != null) {
        throw new IllegalStateException(transform + ": " + missing + "(...) is required");
      }
    }

    InputColumns inputColumns(PCollection<Row> points) {
      if (!(points.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
        throw new IllegalArgumentException("TimerForecast: input must be globally windowed (batch), got "
            + points.getWindowingStrategy().getWindowFn());
      }
      return InputColumns.of(points.getSchema(), idColumns(), timestampColumn(), valueColumn());
    }

    QuantileLayout quantileLayout(ModelDescriptor model) {
      return quantileLayout(model.quantileLevels());
    }

    QuantileLayout quantileLayout(double[] modelQuantiles) {
      double[] levels = confidenceLevels().stream().mapToDouble(Double::doubleValue).toArray();
      return new QuantileLayout(modelQuantiles, levels, levelColumns() ? "withLevels" : "withConfidenceLevel", !rawQuantiles());
    }

    ForecastRows forecastRows(InputColumns columns, ModelDescriptor model) {
      return new ForecastRows(columns.idSchema(), quantileLayout(model), levelColumns());
    }

    AssemblyRules assembler() {
      return new AssemblyRules(frequency(), timeZone(), duplicates(), resampling(), minObservations(), contextLength(), horizon());
    }

    /** One element per series: its most recent {@code retain} distinct timestamps, combined map-side. */
    PCollection<KV<Row, SeriesPoints>> gather(PCollection<Row> points, InputColumns columns, int retain) {
      KvCoder<Row, SeriesPoints> gathered = KvCoder.of(RowCoder.of(columns.idSchema()), new SeriesPointsCoder());
      return points
          .apply("GatherInBundle", ParDo.of(new GatherInBundleFn(columns, retain)))
          .setCoder(gathered)
          .apply("GatherSeries", Combine.perKey(new GatherPointsFn(retain)))
          .setCoder(gathered);
    }

    /** The engine path both forecasting and backtesting take: batches by length, then the shared model. */
    PCollectionTuple forecastBatches(PCollection<KV<ShardedKey<Integer>, AssembledContext>> contexts, InputColumns columns,
        TokenBucket bucket, HeadOutputs outputs, TupleTag<Row> mainOutput, TupleTagList otherOutputs) {
      return contexts
          .setCoder(BatchContexts.inputCoder(columns.idSchema()))
          .apply("BatchByLength", new BatchContexts(bucket, batchSize(), maxTokensPerBatch(), columns.idSchema()))
          .apply("Forecast", ParDo.of(new ForecastFn(model(), outputs))
              .withOutputTags(mainOutput, otherOutputs));
    }

    /** Read at construction time: the output schema has one column per quantile of the head. */
    ModelDescriptor modelConfig() {
      try {
        return ModelConfigs.read(Paths.get(model().checkpointPath()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "withModel: cannot read config.json of " + model().checkpointPath() + ": " + e.getMessage(), e);
      }
    }

    static String nonEmpty(String option, String column) {
      if (column == null || column.isEmpty()) {
        throw new IllegalArgumentException(option + ": column name must be non-empty");
      }
      return column;
    }

    static int positive(String option, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(option + ": must be positive, got " + value);
      }
      return value;
    }

    @AutoValue.Builder
    abstract static class Builder {
      abstract Builder setIdColumns(List<String> columns);

      abstract Builder setTimestampColumn(String column);

      abstract Builder setValueColumn(String column);

      abstract Builder setHorizon(Integer steps);

      abstract Builder setContextLength(int points);

      abstract Builder setFrequency(Frequency frequency);

      abstract Builder setTimeZone(ZoneId zone);

      abstract Builder setModel(ModelSpec model);

      abstract Builder setConfidenceLevels(List<Double> levels);

      abstract Builder setLevelColumns(boolean levelColumns);

      abstract Builder setRawQuantiles(boolean raw);

      abstract Builder setMinObservations(int points);

      abstract Builder setDuplicates(Aggregation aggregation);

      abstract Builder setResampling(Aggregation aggregation);

      abstract Builder setBatchSize(int series);

      abstract Builder setMaxTokensPerBatch(long tokens);

      abstract Builder setErrorHandler(ErrorHandler<BadRecord, ?> handler);

      abstract Forecasts build();
    }
  }
}
