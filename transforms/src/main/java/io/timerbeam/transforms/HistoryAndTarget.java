package io.timerbeam.transforms;

import io.timerbeam.model.ModelDescriptor;
import io.timerbeam.model.series.SeriesPoints;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Min;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Anomaly detection in BigQuery's shape ({@link TimerAnomalies#historyAndTarget()}): the history
 * and the target as two inputs with the same id, timestamp and value columns. A series' target is
 * its points from its first target row on, scored by {@link TimerAnomalies}' own steps (rolling
 * windows from the points before each, the same scoring and failures); a series with target rows
 * and no history row before them is a failure ({@code no_history}), one in history only has no
 * rows. Counters reconcile as in the one-input form: target points in = scored + failed.
 *
 * <pre>{@code
 * PCollectionTuple.of(HistoryAndTarget.HISTORY, history).and(HistoryAndTarget.TARGET, target)
 *     .apply(TimerForecast.anomalies().withModel(model).historyAndTarget());
 * }</pre>
 */
public final class HistoryAndTarget extends PTransform<PCollectionTuple, AnomalyResult> {
  private static final long serialVersionUID = 1L;
  public static final TupleTag<Row> HISTORY = new TupleTag<Row>("history") {};
  public static final TupleTag<Row> TARGET = new TupleTag<Row>("target") {};
  private static final TupleTag<SeriesPoints> POINTS = new TupleTag<SeriesPoints>("points") {};
  private static final TupleTag<Long> STARTS = new TupleTag<Long>("target-starts") {};

  private final TimerAnomalies detector;

  HistoryAndTarget(TimerAnomalies detector) {
    this.detector = detector;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.include("detector", detector);
  }

  @Override
  public AnomalyResult expand(PCollectionTuple inputs) {
    if (!inputs.has(HISTORY) || !inputs.has(TARGET)) {
      throw new IllegalArgumentException("historyAndTarget(): the input needs HistoryAndTarget.HISTORY and HistoryAndTarget.TARGET, got "
          + inputs.getAll().keySet());
    }
    ModelDescriptor model = detector.checkedModel();
    InputColumns history = detector.checkedColumns(inputs.get(HISTORY));
    InputColumns target = detector.checkedColumns(inputs.get(TARGET));
    List<String> used = new ArrayList<>(history.idSchema().getFieldNames());
    used.add(history.timestampName());
    used.add(history.valueName());
    PCollection<Row> historyPoints = inputs.get(HISTORY).apply("HistoryColumns", Select.fieldNames(used.toArray(new String[0])));
    PCollection<Row> targetPoints = inputs.get(TARGET).apply("TargetColumns", Select.fieldNames(used.toArray(new String[0])));
    Schema schema = historyPoints.getSchema();
    if (!schema.equivalent(targetPoints.getSchema())) {
      throw new IllegalArgumentException("historyAndTarget(): the target's id, timestamp and value columns " + targetPoints.getSchema()
          + " differ from the history's " + schema);
    }
    if (!schema.equals(targetPoints.getSchema())) { // the same columns in another order
      targetPoints = targetPoints.apply("TargetInHistoryOrder", ParDo.of(new ReorderFn(schema))).setRowSchema(schema);
    }
    PCollection<Row> points = PCollectionList.of(historyPoints).and(targetPoints)
        .apply("HistoryAndTargetPoints", Flatten.pCollections()).setRowSchema(schema);
    InputColumns columns = detector.checkedColumns(points);
    AnomalyRows rows = detector.rows(columns.idSchema(), columns.timestampName(), columns.valueName());
    // The target's length is not known before the run: keep what withTargetSince keeps.
    AnomalyCutter.Target anyStart = AnomalyCutter.Target.afterHistory(0);
    PCollection<KV<Row, SeriesPoints>> gathered = detector.forecast().gather(points, columns, detector.retainedSteps(anyStart));
    PCollection<KV<Row, Long>> starts = targetPoints
        .apply("TargetStarts", ParDo.of(new StartFn(target)))
        .setCoder(KvCoder.of(RowCoder.of(columns.idSchema()), VarLongCoder.of()))
        .apply("FirstTargetRow", Min.longsPerKey());
    PCollection<KV<Row, KV<SeriesPoints, Long>>> series = KeyedPCollectionTuple.of(POINTS, gathered).and(STARTS, starts)
        .apply("JoinTargetStarts", CoGroupByKey.create())
        .apply("SeriesWithTarget", ParDo.of(new JoinFn()))
        .setCoder(KvCoder.of(RowCoder.of(columns.idSchema()), KvCoder.of(new SeriesPointsCoder(), VarLongCoder.of())));
    AnomalyCutter cutter = detector.cutter(rows, anyStart);
    ContextCutter<KV<SeriesPoints, Long>> contexts =
        (id, s, out) -> cutter.of(id, s.getKey(), AnomalyCutter.Target.afterHistory(s.getValue()), out);
    return detector.score(series, contexts, columns, rows, model);
  }

  /** A row with its fields in {@code schema}'s order. */
  private static final class ReorderFn extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;

    ReorderFn(Schema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      List<Object> values = new ArrayList<>(schema.getFieldCount());
      for (String name : schema.getFieldNames()) {
        values.add(row.getValue(name));
      }
      out.output(Row.withSchema(schema).attachValues(values));
    }
  }

  /** A target row's series and time; a row without a time has no start (its series fails on it in assembly). */
  private static final class StartFn extends DoFn<Row, KV<Row, Long>> {
    private static final long serialVersionUID = 1L;
    private final InputColumns columns;

    StartFn(InputColumns columns) {
      this.columns = columns;
    }

    @ProcessElement
    public void process(@Element Row point, OutputReceiver<KV<Row, Long>> out) {
      Long millis = columns.epochMillis(point);
      if (millis != null) {
        out.output(KV.of(columns.id(point), millis));
      }
    }
  }

  /** The series with target rows, with the time of the first; series in the history only are left out. */
  private static final class JoinFn extends DoFn<KV<Row, CoGbkResult>, KV<Row, KV<SeriesPoints, Long>>> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<Row, CoGbkResult> joined, OutputReceiver<KV<Row, KV<SeriesPoints, Long>>> out) {
      Iterator<Long> start = joined.getValue().getAll(STARTS).iterator();
      Iterator<SeriesPoints> points = joined.getValue().getAll(POINTS).iterator();
      if (start.hasNext() && points.hasNext()) {
        out.output(KV.of(joined.getKey(), KV.of(points.next(), start.next())));
      }
    }
  }
}
