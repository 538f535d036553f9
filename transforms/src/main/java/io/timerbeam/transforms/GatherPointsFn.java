package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Merges one series' partial {@link SeriesPoints} (from {@link GatherInBundleFn}) into one bounded
 * accumulator: a runner lifts it map-side, so the shuffle moves one accumulator per series and
 * worker, and a series of any length costs O(retain) memory.
 */
final class GatherPointsFn extends Combine.CombineFn<SeriesPoints, SeriesPoints, SeriesPoints> {
  private static final long serialVersionUID = 1L;

  private final int retain;

  GatherPointsFn(int retain) {
    this.retain = retain;
  }

  @Override
  public SeriesPoints createAccumulator() {
    return new SeriesPoints(retain);
  }

  @Override
  public SeriesPoints addInput(SeriesPoints accumulator, SeriesPoints partial) {
    accumulator.mergeFrom(partial);
    return accumulator;
  }

  @Override
  public SeriesPoints mergeAccumulators(Iterable<SeriesPoints> accumulators) {
    SeriesPoints merged = null;
    for (SeriesPoints a : accumulators) {
      if (merged == null) {
        merged = a;
      } else {
        merged.mergeFrom(a);
      }
    }
    return merged == null ? createAccumulator() : merged;
  }

  @Override
  public SeriesPoints extractOutput(SeriesPoints accumulator) {
    return accumulator.compact();
  }

  @Override
  public Coder<SeriesPoints> getAccumulatorCoder(CoderRegistry registry, Coder<SeriesPoints> inputCoder)
      throws CannotProvideCoderException {
    return new SeriesPointsCoder();
  }

  @Override
  public Coder<SeriesPoints> getDefaultOutputCoder(CoderRegistry registry, Coder<SeriesPoints> inputCoder)
      throws CannotProvideCoderException {
    return new SeriesPointsCoder();
  }
}
