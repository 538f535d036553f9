package io.timerbeam.flinksql;

import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.output.EngineScale;
import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.model.series.GridAssembler;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.series.SeriesRejection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.functions.AsyncPredictFunction;
import org.apache.flink.table.functions.FunctionContext;

/**
 * ML_PREDICT's function for provider 'timer': one history (or timestamped points, assembled by the
 * transform's {@link GridAssembler}) in, {@code horizon} rows out (one per
 * step, forecast-contract columns), or one row with {@code error_code} and {@code error_message}
 * when the history cannot be forecast. The engine batches histories across every task of the JVM
 * ({@link EngineBatcher}); the context goes through the same scaling, layout and checks as the Beam
 * transform's ({@link EngineScale}, {@link QuantileLayout}).
 */
public final class TimerPredictFunction extends AsyncPredictFunction {
  private static final long serialVersionUID = 1L;

  private final ForecastPlan plan;
  private transient ForecastModel model;
  private transient EngineBatcher batcher;

  TimerPredictFunction(ForecastPlan plan) {
    this.plan = plan;
  }

  @Override
  public void open(FunctionContext context) throws Exception {
    super.open(context);
    model = SharedEngines.model(plan.checkpointPath, plan.engineOptions);
    batcher = SharedEngines.batcher(plan);
  }

  @Override
  public CompletableFuture<Collection<RowData>> asyncPredict(RowData input) {
    if (input.isNullAt(0)) {
      return done(failure(FailureCodes.INVALID_VALUES, "the history is NULL"));
    }
    double[] context;
    GridAssembler.Assembled assembled = null;
    try {
      if (plan.assembler == null) {
        context = recentPoints(input.getArray(0), plan.contextLength);
      } else {
        assembled = plan.assembler.assemble(points(input.getArray(0), plan.contextLength));
        context = assembled.values().clone();
      }
    } catch (SeriesRejection e) {
      return done(failure(e.code(), e.getMessage()));
    } catch (ClassCastException e) { // the planner passed another element type through: say so on the row
      return done(failure(FailureCodes.INVALID_VALUES, "cannot read the INPUT column as its declared type (CAST it): " + e.getMessage()));
    }
    GridAssembler.Assembled series = assembled;
    String problem = model.contextProblem(context);
    if (problem != null) {
      return done(failure(FailureCodes.INVALID_VALUES, problem));
    }
    int exponent = EngineScale.exponent(context);
    for (int i = 0; i < context.length; i++) {
      context[i] = Math.scalb(context[i], exponent);
    }
    return batcher.forecast(context).handle((output, error) -> {
      if (error != null) {
        return failure(FailureCodes.MODEL_ERROR, String.valueOf(error instanceof java.util.concurrent.CompletionException ? error.getCause() : error));
      }
      String nonFinite = EngineScale.nonFinite(output);
      if (nonFinite != null) {
        return failure(FailureCodes.NON_FINITE_FORECAST, nonFinite);
      }
      return forecastRows(EngineScale.inDataUnits(output, exponent), series);
    });
  }

  /** The most recent {@code max} points, oldest first; a NULL element is a missing point (NaN). */
  static double[] recentPoints(ArrayData history, int max) {
    int size = history.size();
    int from = Math.max(0, size - max);
    double[] points = new double[size - from];
    for (int i = from; i < size; i++) {
      points[i - from] = history.isNullAt(i) ? Double.NaN : history.getDouble(i);
    }
    return points;
  }

  /**
   * The points as the transform gathers them: at most {@code retain} distinct timestamps, the most
   * recent; a NULL element or timestamp is counted (it fails the series: null_timestamp), a NULL
   * value is a missing point.
   */
  static SeriesPoints points(ArrayData array, int retain) {
    SeriesPoints points = new SeriesPoints(retain);
    for (int i = 0; i < array.size(); i++) {
      RowData point = array.isNullAt(i) ? null : array.getRow(i, 2);
      Long time = point == null || point.isNullAt(0) ? null : point.getTimestamp(0, 3).getMillisecond();
      points.add(time, point == null || point.isNullAt(1) ? Double.NaN : point.getDouble(1));
    }
    return points;
  }

  /** One row per step from the head output [row][step] in the data's units; {@code series} is null for a bare history. */
  private Collection<RowData> forecastRows(double[][] head, GridAssembler.Assembled series) {
    QuantileLayout layout = plan.layout;
    boolean point = layout.isPointForecast();
    List<RowData> rows = new ArrayList<>(plan.horizon);
    StringData modelId = StringData.fromString(model.modelId());
    for (int h = 0; h < plan.horizon; h++) {
      double[] q = point ? null : layout.step(head, h);
      GenericRowData row = new GenericRowData(plan.columns.size());
      for (int c = 0; c < plan.columns.size(); c++) {
        OutputColumn column = plan.columns.get(c);
        switch (column.kind) {
          case FORECAST_TIMESTAMP:
            row.setField(c, TimestampData.fromEpochMillis(series.forecastMillis()[h]));
            break;
          case CONTEXT_END_TIMESTAMP:
            row.setField(c, TimestampData.fromEpochMillis(series.contextEndMillis()));
            break;
          case HORIZON_STEP:
            row.setField(c, h + 1);
            break;
          case FORECAST_VALUE:
            row.setField(c, point ? head[0][h] : q[layout.medianColumn()]);
            break;
          case QUANTILE:
            row.setField(c, q[column.index]);
            break;
          case LOWER:
            row.setField(c, point ? null : q[layout.lowerColumn(column.index)]);
            break;
          case UPPER:
            row.setField(c, point ? null : q[layout.upperColumn(column.index)]);
            break;
          case CONFIDENCE_LEVEL:
            row.setField(c, point ? null : layout.confidenceLevels()[column.index]);
            break;
          case MODEL_ID:
            row.setField(c, modelId);
            break;
          default: // error_code, error_message: null on a forecast row
            break;
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /** The one row of a history that cannot be forecast: its reason, the model id, every other column null. */
  private Collection<RowData> failure(String code, String message) {
    GenericRowData row = new GenericRowData(plan.columns.size());
    for (int c = 0; c < plan.columns.size(); c++) {
      switch (plan.columns.get(c).kind) {
        case ERROR_CODE:
          row.setField(c, StringData.fromString(code));
          break;
        case ERROR_MESSAGE:
          row.setField(c, StringData.fromString(message));
          break;
        case MODEL_ID:
          row.setField(c, StringData.fromString(model.modelId()));
          break;
        default:
          break;
      }
    }
    return List.of(row);
  }

  private static CompletableFuture<Collection<RowData>> done(Collection<RowData> rows) {
    return CompletableFuture.completedFuture(rows);
  }
}
