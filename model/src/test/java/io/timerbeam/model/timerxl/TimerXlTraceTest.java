package io.timerbeam.model.timerxl;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Traces;
import java.nio.file.Path;
import org.junit.Test;

/** tiny-f32/len96_h43_autoregressive: the first call layer by layer, and the second (cached) call's input, RevIN and head. */
public class TimerXlTraceTest {
  @Test
  public void activationsMatchTraceLayerByLayer() throws Exception {
    Path dir = Fixtures.timerXl(Fixtures.TINY);
    try (TimerXlModel model = TimerXlModel.load(dir)) {
      Traces.assertMatch(model, dir, "len96_h43_autoregressive", 10);
    }
  }
}
