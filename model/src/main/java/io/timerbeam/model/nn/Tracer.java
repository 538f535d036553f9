package io.timerbeam.model.nn;

import ai.djl.ndarray.NDArray;

/** Receives named intermediate activations of a forward pass, to locate where an implementation departs. */
public interface Tracer {
  Tracer NONE = (name, value) -> {};

  void record(String name, NDArray value);
}
