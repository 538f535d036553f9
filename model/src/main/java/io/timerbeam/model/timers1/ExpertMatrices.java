package io.timerbeam.model.timers1;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One decoder's experts as the matmuls read them: x @ W^T through transposed views of the
 * checkpoint's own layout (BLAS reads a transposed operand at full speed, and no copy is made).
 */
final class ExpertMatrices {
  /** [E, D, 2w] (gate columns, then up columns), a view of the stacked [E, 2w, D]. */
  final NDArray gateUpT;
  /** [E, w, D], a view of the stacked [E, D, w]. */
  final NDArray downT;
  /** Per expert, views: [D, 2w] and [w, D]. */
  final List<NDArray> gateUpTPerExpert = new ArrayList<>();
  final List<NDArray> downTPerExpert = new ArrayList<>();

  /**
   * @param gateUp [E, 2w, D] and {@code down} [E, D, w], in their own memory; views are made now,
   *     on the arrays' manager, which may be capped afterwards
   */
  ExpertMatrices(NDArray gateUp, NDArray down) {
    this.gateUpT = gateUp.transpose(0, 2, 1);
    this.downT = down.transpose(0, 2, 1);
    long experts = gateUp.getShape().get(0);
    for (int e = 0; e < experts; e++) {
      gateUpTPerExpert.add(gateUp.get(e).transpose());
      downTPerExpert.add(down.get(e).transpose());
    }
  }
}
