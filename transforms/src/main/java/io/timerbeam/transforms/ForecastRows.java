package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.output.QuantileLayout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The output schemas and rows ({@link Columns}): forecasts named as BigQuery's AI.FORECAST names
 * them (one row per series and horizon step), and failures (one row per series). One confidence level gives
 * AI.FORECAST's interval columns and {@code confidence_level}; several (withLevels) give a
 * lower and upper column per level ({@link Columns#lowerBoundColumn}), and no confidence_level.
 */
final class ForecastRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final QuantileLayout quantiles;
  private final boolean levelColumns;
  private final Schema forecastSchema;
  private final Schema failureSchema;

  ForecastRows(Schema idSchema, QuantileLayout quantiles, boolean levelColumns) {
    this.quantiles = quantiles;
    this.levelColumns = levelColumns;
    Schema.Builder forecast = Schema.builder().addFields(idSchema.getFields())
        .addDateTimeField(Columns.FORECAST_TIMESTAMP)
        .addInt32Field(Columns.HORIZON_STEP)
        .addDoubleField(Columns.FORECAST_VALUE);
    for (int i = 0; i < quantiles.size(); i++) {
      forecast.addDoubleField(quantiles.columnName(i));
    }
    // A point forecaster has no band: the interval columns stay, null, so sinks see one schema.
    FieldType band = quantiles.isPointForecast() ? FieldType.DOUBLE.withNullable(true) : FieldType.DOUBLE;
    if (levelColumns) {
      for (double level : quantiles.confidenceLevels()) {
        forecast.addField(Columns.lowerBoundColumn(level), band).addField(Columns.upperBoundColumn(level), band);
      }
    } else {
      forecast.addField(Columns.LOWER_BOUND, band).addField(Columns.UPPER_BOUND, band).addField(Columns.CONFIDENCE_LEVEL, band);
    }
    this.forecastSchema = forecast
        .addDateTimeField(Columns.CONTEXT_END_TIMESTAMP)
        .addStringField(Columns.MODEL_ID)
        .build();
    this.failureSchema = Columns.failureSchema(idSchema);
  }

  Schema forecastSchema() {
    return forecastSchema;
  }

  Schema failureSchema() {
    return failureSchema;
  }

  /** The horizon rows of one series from its head output [row][step] in the data's units (quantile rows, or one point row). */
  List<Row> forecast(AssembledContext series, double[][] headOutput, String modelId) {
    long[] times = series.forecastMillis();
    List<Row> rows = new ArrayList<>(times.length);
    Instant contextEnd = new Instant(series.contextEndMillis());
    List<Object> ids = series.id().getValues();
    boolean point = quantiles.isPointForecast();
    for (int h = 0; h < times.length; h++) {
      double[] q = quantiles.step(headOutput, h);
      List<Object> values = new ArrayList<>(forecastSchema.getFieldCount());
      values.addAll(ids);
      values.add(new Instant(times[h]));
      values.add(h + 1);
      values.add(point ? headOutput[0][h] : q[quantiles.medianColumn()]);
      for (double v : q) {
        values.add(v);
      }
      double[] levels = quantiles.confidenceLevels();
      for (int k = 0; k < levels.length; k++) {
        values.add(point ? null : q[quantiles.lowerColumn(k)]);
        values.add(point ? null : q[quantiles.upperColumn(k)]);
        if (!levelColumns) {
          values.add(point ? null : levels[k]);
        }
      }
      values.add(contextEnd);
      values.add(modelId);
      rows.add(Row.withSchema(forecastSchema).attachValues(values));
    }
    return rows;
  }

  Row failure(Row id, SeriesRejection rejection) {
    return failure(failureSchema, id, rejection.code(), rejection.getMessage());
  }

  /** A row of {@link Columns#failureSchema}: the id's values, the code, the message. */
  static Row failure(Schema failureSchema, Row id, String code, String message) {
    List<Object> values = new ArrayList<>(id.getValues());
    values.add(code);
    values.add(message);
    return Row.withSchema(failureSchema).attachValues(values);
  }
}
