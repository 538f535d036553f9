package io.timerbeam.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Loads each (fixture, options) model once for a test class. */
final class ModelCache implements AutoCloseable {
  private final Map<String, TimerS1Model> models = new HashMap<>();

  synchronized TimerS1Model get(String fixture, TimerS1Options options) {
    return models.computeIfAbsent(fixture + "|" + options, k -> {
      try {
        return TimerS1Model.load(Fixtures.checkpoint(fixture), options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public synchronized void close() {
    models.values().forEach(TimerS1Model::close);
    models.clear();
  }
}
