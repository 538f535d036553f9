package io.timerbeam.model;

import java.io.IOException;
import java.nio.file.Path;

/** Loads any supported checkpoint folder, picking the family from its config.json. */
public final class ForecastModels {
  private ForecastModels() {}

  public static ForecastModel load(Path checkpointDir, TimerS1Options options) throws IOException {
    Checkpoint checkpoint = Checkpoint.open(checkpointDir);
    return checkpoint.family().load(checkpoint, options);
  }

  public static ForecastModel load(Path checkpointDir) throws IOException {
    return load(checkpointDir, TimerS1Options.defaults());
  }
}
