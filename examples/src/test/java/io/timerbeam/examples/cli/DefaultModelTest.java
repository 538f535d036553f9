package io.timerbeam.examples.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DefaultModelTest {
  /** The repository root: surefire runs in examples/. */
  private static final String REPO_ROOT = Path.of("").toAbsolutePath().getParent().toString();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path emptyCache() {
    return tmp.getRoot().toPath().resolve("cache/Timer-S1");
  }

  @Test
  public void anExplicitModelWins() {
    DefaultModel m = DefaultModel.resolve(Path.of("/x"), Map.of(DefaultModel.ENV, "/y"), emptyCache(), REPO_ROOT);
    assertEquals(Path.of("/x"), m.folder());
    assertFalse(m.isDemo());
  }

  @Test
  public void thenTheEnvironment() {
    assertEquals(Path.of("/y"), DefaultModel.resolve(null, Map.of(DefaultModel.ENV, "/y"), emptyCache(), REPO_ROOT).folder());
  }

  @Test
  public void thenTheCacheWhenItHoldsACheckpoint() throws IOException {
    Path cache = emptyCache();
    Files.createDirectories(cache);
    assertTrue(DefaultModel.resolve(null, Map.of(), cache, REPO_ROOT).isDemo());
    Files.writeString(cache.resolve("config.json"), "{}");
    DefaultModel m = DefaultModel.resolve(null, Map.of(), cache, REPO_ROOT);
    assertEquals(cache, m.folder());
    assertFalse(m.isDemo());
  }

  @Test
  public void thenTheShippedDemoCheckpoint() {
    DefaultModel m = DefaultModel.resolve(null, Map.of(), emptyCache(), REPO_ROOT);
    assertEquals(Path.of(REPO_ROOT, "examples", "model", "timer-s1-demo"), m.folder());
    assertTrue(m.isDemo());
    assertTrue(Files.isRegularFile(m.folder().resolve("model.safetensors")));
  }

  @Test
  public void theDemoNamedOrCopiedIsRecognisedByItsModelId() throws IOException {
    Path shipped = Path.of(REPO_ROOT, "examples", "model", "timer-s1-demo");
    Path copy = tmp.newFolder("elsewhere").toPath();
    for (String name : new String[] {"config.json", "model.safetensors"}) {
      Files.copy(shipped.resolve(name), copy.resolve(name));
    }
    assertTrue(DefaultModel.resolve(shipped, Map.of(), emptyCache(), REPO_ROOT).isDemo());
    assertTrue(DefaultModel.resolve(copy, Map.of(), emptyCache(), REPO_ROOT).isDemo());
    assertTrue(DefaultModel.resolve(null, Map.of(DefaultModel.ENV, copy.toString()), emptyCache(), REPO_ROOT).isDemo());
    assertFalse("another checkpoint", DefaultModel.resolve(Fixtures.checkpoint(Fixtures.TINY), Map.of(), emptyCache(), REPO_ROOT).isDemo());
  }

  @Test
  public void withoutAnyItSaysHowToGetOne() {
    try {
      DefaultModel.resolve(null, Map.of(), emptyCache(), null);
      throw new AssertionError("resolved without any model");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("./timers1 download bytedance-research/Timer-S1"));
    }
  }
}
