package io.timerbeam.transforms;

import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import com.google.auto.value.AutoValue;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.Seasonality;
import java.time.Instant;
import java.time.ZoneId;
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
 * engine). Rows: {@link Columns#anomalySchema}; failures: {@link Columns#failureSchema}. Immutable:
 * every {@code withX} returns a copy.
 */
@AutoValue
public abstract class TimerAnomalies extends PTransform<PCollection<Row>, AnomalyResult> {
  private static final long serialVersionUID = 1L;
  /** Steps per window with a model when withHorizon is not given. */
  public static final int DEFAULT_MODEL_HORIZON = 96;

  /** Columns, model, context, frequency, assembly and batching options; its horizon is not used. */
  abstract TimerForecast.Quantiles forecast();

  /** Steps per window; null: the default of {@link #withHorizon}. */
  abstract @Nullable Integer horizon();

  abstract @Nullable Integer targetLast();

  abstract @Nullable Instant targetSince();

  abstract double threshold();

  abstract boolean seasonalNaive();

  abstract @Nullable Integer season();

  abstract Builder toBuilder();

  static TimerAnomalies of(TimerForecast.Quantiles forecast) {
    return new AutoValue_TimerAnomalies.Builder().setForecast(forecast).setThreshold(0.95).setSeasonalNaive(false).build();
  }

  private TimerAnomalies with(TimerForecast.Quantiles forecast) {
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
    return toBuilder().setHorizon(TimerForecast.Quantiles.positive("withHorizon", steps)).build();
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

  /** The target is each series' last {@code points} points (grid steps holding an input row). */
  public TimerAnomalies withTargetLast(int points) {
    return toBuilder().setTargetLast(TimerForecast.Quantiles.positive("withTargetLast", points)).setTargetSince(null).build();
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

  /** Also sends each row of {@link AnomalyResult#failures()} to {@code handler}, as {@link TimerForecast.Quantiles#withErrorHandler}. */
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
        .addIfNotNull(DisplayData.item("season", season()).withLabel("Seasonal-naive season (null: from the frequency)"))
        .include("forecast", forecast());
  }

  @Override
  public AnomalyResult expand(PCollection<Row> points) {
    ModelDescriptor model = checkedModel();
    TimerForecast.Quantiles forecast = forecast();
    InputColumns columns = forecast.inputColumns(points);
    for (String column : new String[] {columns.timestampName(), columns.valueName()}) {
      if (Columns.isOutputColumn(column)) {
        throw new IllegalArgumentException("TimerForecast.anomalies(): the input column '" + column
            + "' has the name of an output column; rename it");
      }
    }
    AnomalyRows rows = rows(columns.idSchema(), columns.timestampName(), columns.valueName());
    TokenBucket bucket = new TokenBucket(model == null ? 1 : model.patchLength());
    PCollectionTuple cut = forecast.gather(points, columns, retainedSteps())
        .apply("CutTargets", ParDo.of(new AssembleSeriesFn(cutter(rows), bucket, rows.failureSchema(),
                TimerForecast.CONTEXTS, TimerForecast.FAILURES, forecast.model()))
            .withOutputTags(TimerForecast.CONTEXTS, TupleTagList.of(TimerForecast.FAILURES).and(TimerForecast.ANOMALIES)));
    PCollectionList<Row> anomalies = PCollectionList.of(cut.get(TimerForecast.ANOMALIES).setRowSchema(rows.schema()));
    PCollectionList<Row> failures = PCollectionList.of(cut.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
    if (model == null) {
      cut.get(TimerForecast.CONTEXTS).setCoder(BatchContexts.inputCoder(columns.idSchema())); // always empty
    } else {
      TimerForecast.Quantiles windows = forecast.withHorizon(windowHorizon());
      PCollectionTuple scored = windows.forecastBatches(cut.get(TimerForecast.CONTEXTS), columns, bucket,
          outputs(rows, model), TimerForecast.ANOMALIES, TupleTagList.of(TimerForecast.FAILURES));
      anomalies = anomalies.and(scored.get(TimerForecast.ANOMALIES).setRowSchema(rows.schema()));
      failures = failures.and(scored.get(TimerForecast.FAILURES).setRowSchema(rows.failureSchema()));
    }
    PCollection<Row> allFailures = failures.apply("AllFailures", Flatten.pCollections());
    FailureBadRecords.report(allFailures, forecast.errorHandler());
    return new AnomalyResult(points.getPipeline(), anomalies.apply("AllAnomalies", Flatten.pCollections()), allFailures);
  }

  /**
   * Checks the options that do not depend on the input (a target, a forecaster that gives a
   * distribution): the model's descriptor, or null for the seasonal-naive detector.
   */
  @Nullable ModelDescriptor checkedModel() {
    if ((targetLast() == null) == (targetSince() == null)) {
      throw new IllegalStateException("TimerForecast.anomalies(): withTargetLast(n) or withTargetSince(time) is required");
    }
    if (seasonalNaive()) {
      return null;
    }
    TimerForecast.Quantiles forecast = forecast();
    if (forecast.model() == null) {
      throw new IllegalStateException("TimerForecast.anomalies(): withModel(...) or withSeasonalNaive() is required");
    }
    ModelDescriptor model = forecast.modelConfig();
    if (model.quantileLevels().length < 2) {
      throw new IllegalArgumentException("withModel: " + forecast.model().checkpointPath() + " gives point forecasts only "
          + "(Timer-XL); anomaly scores need a forecast distribution: use a quantile model or withSeasonalNaive()");
    }
    return model;
  }

  /** The rows' {@code model_id}: the checkpoint's id, or {@code seasonal_naive}. */
  String modelId() {
    return seasonalNaive() ? EvaluationRows.SEASONAL_NAIVE : TimerBacktest.modelId(forecast().model());
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
    return AnomalyCutter.retainedSteps(forecast().contextLength(), AnomalyCutter.slack(windowHorizon(), season()), target());
  }

  AnomalyCutter cutter(AnomalyRows rows) {
    Integer horizon = windowHorizon();
    TimerForecast.Quantiles forecast = forecast();
    // The assembler's horizon serves forecasting's one context only; the cutter lays out the grid.
    return new AnomalyCutter(forecast.withHorizon(horizon != null ? horizon : 1).assembler(), target(), horizon,
        forecast.contextLength(), forecast.minObservations(), season(), seasonalNaive(), rows,
        TimerForecast.ANOMALIES, TimerForecast.FAILURES);
  }

  /** Scoring of the windows the model forecasts. */
  AnomalyOutputs outputs(AnomalyRows rows, ModelDescriptor model) {
    return new AnomalyOutputs(rows, forecast().withHorizon(windowHorizon()).quantileLayout(model),
        TimerForecast.ANOMALIES, TimerForecast.FAILURES);
  }

  private AnomalyCutter.Target target() {
    return targetLast() != null ? AnomalyCutter.Target.last(targetLast()) : AnomalyCutter.Target.since(targetSince().toEpochMilli());
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setForecast(TimerForecast.Quantiles forecast);

    abstract Builder setHorizon(Integer steps);

    abstract Builder setTargetLast(Integer points);

    abstract Builder setTargetSince(Instant time);

    abstract Builder setThreshold(double threshold);

    abstract Builder setSeasonalNaive(boolean seasonalNaive);

    abstract Builder setSeason(Integer m);

    abstract TimerAnomalies build();
  }
}
