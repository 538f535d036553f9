package io.timerbeam.io.jdbc;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/**
 * Validates and quotes SQL identifiers given by users. Names are restricted to plain identifiers
 * (optionally schema-qualified) and are always double-quoted, so a value such as {@code x; DROP
 * TABLE y} is rejected before any SQL is built.
 */
final class SqlNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlNames() {}

  /** Returns {@code name} double-quoted, or throws naming the offending option. */
  static String quoteColumn(String option, String name) {
    return "\"" + checkIdentifier(option, name) + "\"";
  }

  /** Quotes {@code table} or {@code schema.table}; each part must be a plain identifier. */
  static String quoteTable(String option, String table) {
    checkArgumentNotNull(table, "%s must be set", option);
    String[] parts = table.split("\\.", -1);
    checkArgument(parts.length <= 2, "%s '%s' is not a valid table name: use table or schema.table", option, table);
    StringBuilder quoted = new StringBuilder();
    for (String part : parts) {
      if (quoted.length() > 0) {
        quoted.append('.');
      }
      quoted.append('"').append(checkIdentifier(option, part, table)).append('"');
    }
    return quoted.toString();
  }

  static String checkIdentifier(String option, String name) {
    return checkIdentifier(option, name, name);
  }

  private static String checkIdentifier(String option, String part, String whole) {
    checkArgument(
        part != null && IDENTIFIER.matcher(part).matches(),
        "%s '%s' is not a valid SQL identifier: use letters, digits and '_' (at most 63, not starting with a digit)",
        option, whole);
    return part;
  }

  /** Quotes a string literal for SQL (used for DuckDB file paths). */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
