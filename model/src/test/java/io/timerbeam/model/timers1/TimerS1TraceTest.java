package io.timerbeam.model.timers1;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Traces;
import java.nio.file.Path;
import org.junit.Test;

/** The first forward pass of tiny-f32/len256_h16 matches the reference activations layer by layer. */
public class TimerS1TraceTest {
  @Test
  public void activationsMatchTraceLayerByLayer() throws Exception {
    Path dir = Fixtures.checkpoint(Fixtures.TINY);
    try (TimerS1Model model = TimerS1Model.load(dir)) {
      Traces.assertMatch(model, dir, "len256_h16", 5);
    }
  }
}
