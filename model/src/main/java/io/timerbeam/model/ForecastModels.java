package io.timerbeam.model;

import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.timers1.TimerS1Model;
import io.timerbeam.model.timerxl.TimerXlModel;
import java.io.IOException;
import java.nio.file.Path;

/** Loads any supported checkpoint folder, picking the family from its config.json. */
public final class ForecastModels {
  private ForecastModels() {}

  public static ForecastModel load(Path checkpointDir, EngineOptions options) throws IOException {
    Checkpoint checkpoint = Checkpoint.open(checkpointDir);
    return switch (checkpoint.family()) {
      case TIMER_S1 -> TimerS1Model.load(checkpoint, options);
      case TIMER_XL -> TimerXlModel.load(checkpoint, options);
    };
  }

  public static ForecastModel load(Path checkpointDir) throws IOException {
    return load(checkpointDir, EngineOptions.defaults());
  }
}
