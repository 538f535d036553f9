package io.timerbeam.transforms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A transform's named Row outputs (forecasts and failures, metrics, ...): the Beam plumbing every
 * result class shares, so that each of them only names its parts.
 */
public abstract class RowOutputs implements POutput {
  private final Pipeline pipeline;
  private final Map<TupleTag<?>, PValue> parts;

  /** @param parts each output under its tag, in the order given */
  protected RowOutputs(Pipeline pipeline, Map<TupleTag<Row>, PCollection<Row>> parts) {
    this.pipeline = pipeline;
    this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
  }

  /** The output under {@code tag}. */
  @SuppressWarnings("unchecked") // every part is a PCollection<Row>: the constructor takes nothing else
  protected final PCollection<Row> part(TupleTag<Row> tag) {
    return (PCollection<Row>) parts.get(tag);
  }

  @Override
  public final Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public final Map<TupleTag<?>, PValue> expand() {
    return parts;
  }

  @Override
  public final void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
