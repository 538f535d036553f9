package io.timerbeam.transforms;

import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.MetricAggregate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * One summary row per model ({@link EvaluationRows#SUMMARY_SCHEMA}): the windows' one-window
 * aggregates merged per model; the aggregates also count the series (one window of each series
 * counts it), so no step groups by series.
 */
final class BacktestSummary {
  private BacktestSummary() {}

  /** The coder of the per-window aggregates. */
  static Coder<MetricAggregate> aggregateCoder() {
    return MetricAggregate.coder();
  }

  static PCollection<Row> of(PCollection<KV<String, MetricAggregate>> aggregates) {
    return aggregates
        .apply("MergeAggregates", Combine.perKey(new MergeFn()))
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

  /** A model's row, if it scored a window (an aggregate may only count series whose windows all failed). */
  private static final class ToRowFn extends DoFn<KV<String, MetricAggregate>, Row> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, MetricAggregate> model, OutputReceiver<Row> out) {
      if (model.getValue().windows() > 0) {
        out.output(EvaluationRows.summaryRow(model.getKey(), model.getValue()));
      }
    }
  }
}
