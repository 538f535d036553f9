package io.timerbeam.io;

import static org.junit.Assert.assertEquals;

import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.Test;

/** The sinks' id columns: declared, else stamped with the id role, else (rows of other origin) those before forecast_timestamp. */
public class ForecastKeysTest {
  private static Schema forecast(Schema.Field... leading) {
    return Schema.builder().addFields(leading)
        .addDateTimeField(Columns.FORECAST_TIMESTAMP)
        .addStringField("region")
        .addDateTimeField(Columns.CONTEXT_END_TIMESTAMP)
        .addStringField(Columns.MODEL_ID)
        .build();
  }

  @Test
  public void stampedIdsAreTheKeyWhereverTheyStand() {
    Schema schema = Schema.builder()
        .addStringField("note")
        .addFields(forecast(ColumnRole.ID.stamp(Schema.Field.of("store", FieldType.STRING))).getFields())
        .addField(ColumnRole.ID.stamp(Schema.Field.of("sku", FieldType.INT64)))
        .build();
    assertEquals(List.of("store", "sku"), ForecastKeys.idColumns(schema, List.of()));
    assertEquals(List.of("store", "sku", Columns.CONTEXT_END_TIMESTAMP, Columns.FORECAST_TIMESTAMP, Columns.MODEL_ID),
        ForecastKeys.keyColumns(ForecastKeys.idColumns(schema, List.of())));
  }

  @Test
  public void declaredIdsWinAndUnstampedRowsKeyByTheColumnsBeforeTheForecastTimestamp() {
    Schema stamped = forecast(ColumnRole.ID.stamp(Schema.Field.of("store", FieldType.STRING)));
    assertEquals(List.of("region"), ForecastKeys.idColumns(stamped, List.of("region")));
    Schema plain = forecast(Schema.Field.of("store", FieldType.STRING), Schema.Field.of("sku", FieldType.INT64));
    assertEquals(List.of("store", "sku"), ForecastKeys.idColumns(plain, List.of()));
  }
}
