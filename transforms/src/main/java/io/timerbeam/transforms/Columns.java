package io.timerbeam.transforms;

import io.timerbeam.model.output.ForecastColumns;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The column contract (README-transforms.md, "Column contract") as Beam schemas: the names are
 * {@link ForecastColumns}' (model/, shared with the Flink SQL provider), inherited so that
 * {@code Columns.FORECAST_VALUE} reads as before; the anomaly and failure schemas that reading,
 * assembly and forecasting share are built here. Which input column plays which part travels on the
 * schema itself: {@link ColumnRole}.
 */
public final class Columns extends ForecastColumns {
  private Columns() {}

  /**
   * The anomaly rows of {@code TimerForecast.anomalies()}: the input's id columns (stamped {@code id}),
   * its timestamp column (DATETIME) and value column (DOUBLE, null = missing), then
   * {@code is_anomaly}, {@code lower_bound}, {@code upper_bound}, {@code anomaly_probability},
   * {@code bounds_extrapolated}, {@code model_id}.
   */
  public static Schema anomalySchema(Schema idSchema, String timestampColumn, String valueColumn) {
    return Schema.builder().addFields(idSchema.getFields())
        .addField(ColumnRole.TIMESTAMP.stamp(Schema.Field.of(timestampColumn, Schema.FieldType.DATETIME)))
        .addField(ColumnRole.VALUE.stamp(Schema.Field.nullable(valueColumn, Schema.FieldType.DOUBLE)))
        .addNullableField(IS_ANOMALY, Schema.FieldType.BOOLEAN)
        .addDoubleField(ANOMALY_LOWER_BOUND)
        .addDoubleField(ANOMALY_UPPER_BOUND)
        .addNullableField(ANOMALY_PROBABILITY, Schema.FieldType.DOUBLE)
        .addBooleanField(BOUNDS_EXTRAPOLATED)
        .addStringField(MODEL_ID)
        .build();
  }

  /**
   * The failure rows of reading, assembly and forecasting alike: the id columns (nullable: a record
   * that could not be read may have no id), {@code error_code}, {@code error_message}.
   */
  public static Schema failureSchema(Schema idSchema) {
    Schema.Builder failure = Schema.builder();
    for (Schema.Field id : idSchema.getFields()) {
      failure.addField(ColumnRole.ID.stamp(id).withNullable(true));
    }
    return failure.addStringField(ERROR_CODE).addStringField(ERROR_MESSAGE).build();
  }
}
