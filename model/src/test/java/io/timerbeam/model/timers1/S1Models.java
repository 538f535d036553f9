package io.timerbeam.model.timers1;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Loads each (fixture, options) model once for a test class. */
final class S1Models implements AutoCloseable {
  private final Map<String, TimerS1Model> models = new HashMap<>();

  synchronized TimerS1Model get(String fixture, EngineOptions options) {
    return get(fixture, options, TimerS1Network.MoeStrategy.AUTO);
  }

  synchronized TimerS1Model get(String fixture, EngineOptions options, TimerS1Network.MoeStrategy moe) {
    return models.computeIfAbsent(fixture + "|" + options + "|" + moe, k -> {
      try {
        return TimerS1Model.load(Fixtures.checkpoint(fixture), options, moe);
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
