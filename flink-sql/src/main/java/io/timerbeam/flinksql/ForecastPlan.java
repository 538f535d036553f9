package io.timerbeam.flinksql;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.model.output.ForecastColumns;
import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.series.GridAssembler;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * Everything a task needs to forecast, checked when the statement is planned (a wrong option or
 * column fails there, naming the model, the option or column, and what would do): the checkpoint,
 * engine options, horizon, quantile layout, the OUTPUT columns in order, and the batching.
 */
final class ForecastPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  final String modelName;
  /** Non-null when the INPUT is timestamped points: assembled as the transform assembles them. */
  final GridAssembler assembler;
  final String checkpointPath;
  final EngineOptions engineOptions;
  final int horizon;
  final int contextLength;
  final QuantileLayout layout;
  final List<OutputColumn> columns;
  final int batchSize;
  final long maxWaitMillis;

  private ForecastPlan(String modelName, GridAssembler assembler, String checkpointPath, EngineOptions engineOptions, int horizon, int contextLength,
      QuantileLayout layout, List<OutputColumn> columns, int batchSize, long maxWaitMillis) {
    this.modelName = modelName;
    this.assembler = assembler;
    this.checkpointPath = checkpointPath;
    this.engineOptions = engineOptions;
    this.horizon = horizon;
    this.contextLength = contextLength;
    this.layout = layout;
    this.columns = columns;
    this.batchSize = batchSize;
    this.maxWaitMillis = maxWaitMillis;
  }

  /** The engine-facing part: rows of plans that agree on it share one JVM-wide batcher. */
  String batcherKey() {
    return checkpointPath + "|" + engineOptions + "|h=" + horizon + "|b=" + batchSize + "|w=" + maxWaitMillis;
  }

  static ForecastPlan of(String modelName, ReadableConfig options, ResolvedSchema input, ResolvedSchema output) {
    String path = options.get(TimerModelOptions.MODEL_PATH);
    Path dir = Paths.get(path);
    ModelDescriptor descriptor;
    try {
      if (!Files.isRegularFile(dir.resolve("config.json"))) {
        throw fail(modelName, "'model.path' = '" + path + "' has no config.json: it must name a Timer-S1 or Timer-XL checkpoint folder");
      }
      descriptor = ModelConfigs.read(dir);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ValidationException) {
        throw (ValidationException) e;
      }
      throw fail(modelName, "'model.path' = '" + path + "': cannot read the checkpoint's config.json: " + e.getMessage());
    }
    Integer horizon = options.get(TimerModelOptions.HORIZON);
    check(horizon != null && horizon > 0, modelName, "'horizon' must be a positive number of steps, got " + horizon);
    int contextLength = options.get(TimerModelOptions.CONTEXT_LENGTH);
    check(contextLength > 0, modelName, "'context-length' must be positive, got " + contextLength);
    int batchSize = options.get(TimerModelOptions.BATCH_SIZE);
    check(batchSize > 0, modelName, "'batch-size' must be positive, got " + batchSize);
    Duration maxWait = options.get(TimerModelOptions.MAX_WAIT);
    check(!maxWait.isNegative(), modelName, "'max-wait' must not be negative, got " + maxWait);

    Optional<Double> confidence = options.getOptional(TimerModelOptions.CONFIDENCE_LEVEL);
    Optional<List<Double>> levels = options.getOptional(TimerModelOptions.LEVELS);
    check(confidence.isEmpty() || levels.isEmpty(), modelName, "set 'confidence-level' or 'levels', not both");
    boolean point = descriptor.isPointForecast();
    check(!point || (confidence.isEmpty() && levels.isEmpty()), modelName,
        descriptor.family().id() + " is a point forecaster: it has no quantiles, so 'confidence-level' and 'levels' do not apply");
    boolean levelColumns = levels.isPresent();
    double[] confidenceLevels = levelColumns ? levels.get().stream().mapToDouble(Double::doubleValue).toArray()
        : new double[] {confidence.orElse(0.8)};
    check(confidenceLevels.length > 0, modelName, "'levels' is empty");
    QuantileLayout layout;
    try {
      layout = new QuantileLayout(descriptor.quantileLevels(), confidenceLevels, levelColumns ? "'levels'" : "'confidence-level'", true);
    } catch (IllegalArgumentException e) {
      throw fail(modelName, e.getMessage());
    }

    EngineOptions engine;
    try {
      engine = EngineOptions.defaults().withMaxContextLength(contextLength)
          .withCompute(ComputePrecision.parse(options.get(TimerModelOptions.COMPUTE)))
          .withDevice(options.get(TimerModelOptions.DEVICE));
    } catch (IllegalArgumentException e) {
      throw fail(modelName, "'compute' / 'device': " + e.getMessage());
    }

    boolean timed = timedPoints(modelName, input);
    GridAssembler assembler = timed ? assembler(modelName, options, contextLength, horizon) : null;
    for (ConfigOption<?> option : List.of(TimerModelOptions.FREQUENCY, TimerModelOptions.DUPLICATES, TimerModelOptions.RESAMPLING)) {
      check(timed || options.getOptional(option).isEmpty(), modelName, "'" + option.key()
          + "' assembles timestamped points: it needs INPUT (points ARRAY<ROW<ts TIMESTAMP(3), y DOUBLE>>), not a bare history");
    }
    List<OutputColumn> columns = new ArrayList<>();
    for (Column column : output.getColumns()) {
      OutputColumn c = OutputColumn.of(column.getName(), layout, levelColumns, timed);
      if (c == null) {
        throw fail(modelName, "OUTPUT column '" + column.getName() + "' is not a column of the forecast contract for "
            + descriptor.family().id() + " with these options and INPUT; available: " + OutputColumn.available(layout, levelColumns, timed));
      }
      LogicalTypeRoot declared = column.getDataType().getLogicalType().getTypeRoot();
      check(declared == c.typeRoot(), modelName, "OUTPUT column '" + column.getName() + "' must be " + c.typeRoot() + ", declared " + declared);
      columns.add(c);
    }
    for (String required : List.of(ForecastColumns.HORIZON_STEP, ForecastColumns.ERROR_CODE, ForecastColumns.ERROR_MESSAGE)) {
      check(columns.stream().anyMatch(c -> c.name.equals(required)), modelName, "OUTPUT must have '" + required
          + "': a history that cannot be forecast gets one row with its reason there (horizon_step null), never a failed job");
    }
    return new ForecastPlan(modelName, assembler, dir.toAbsolutePath().toString(), engine, horizon, contextLength, layout, List.copyOf(columns),
        batchSize, maxWait.toMillis());
  }

  /**
   * INPUT is one column: a history ARRAY&lt;DOUBLE&gt; (oldest first, NULL = missing; false), or
   * timestamped points ARRAY&lt;ROW&lt;TIMESTAMP, DOUBLE&gt;&gt; in any order (true).
   */
  private static boolean timedPoints(String modelName, ResolvedSchema input) {
    List<Column> columns = input.getColumns();
    String expected = "the history ARRAY<DOUBLE> (oldest first, NULL = missing) or the points ARRAY<ROW<ts TIMESTAMP(3), y DOUBLE>>";
    check(columns.size() == 1, modelName, "INPUT must be one column, " + expected + ", got " + columns.size() + " column(s)");
    LogicalType type = columns.get(0).getDataType().getLogicalType();
    LogicalType element = type instanceof ArrayType ? ((ArrayType) type).getElementType() : null;
    if (element != null && element.getTypeRoot() == LogicalTypeRoot.DOUBLE) {
      return false;
    }
    boolean points = element instanceof RowType && element.getChildren().size() == 2
        && element.getChildren().get(0).getTypeRoot() == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
        && element.getChildren().get(1).getTypeRoot() == LogicalTypeRoot.DOUBLE;
    check(points, modelName, "INPUT column '" + columns.get(0).getName() + "' must be " + expected + ", declared " + type);
    return true;
  }

  private static GridAssembler assembler(String modelName, ReadableConfig options, int contextLength, int horizon) {
    Frequency frequency;
    ZoneId zone;
    try {
      frequency = options.getOptional(TimerModelOptions.FREQUENCY).map(Frequency::parse).orElse(null);
      zone = ZoneId.of(options.get(TimerModelOptions.TIME_ZONE));
    } catch (RuntimeException e) {
      throw fail(modelName, "'frequency' / 'time-zone': " + e.getMessage());
    }
    int minObservations = options.get(TimerModelOptions.MIN_OBSERVATIONS);
    check(minObservations > 0, modelName, "'min-observations' must be positive, got " + minObservations);
    return new GridAssembler(frequency, zone, aggregation(modelName, options, TimerModelOptions.DUPLICATES),
        aggregation(modelName, options, TimerModelOptions.RESAMPLING), minObservations, contextLength, horizon);
  }

  private static Aggregation aggregation(String modelName, ReadableConfig options, ConfigOption<String> option) {
    String value = options.getOptional(option).orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Aggregation.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw fail(modelName, "'" + option.key() + "' must be mean, sum or last, got '" + value + "'");
    }
  }

  private static void check(boolean condition, String modelName, String message) {
    if (!condition) {
      throw fail(modelName, message);
    }
  }

  private static ValidationException fail(String modelName, String message) {
    return new ValidationException("model " + modelName + " (provider 'timer'): " + message);
  }
}
