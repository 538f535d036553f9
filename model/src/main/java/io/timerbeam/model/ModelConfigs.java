package io.timerbeam.model;

import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.timers1.TimerS1Config;
import io.timerbeam.model.timerxl.TimerXlConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Reads what a checkpoint forecasts (family, patch length, output rows) from config.json alone, cheaply. */
public final class ModelConfigs {
  private ModelConfigs() {}

  /** Parses and checks the checkpoint folder's config.json without touching its weights. */
  public static ModelDescriptor read(Path checkpointDir) throws IOException {
    ConfigJson json = ConfigJson.read(checkpointDir);
    ModelFamily family = ModelFamily.of(json);
    return switch (family) {
      case TIMER_S1 -> {
        TimerS1Config c = TimerS1Config.of(json);
        yield new ModelDescriptor(family, c.patchLength(), c.quantiles(), c.toString());
      }
      case TIMER_XL -> {
        TimerXlConfig c = TimerXlConfig.of(json);
        yield new ModelDescriptor(family, c.patchLength(), new double[0], c.toString());
      }
    };
  }
}
