package io.timerbeam.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One decoder's experts as the matmuls read them: stacked input-major and contiguous, so that
 * x @ W runs in BLAS order without a transposed view, plus a view per expert.
 */
final class ExpertMatrices {
  /** [E, D, 2w]: gate columns, then up columns. */
  final NDArray gateUpT;
  /** [E, w, D]. */
  final NDArray downT;
  /** Per expert, views into the stacks: [D, 2w] and [w, D]. */
  final List<NDArray> gateUpTPerExpert = new ArrayList<>();
  final List<NDArray> downTPerExpert = new ArrayList<>();

  /** Views are made now, on the stacks' own manager, which may be capped afterwards. */
  ExpertMatrices(NDArray gateUpT, NDArray downT) {
    this.gateUpT = gateUpT;
    this.downT = downT;
    long experts = gateUpT.getShape().get(0);
    for (int e = 0; e < experts; e++) {
      gateUpTPerExpert.add(gateUpT.get(e));
      downTPerExpert.add(downT.get(e));
    }
  }

  int count() {
    return gateUpTPerExpert.size();
  }
}
