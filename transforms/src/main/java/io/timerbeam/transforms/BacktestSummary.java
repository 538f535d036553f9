package io.timerbeam.transforms;

import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.MetricAggregate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One summary row per model ({@link EvaluationRows#SUMMARY_SCHEMA}): the windows' one-window
 * aggregates merged per model, joined with the number of series that had at least one window to
 * forecast (counted where the windows are cut).
 */
final class BacktestSummary {
  private static final TupleTag<MetricAggregate> AGGREGATE = new TupleTag<MetricAggregate>() {};
  private static final TupleTag<Long> SERIES = new TupleTag<Long>() {};

  private BacktestSummary() {}

  /** The coder of the per-window aggregates. */
  static Coder<MetricAggregate> aggregateCoder() {
    return SerializableCoder.of(MetricAggregate.class);
  }

  static PCollection<Row> of(PCollection<KV<String, Long>> seriesWithWindows, PCollection<KV<String, MetricAggregate>> aggregates) {
    PCollection<KV<String, MetricAggregate>> merged = aggregates.apply("MergeAggregates", Combine.perKey(new MergeFn()));
    PCollection<KV<String, Long>> series = seriesWithWindows.apply("SeriesPerModel", Sum.longsPerKey());
    return KeyedPCollectionTuple.of(AGGREGATE, merged).and(SERIES, series)
        .apply("JoinPerModel", CoGroupByKey.create())
        .apply("SummaryRows", ParDo.of(new ToRowFn()))
        .setRowSchema(EvaluationRows.SUMMARY_SCHEMA);
  }

  /** Merges MetricAggregates (the accumulator is itself one). */
  private static final class MergeFn extends Combine.CombineFn<MetricAggregate, MetricAggregate, MetricAggregate> {
    private static final long serialVersionUID = 1L;

    @Override
    public MetricAggregate createAccumulator() {
      return new MetricAggregate();
    }

    @Override
    public MetricAggregate addInput(MetricAggregate accumulator, MetricAggregate input) {
      return accumulator.merge(input);
    }

    @Override
    public MetricAggregate mergeAccumulators(Iterable<MetricAggregate> accumulators) {
      MetricAggregate merged = new MetricAggregate();
      for (MetricAggregate a : accumulators) {
        merged.merge(a);
      }
      return merged;
    }

    @Override
    public MetricAggregate extractOutput(MetricAggregate accumulator) {
      return accumulator;
    }

    @Override
    public Coder<MetricAggregate> getAccumulatorCoder(CoderRegistry registry, Coder<MetricAggregate> inputCoder) {
      return aggregateCoder();
    }
  }

  private static final class ToRowFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> model, OutputReceiver<Row> out) {
      MetricAggregate aggregate = model.getValue().getOnly(AGGREGATE, null);
      if (aggregate != null) {
        out.output(EvaluationRows.summaryRow(model.getKey(), model.getValue().getOnly(SERIES, 0L), aggregate));
      }
    }
  }
}
