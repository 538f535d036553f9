package io.timerbeam.transforms;

import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.series.SeriesPoints;
import com.google.auto.value.AutoValue;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.Seasonality;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.errorhandling.BadRecord;
import org.apache.beam.sdk.transforms.errorhandling.ErrorHandler;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Anomaly detection ({@link TimerForecast#anomalies()}), BigQuery's AI.DETECT_ANOMALIES on one
 * input: each series' target (its last N points, {@link #withTargetLast}, or its points since a time,
 * {@link #withTargetSince}) is forecast in rolling windows of {@code withHorizon} steps, each from
 * the points before it only, and every target point is scored by its level F(y) in its step's
 * forecast distribution ({@link io.timerbeam.transforms.evaluation.QuantileDistribution}):
 * {@code anomaly_probability} = |2F - 1|, {@code is_anomaly} = probability > threshold, bounds the
 * quantiles (1 -/+ threshold) / 2. The forecaster is a quantile model ({@link #withModel}) or the
 * seasonal-naive detector ({@link #withSeasonalNaive}: quantiles from its in-sample residuals, no
 * engine); or, {@link #withConformal}, split-conformal bands around the point forecast from its
 * errors on windows before the target (also for point forecasters). Rows: {@link Columns#anomalySchema}; failures: {@link Columns#failureSchema}. Immutable:
 * every {@code withX} returns a copy.
 */
@AutoValue
public abstract class TimerAnomalies extends PTransform<PCollection<Row>, AnomalyResult> {
  private static final long serialVersionUID = 1L;
  /** Steps per window with a model when withHorizon is not given. */
  public static final int DEFAULT_MODEL_HORIZON = 96;
  static final TupleTag<Row> ANOMALIES = new TupleTag<Row>("anomalies") {};
  /** Conformal bands: each window's point forecast, keyed by series, until all of a series' windows are in. */
  static final TupleTag<KV<Row, Row>> WINDOW_FORECASTS = new TupleTag<KV<Row, Row>>("window-forecasts") {};

  /** Columns, model, context, frequency, assembly and batching options; its horizon is not used. */
  abstract TimerForecast.Forecasts forecast();

  /** Steps per window; null: the default of {@link #withHorizon}. */
  abstract @Nullable Integer horizon();

  abstract @Nullable Integer targetLast();

  abstract @Nullable Instant targetSince();

  abstract double threshold();

  abstract boolean seasonalNaive();

  abstract @Nullable Integer season();

  /** Conformal bands from this many calibration windows before the target; 0: the forecaster's own quantiles. */
  abstract int calibrationWindows();

  abstract Builder toBuilder();

  static TimerAnomalies of(TimerForecast.Forecasts forecast) {
    return new AutoValue_TimerAnomalies.Builder().setForecast(forecast).setThreshold(0.95).setSeasonalNaive(false)
        .setCalibrationWindows(0).build();
  }

  private TimerAnomalies with(TimerForecast.Forecasts forecast) {
    return toBuilder().setForecast(forecast).build();
  }

  public TimerAnomalies withIdColumns(String... columns) {
    return with(forecast().withIdColumns(columns));
  }

  public TimerAnomalies withTimestampColumn(String column) {
    return with(forecast().withTimestampColumn(column));
  }

  public TimerAnomalies withValueColumn(String column) {
    return with(forecast().withValueColumn(column));
  }

  /** Steps per rolling window (default: 96 with a model, each series' season with the seasonal-naive detector). */
  public TimerAnomalies withHorizon(int steps) {
    return toBuilder().setHorizon(TimerForecast.Forecasts.positive("withHorizon", steps)).build();
  }

  public TimerAnomalies withContextLength(int points) {
    return with(forecast().withContextLength(points));
  }

  public TimerAnomalies withFrequency(Frequency frequency) {
    return with(forecast().withFrequency(frequency));
  }

  public TimerAnomalies withTimeZone(ZoneId zone) {
    return with(forecast().withTimeZone(zone));
  }

  /** A quantile model forecasts the windows (replaces {@link #withSeasonalNaive}). */
  public TimerAnomalies withModel(ModelSpec model) {
    return toBuilder().setForecast(forecast().withModel(model)).setSeasonalNaive(false).build();
  }

  /**
   * The model-free detector (replaces {@link #withModel}): the seasonal-naive forecast, its quantiles
   * from the in-sample residuals x_t - x_{t-m}; model_id {@code seasonal_naive}.
   */
  public TimerAnomalies withSeasonalNaive() {
    return toBuilder().setForecast(forecast().toBuilder().setModel(null).build()).setSeasonalNaive(true).build();
  }

  /** The seasonal-naive detector's season m (default: from each series' frequency, e.g. hourly 24). */
  public TimerAnomalies withSeason(int m) {
    try {
      return toBuilder().setSeason(Seasonality.checked(m)).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("withSeason: " + e.getMessage(), e);
    }
  }

  /**
   * Split-conformal bands in place of the forecaster's quantiles (README "Anomalies"): the point
   * forecast (a quantile model's median) -/+ the distribution of its absolute errors on
   * {@code windows} rolling windows of the same length just before the target, pooled over their
   * steps. The only bands of a point forecaster (Timer-XL). Costs {@code windows} more forecasts per
   * series (engine contexts with a model). A series without that much history before its target
   * has its target rows failed ({@code calibration_failed}) with the reason.
   */
  public TimerAnomalies withConformal(int windows) {
    return toBuilder().setCalibrationWindows(TimerForecast.Forecasts.positive("withConformal", windows)).build();
  }

  /** The target is each series' last {@code points} points (grid steps holding an input row). */
  public TimerAnomalies withTargetLast(int points) {
    return toBuilder().setTargetLast(TimerForecast.Forecasts.positive("withTargetLast", points)).setTargetSince(null).build();
  }

  /** The target is each series' points at or after {@code time}. */
  public TimerAnomalies withTargetSince(Instant time) {
    if (time == null) {
      throw new IllegalArgumentException("withTargetSince: must not be null");
    }
    return toBuilder().setTargetSince(time).setTargetLast(null).build();
  }

  /** A point is an anomaly when its anomaly_probability exceeds this (default 0.95, BigQuery's). */
  public TimerAnomalies withThreshold(double threshold) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("withThreshold: must be in (0, 1), got " + threshold);
    }
    return toBuilder().setThreshold(threshold).build();
  }

  public TimerAnomalies withMinObservations(int points) {
    return with(forecast().withMinObservations(points));
  }

  public TimerAnomalies withDuplicates(Aggregation aggregation) {
    return with(forecast().withDuplicates(aggregation));
  }

  public TimerAnomalies withResampling(Aggregation aggregation) {
    return with(forecast().withResampling(aggregation));
  }

  public TimerAnomalies withBatchSize(int series) {
    return with(forecast().withBatchSize(series));
  }

  public TimerAnomalies withMaxTokensPerBatch(long tokens) {
    return with(forecast().withMaxTokensPerBatch(tokens));
  }

  /** Also sends each row of {@link AnomalyResult#failures()} to {@code handler}, as {@link TimerForecast.Forecasts#withErrorHandler}. */
  public TimerAnomalies withErrorHandler(ErrorHandler<BadRecord, ?> handler) {
    return with(forecast().withErrorHandler(handler));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .addIfNotNull(DisplayData.item("targetLast", targetLast()).withLabel("Target: each series' last points"))
        .addIfNotNull(DisplayData.item("targetSince", targetSince() == null ? null : targetSince().toString())
            .withLabel("Target: each series' points since"))
        .add(DisplayData.item("threshold", threshold()).withLabel("Anomaly probability threshold"))
        .add(DisplayData.item("detector", seasonalNaive() ? EvaluationRows.SEASONAL_NAIVE : "model").withLabel("Forecaster"))
        .addIfNotNull(DisplayData.item("horizon", horizon()).withLabel("Steps per window (null: the default)"))
        .add(DisplayData.item("bands", calibrationWindows() == 0 ? "quantiles" : "conformal, " + calibrationWindows()
            + " calibration windows").withLabel("Bands"))
        .addIfNotNull(DisplayData.item("season", season()).withLabel("Seasonal-naive season (null: from the frequency)"))
        .include("forecast", forecast());
  }

  @Override
  public AnomalyResult expand(PCollection<Row> points) {
    checkTarget(true);
    ModelDescriptor model = checkedModel();
    InputColumns columns = checkedColumns(points);
    AnomalyRows rows = rows(columns.idSchema(), columns.timestampName(), columns.valueName());
    PCollection<KV<Row, SeriesPoints>> series = forecast().gather(points, columns, retainedSteps());
    return score(series, cutter(rows), columns, rows, model);
  }

  /**
   * BigQuery's shape: history and target as two inputs ({@link HistoryAndTarget#HISTORY},
   * {@link HistoryAndTarget#TARGET}), scored as this transform scores one; give no
   * withTargetLast/withTargetSince.
   */
  public HistoryAndTarget historyAndTarget() {
    checkTarget(false);
    return new HistoryAndTarget(this);
  }

  /** The input's columns, checked against the output's names. */
  InputColumns checkedColumns(PCollection<Row> points) {
    InputColumns columns = forecast().inputColumns(points);
    for (String column : new String[] {columns.timestampName(), columns.valueName()}) {
      if (Columns.isOutputColumn(column)) {
        throw new IllegalArgumentException("TimerForecast.anomalies(): the input column '" + column
            + "' has the name of an output column; rename it");
      }
    }
    return columns;
  }

  /**
   * The steps after gathering, shared by the one- and two-input forms: each series' target cut
   * into windows ({@code contexts}), forecast (the model's engine, or the seasonal-naive
   * detector while cut), scored (the forecaster's quantiles, or conformal bands once a series'
   * windows are grouped); failures from every step.
   */
  <S> AnomalyResult score(PCollection<KV<Row, S>> series, ContextCutter<S> contexts, InputColumns columns, AnomalyRows rows,
      @Nullable ModelDescriptor model) {
    TimerForecast.Forecasts forecast = forecast();
    TokenBucket bucket = new TokenBucket(model == null ? 1 : model.patchLength());
    PCollectionTuple cut = series
        .apply("CutTargets", ParDo.of(new AssembleSeriesFn<>(contexts, bucket, rows.failureSchema(),
                TimerForecast.CONTEXTS, TimerForecast.FAILURES, forecast.model()))
            .withOutputTags(TimerForecast.CONTEXTS, TupleTagList.of(TimerForecast.FAILURES).and(ANOMALIES)));
    PCollectionList<Row> anomalies = PCollectionList.of(cut.get(ANOMALIES).setRowSchema(rows.schema()));
    PCollectionList<Row> failures = PCollectionList.of(cut.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
    if (model == null) {
      cut.get(TimerForecast.CONTEXTS).setCoder(BatchContexts.inputCoder(columns.idSchema())); // always empty
    } else if (calibrationWindows() == 0) {
      PCollectionTuple scored = forecast.forecastBatches(cut.get(TimerForecast.CONTEXTS), columns, bucket,
          outputs(rows, model), ANOMALIES, TupleTagList.of(TimerForecast.FAILURES));
      anomalies = anomalies.and(scored.get(ANOMALIES).setRowSchema(rows.schema()));
      failures = failures.and(scored.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
    } else {
      PCollectionTuple forecasts = forecast.forecastBatches(cut.get(TimerForecast.CONTEXTS), columns, bucket,
          outputs(rows, model), ANOMALIES, TupleTagList.of(TimerForecast.FAILURES).and(WINDOW_FORECASTS));
      forecasts.get(ANOMALIES).setRowSchema(rows.schema()); // always empty: scored after grouping
      failures = failures.and(forecasts.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
      PCollectionTuple scored = forecasts.get(WINDOW_FORECASTS)
          .setCoder(KvCoder.of(RowCoder.of(columns.idSchema()), RowCoder.of(ConformalWindow.SCHEMA)))
          .apply("GroupSeriesWindows", GroupByKey.create())
          .apply("ScoreConformal", ParDo.of(new ConformalScoreFn(conformal(rows)))
              .withOutputTags(ANOMALIES, TupleTagList.of(TimerForecast.FAILURES)));
      anomalies = anomalies.and(scored.get(ANOMALIES).setRowSchema(rows.schema()));
      failures = failures.and(scored.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
    }
    PCollection<Row> allFailures = failures.apply("AllFailures", Flatten.pCollections());
    FailureBadRecords.report(allFailures, forecast.errorHandler());
    return new AnomalyResult(series.getPipeline(), anomalies.apply("AllAnomalies", Flatten.pCollections()), allFailures);
  }

  /** One input needs withTargetLast or withTargetSince; two inputs ({@link #historyAndTarget}) neither. */
  void checkTarget(boolean oneInput) {
    boolean given = targetLast() != null || targetSince() != null;
    if (oneInput && !given) {
      throw new IllegalStateException("TimerForecast.anomalies(): withTargetLast(n) or withTargetSince(time) is required");
    }
    if (!oneInput && given) {
      throw new IllegalStateException("TimerForecast.anomalies().historyAndTarget(): the target is the TARGET input; "
          + "withTargetLast/withTargetSince are for one input");
    }
  }

  /**
   * Checks the options that do not depend on the input (a forecaster that gives a distribution,
   * or conformal bands): the model's descriptor, or null for the seasonal-naive detector.
   */
  @Nullable ModelDescriptor checkedModel() {
    if (seasonalNaive()) {
      return null;
    }
    TimerForecast.Forecasts forecast = forecast();
    if (forecast.model() == null) {
      throw new IllegalStateException("TimerForecast.anomalies(): withModel(...) or withSeasonalNaive() is required");
    }
    ModelDescriptor model = forecast.modelConfig();
    if (model.quantileLevels().length < 2 && calibrationWindows() == 0) {
      throw new IllegalArgumentException("withModel: " + forecast.model().checkpointPath() + " gives point forecasts only "
          + "(Timer-XL); anomaly scores need a forecast distribution: add withConformal(windows) for bands from its own "
          + "errors before the target, or use a quantile model or withSeasonalNaive()");
    }
    return model;
  }

  /** The rows' {@code model_id}: the checkpoint's id, or {@code seasonal_naive}. */
  String modelId() {
    return seasonalNaive() ? EvaluationRows.SEASONAL_NAIVE : forecast().model().outputModelId();
  }

  AnomalyRows rows(Schema idSchema, String timestampColumn, String valueColumn) {
    return new AnomalyRows(idSchema, timestampColumn, valueColumn, threshold(), modelId());
  }

  /** Steps per window: withHorizon's, else the model's default; null: each series' season (seasonal naive). */
  @Nullable Integer windowHorizon() {
    return horizon() != null || seasonalNaive() ? horizon() : Integer.valueOf(DEFAULT_MODEL_HORIZON);
  }

  /** Grid steps a series keeps. */
  int retainedSteps() {
    return retainedSteps(target());
  }

  int retainedSteps(AnomalyCutter.Target target) {
    return AnomalyCutter.retainedSteps(forecast().contextLength(), AnomalyCutter.slack(windowHorizon(), season()), target,
        calibrationWindows());
  }

  AnomalyCutter cutter(AnomalyRows rows) {
    return cutter(rows, target());
  }

  /** The cutter of {@code target}; the two-input form gives each series its own. */
  AnomalyCutter cutter(AnomalyRows rows, AnomalyCutter.Target target) {
    Integer horizon = windowHorizon();
    TimerForecast.Forecasts forecast = forecast();
    // The assembler's horizon serves forecasting's one context only; the cutter lays out the grid.
    return new AnomalyCutter(forecast.withHorizon(horizon != null ? horizon : 1).assembler(), target, horizon,
        forecast.contextLength(), forecast.minObservations(), season(), seasonalNaive(), rows, conformal(rows),
        ANOMALIES, TimerForecast.FAILURES);
  }

  /** Conformal scoring of the series' windows; null when the bands are the forecaster's quantiles. */
  @Nullable ConformalScoring conformal(AnomalyRows rows) {
    return calibrationWindows() == 0 ? null
        : new ConformalScoring(calibrationWindows(), rows, ANOMALIES, TimerForecast.FAILURES);
  }

  /** What becomes of the windows the model forecasts: scored rows, or (conformal) point forecasts to group by series. */
  HeadOutputs outputs(AnomalyRows rows, ModelDescriptor model) {
    QuantileLayout layout = forecast().withHorizon(windowHorizon()).quantileLayout(model);
    return calibrationWindows() == 0 ? new AnomalyOutputs(rows, layout, ANOMALIES, TimerForecast.FAILURES)
        : new ConformalOutputs(layout, rows, WINDOW_FORECASTS, TimerForecast.FAILURES);
  }

  private AnomalyCutter.Target target() {
    return targetLast() != null ? AnomalyCutter.Target.last(targetLast()) : AnomalyCutter.Target.since(targetSince().toEpochMilli());
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setForecast(TimerForecast.Forecasts forecast);

    abstract Builder setHorizon(Integer steps);

    abstract Builder setTargetLast(Integer points);

    abstract Builder setTargetSince(Instant time);

    abstract Builder setThreshold(double threshold);

    abstract Builder setSeasonalNaive(boolean seasonalNaive);

    abstract Builder setSeason(Integer m);

    abstract Builder setCalibrationWindows(int windows);

    abstract TimerAnomalies build();
  }
}
