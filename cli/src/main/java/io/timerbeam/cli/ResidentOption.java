package io.timerbeam.cli;

import io.timerbeam.model.ResidentPrecision;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --resident half|float32}: how a 16-bit checkpoint's weights stay in memory on CPU. */
final class ResidentOption implements ITypeConverter<ResidentPrecision> {
  static final String DESCRIPTION = "How 16-bit weights stay in memory on CPU: half (experts kept 16-bit, widened exactly "
      + "per call; half the RAM) or float32 (default: half). Float32 checkpoints stay float32.";

  @Override
  public ResidentPrecision convert(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "half":
        return ResidentPrecision.HALF;
      case "float32":
        return ResidentPrecision.FLOAT32;
      default:
        throw new TypeConversionException("expected half or float32, got '" + value + "'");
    }
  }
}
