package io.timerbeam.transforms.sql;

import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.sql.udf.AggregateFn;
import org.apache.beam.sdk.transforms.Combine;

/**
 * An {@link AggregateFn} as the {@code CombineFn} that {@code SqlTransform.registerUdaf} takes
 * (Beam's own adapter is not public). Subclasses fix the type arguments, which Beam SQL reads to
 * type the function.
 */
abstract class AggregateCombineFn<InputT, OutputT> extends Combine.CombineFn<InputT, ForecastPoints, OutputT> {
  private static final long serialVersionUID = 1L;

  private final AggregateFn<InputT, ForecastPoints, OutputT> aggregate;

  AggregateCombineFn(AggregateFn<InputT, ForecastPoints, OutputT> aggregate) {
    this.aggregate = aggregate;
  }

  @Override
  public ForecastPoints createAccumulator() {
    return aggregate.createAccumulator();
  }

  @Override
  public ForecastPoints addInput(ForecastPoints accumulator, InputT input) {
    return aggregate.addInput(accumulator, input);
  }

  @Override
  public ForecastPoints mergeAccumulators(Iterable<ForecastPoints> accumulators) {
    ForecastPoints merged = aggregate.createAccumulator();
    return aggregate.mergeAccumulators(merged, accumulators);
  }

  @Override
  public OutputT extractOutput(ForecastPoints accumulator) {
    return aggregate.extractOutput(accumulator);
  }

  @Override
  public Coder<ForecastPoints> getAccumulatorCoder(CoderRegistry registry, Coder<InputT> inputCoder)
      throws CannotProvideCoderException {
    return SerializableCoder.of(ForecastPoints.class);
  }
}
