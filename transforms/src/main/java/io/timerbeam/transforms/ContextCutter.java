package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn.MultiOutputReceiver;
import org.apache.beam.sdk.values.Row;

/**
 * The assemble stage's cut: what one series' gathered points ({@code S}: {@link SeriesPoints}, or
 * those with what else the series carries) become in {@link AssembleSeriesFn}, the contexts to
 * forecast (forecasting: the series' one context; backtesting ({@link WindowCutter}): one per window
 * that can be scored; anomalies ({@link AnomalyCutter}): the target's windows).
 */
interface ContextCutter<S> extends Serializable {
  /**
   * @param out for outputs of the series' own (e.g. the rows of windows that cannot be scored)
   * @throws SeriesRejection when the series as a whole cannot be used
   */
  List<AssembledContext> of(Row id, S series, MultiOutputReceiver out) throws SeriesRejection;
}
