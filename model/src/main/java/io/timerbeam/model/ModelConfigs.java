package io.timerbeam.model;

import java.io.IOException;
import java.nio.file.Path;

/** Reads what a checkpoint forecasts (family, patch length, output rows) from config.json alone, cheaply. */
public final class ModelConfigs {
  private ModelConfigs() {}

  /** Parses and checks the checkpoint folder's config.json without touching its weights. */
  public static ModelDescriptor read(Path checkpointDir) throws IOException {
    ConfigJson json = ConfigJson.read(checkpointDir);
    return ModelFamily.of(json).describe(json);
  }
}
