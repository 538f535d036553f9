package io.timerbeam.transforms;

import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.output.QuantileLayout;
import com.google.auto.value.AutoValue;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.MetricAggregate;
import io.timerbeam.transforms.evaluation.RollingWindows;
import io.timerbeam.transforms.evaluation.Seasonality;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rolling-origin backtests ({@link TimerForecast#backtest()}): every series is cut into
 * {@code withWindows(N)} windows of {@code withHorizon(H)} steps, {@code withStep(S)} apart (default
 * H), the last window's actuals being the series' last H steps; each window's context (the points
 * up to its cutoff) is forecast on the same batched engine path as {@link TimerForecast#forecasts()},
 * and scored against its actuals with the seasonal-naive baseline alongside. Windows, metrics and
 * conventions: transforms/README-evaluation.md. Immutable: every {@code withX} returns a copy.
 *
 * <p>Each series keeps its last context + H + (N-1)*S grid steps, and at least the MASE history
 * bound ({@link RollingWindows#DEFAULT_HISTORY_LIMIT}) + H + (N-1)*S.
 */
@AutoValue
public abstract class TimerBacktest extends PTransform<PCollection<Row>, BacktestResult> {
  private static final long serialVersionUID = 1L;
  // The backtest's outputs; FORECASTS, FAILURES and CONTEXTS are the forecast path's, shared with it.
  static final TupleTag<Row> METRICS = new TupleTag<Row>("metrics") {};
  static final TupleTag<Row> WINDOW_FORECASTS = new TupleTag<Row>("window_forecasts") {};
  static final TupleTag<Row> SUMMARY = new TupleTag<Row>("summary") {};
  static final TupleTag<KV<String, MetricAggregate>> AGGREGATES = new TupleTag<KV<String, MetricAggregate>>("aggregates") {};

  /** The forecast options (ids, columns, horizon, model, context, frequency...) the windows are forecast with. */
  abstract TimerForecast.Forecasts forecast();

  abstract int windows();

  abstract @Nullable Integer step();

  abstract @Nullable Integer season();

  abstract Builder toBuilder();

  static TimerBacktest of(TimerForecast.Forecasts forecast) {
    return new AutoValue_TimerBacktest.Builder().setForecast(forecast).setWindows(1).build();
  }

  private TimerBacktest with(TimerForecast.Forecasts forecast) {
    return toBuilder().setForecast(forecast).build();
  }

  public TimerBacktest withIdColumns(String... columns) {
    return with(forecast().withIdColumns(columns));
  }

  public TimerBacktest withTimestampColumn(String column) {
    return with(forecast().withTimestampColumn(column));
  }

  public TimerBacktest withValueColumn(String column) {
    return with(forecast().withValueColumn(column));
  }

  /** Steps per window, forecast from its cutoff and scored. */
  public TimerBacktest withHorizon(int steps) {
    return with(forecast().withHorizon(steps));
  }

  public TimerBacktest withContextLength(int points) {
    return with(forecast().withContextLength(points));
  }

  public TimerBacktest withFrequency(Frequency frequency) {
    return with(forecast().withFrequency(frequency));
  }

  public TimerBacktest withModel(ModelSpec model) {
    return with(forecast().withModel(model));
  }

  /** The interval that coverage, interval_width and msis score (default 0.8). */
  public TimerBacktest withConfidenceLevel(double level) {
    return with(forecast().withConfidenceLevel(level));
  }

  public TimerBacktest withRawQuantiles() {
    return with(forecast().withRawQuantiles());
  }

  /** Fewest observed points in a window's context (default 3); fewer fails the window. */
  public TimerBacktest withMinObservations(int points) {
    return with(forecast().withMinObservations(points));
  }

  public TimerBacktest withDuplicates(Aggregation aggregation) {
    return with(forecast().withDuplicates(aggregation));
  }

  public TimerBacktest withTimeZone(ZoneId zone) {
    return with(forecast().withTimeZone(zone));
  }

  public TimerBacktest withResampling(Aggregation aggregation) {
    return with(forecast().withResampling(aggregation));
  }

  public TimerBacktest withBatchSize(int series) {
    return with(forecast().withBatchSize(series));
  }

  public TimerBacktest withMaxTokensPerBatch(long tokens) {
    return with(forecast().withMaxTokensPerBatch(tokens));
  }

  /** Also sends each row of {@link BacktestResult#failures()} to {@code handler}, as {@link TimerForecast.Forecasts#withErrorHandler}. */
  public TimerBacktest withErrorHandler(ErrorHandler<BadRecord, ?> handler) {
    return with(forecast().withErrorHandler(handler));
  }

  /** Windows per series (default 1). */
  public TimerBacktest withWindows(int count) {
    return toBuilder().setWindows(TimerForecast.Forecasts.positive("withWindows", count)).build();
  }

  /** Steps between two windows' cutoffs (default: the horizon). */
  public TimerBacktest withStep(int steps) {
    return toBuilder().setStep(TimerForecast.Forecasts.positive("withStep", steps)).build();
  }

  /** The season m of the baseline and the MASE scale (default: from each series' frequency, M4/GIFT-Eval table). */
  public TimerBacktest withSeason(int m) {
    try {
      return toBuilder().setSeason(Seasonality.checked(m)).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("withSeason: " + e.getMessage(), e);
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("windows", windows()).withLabel("Rolling-origin windows per series"))
        .addIfNotNull(DisplayData.item("step", step()).withLabel("Steps between cutoffs (null: the horizon)"))
        .addIfNotNull(DisplayData.item("season", season()).withLabel("Seasonal-naive season (null: from the frequency)"))
        .include("forecast", forecast());
  }

  @Override
  public BacktestResult expand(PCollection<Row> points) {
    TimerForecast.Forecasts forecast = forecast();
    forecast.checkComplete("TimerForecast.backtest()");
    InputColumns columns = forecast.inputColumns(points);
    ModelDescriptor model = forecast.modelConfig();
    QuantileLayout layout = forecast.quantileLayout(model);
    ForecastRows seriesFailures = forecast.forecastRows(columns, model);
    EvaluationRows rows = evaluationRows(columns.idSchema(), layout);
    RollingWindows windows = rollingWindows();
    String modelId = forecast.model().outputModelId();
    TokenBucket bucket = new TokenBucket(model.patchLength());
    WindowCutter cutter = windowCutter(rows, modelId);
    PCollectionTuple cut = forecast.gather(points, columns, WindowCutter.retainedSteps(windows))
        .apply("CutWindows", ParDo.of(new AssembleSeriesFn<>(cutter, bucket, seriesFailures.failureSchema(),
                TimerForecast.CONTEXTS, TimerForecast.FAILURES, forecast.model()))
            .withOutputTags(TimerForecast.CONTEXTS, TupleTagList.of(TimerForecast.FAILURES).and(METRICS)));
    PCollectionTuple scored = forecast.forecastBatches(cut.get(TimerForecast.CONTEXTS), columns, bucket,
        outputs(rows, layout, modelId),
        METRICS, TupleTagList.of(WINDOW_FORECASTS).and(AGGREGATES));
    PCollection<Row> metrics = PCollectionList
        .of(cut.get(METRICS).setRowSchema(rows.metricSchema()))
        .and(scored.get(METRICS).setRowSchema(rows.metricSchema()))
        .apply("AllMetrics", Flatten.pCollections());
    PCollection<Row> summary = BacktestSummary.of(
        scored.get(AGGREGATES).setCoder(KvCoder.of(StringUtf8Coder.of(), BacktestSummary.aggregateCoder())));
    PCollection<Row> failures = cut.get(TimerForecast.FAILURES).setRowSchema(seriesFailures.failureSchema());
    FailureBadRecords.report(failures, forecast.errorHandler());
    return new BacktestResult(points.getPipeline(), metrics,
        scored.get(WINDOW_FORECASTS).setRowSchema(rows.forecastSchema()), summary, failures);
  }

  /** The windows of this backtest's horizon, count, step and context length. */
  RollingWindows rollingWindows() {
    RollingWindows windows = RollingWindows.of(forecast().horizon(), forecast().contextLength()).withWindows(windows());
    return step() == null ? windows : windows.withStep(step());
  }

  /** Cuts a series into its windows; the rows of those that cannot be scored go to {@link #METRICS}. */
  WindowCutter windowCutter(EvaluationRows rows, String modelId) {
    return new WindowCutter(forecast().assembler(), rollingWindows(), season(), forecast().minObservations(),
        rows, modelId, METRICS);
  }

  /** Scores each forecast window to {@link #METRICS}, its steps and aggregates to their tags. */
  static HeadOutputs outputs(EvaluationRows rows, QuantileLayout layout, String modelId) {
    return new BacktestOutputs(rows, layout, modelId,
        METRICS, WINDOW_FORECASTS, AGGREGATES);
  }

  static EvaluationRows evaluationRows(Schema idSchema, QuantileLayout layout) {
    List<String> quantileColumns = new ArrayList<>();
    for (int i = 0; i < layout.size(); i++) {
      quantileColumns.add(layout.columnName(i));
    }
    return new EvaluationRows(idSchema, quantileColumns);
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setForecast(TimerForecast.Forecasts forecast);

    abstract Builder setWindows(int windows);

    abstract Builder setStep(Integer steps);

    abstract Builder setSeason(Integer m);

    abstract TimerBacktest build();
  }
}
