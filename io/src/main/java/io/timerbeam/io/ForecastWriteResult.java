package io.timerbeam.io;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * The output of {@link WriteForecasts}: {@link #written()}, the signal that every row is written,
 * for steps that must run after the write:
 *
 * <pre>{@code
 * ForecastWriteResult result = forecasts.apply(ForecastIO.writeForecasts().to(sink));
 * next.apply(Wait.on(result.written())).apply(...); // runs once the sink holds every row
 * }</pre>
 */
public final class ForecastWriteResult implements POutput {
  private static final TupleTag<Void> WRITTEN = new TupleTag<Void>() {};

  private final Pipeline pipeline;
  private final PCollection<Void> written;

  private ForecastWriteResult(Pipeline pipeline, PCollection<Void> written) {
    this.pipeline = pipeline;
    this.written = written;
  }

  static ForecastWriteResult in(PCollection<Void> written) {
    return new ForecastWriteResult(written.getPipeline(), written);
  }

  /**
   * Complete once the sink has written every row (it holds no rows, maybe no elements at all):
   * the signal for {@link Wait#on}.
   */
  public PCollection<Void> written() {
    return written;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return ImmutableMap.of(WRITTEN, written);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
