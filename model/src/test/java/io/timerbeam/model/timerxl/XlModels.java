package io.timerbeam.model.timerxl;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Loads each (Timer-XL fixture, options) model once for a test class. */
final class XlModels implements AutoCloseable {
  private final Map<String, TimerXlModel> models = new HashMap<>();

  synchronized TimerXlModel get(String fixture, EngineOptions options) {
    return models.computeIfAbsent(fixture + "|" + options, k -> {
      try {
        return TimerXlModel.load(Fixtures.timerXl(fixture), options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public synchronized void close() {
    models.values().forEach(TimerXlModel::close);
    models.clear();
  }
}
