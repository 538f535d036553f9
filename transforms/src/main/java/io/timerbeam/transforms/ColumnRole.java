package io.timerbeam.transforms;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The part an observation column plays, stamped on its schema field as the field option
 * {@value #OPTION} ({@code id}, {@code timestamp} or {@code value}). The readers stamp it, so
 * {@link TimerForecast} needs no column options, and forecast and failure rows carry it on their id
 * columns, so sinks find the ids.
 */
public enum ColumnRole {
  ID,
  TIMESTAMP,
  VALUE;

  /** The field option holding the role's name. */
  public static final String OPTION = "timerbeam.role";

  private String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code field} with this role (its other options kept). */
  public Schema.Field stamp(Schema.Field field) {
    return field.withOptions(Schema.Options.builder().addOptions(field.getOptions())
        .setOption(OPTION, FieldType.STRING, optionValue()));
  }

  /** Whether {@code field} is stamped with this role. */
  public boolean of(Schema.Field field) {
    return field.getOptions().hasOption(OPTION) && optionValue().equals(field.getOptions().getValue(OPTION));
  }

  /** The names of the fields stamped with this role, in schema order. */
  public List<String> columns(Schema schema) {
    return schema.getFields().stream().filter(this::of).map(Schema.Field::getName).collect(Collectors.toList());
  }

  /** The one field stamped with this role, or null; more than one is an error naming {@code option}. */
  @Nullable String column(Schema schema, String option) {
    List<String> columns = columns(schema);
    if (columns.size() > 1) {
      throw new IllegalArgumentException(option + ": the input schema stamps " + columns + " all with "
          + OPTION + "=" + optionValue() + "; give the column");
    }
    return columns.isEmpty() ? null : columns.get(0);
  }
}
