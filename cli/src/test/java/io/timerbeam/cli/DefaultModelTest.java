package io.timerbeam.cli;

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
  /** The repository root: surefire runs in cli/. */
  private static final String REPO_ROOT = Path.of("").toAbsolutePath().getParent().toString();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** A user home whose ~/.cache holds no model. */
  private Path home() {
    return tmp.getRoot().toPath();
  }

  /** timers1's own download folder in that home, empty until a test fills it. */
  private Path emptyCache() {
    return home().resolve(".cache/timers1/Timer-S1");
  }

  @Test
  public void anExplicitModelWins() {
    DefaultModel m = DefaultModel.resolve("/x", Map.of(DefaultModel.ENV, "/y"), home(), REPO_ROOT);
    assertEquals(Path.of("/x"), m.folder());
    assertFalse(m.isDemo());
  }

  @Test
  public void thenTheEnvironment() {
    assertEquals(Path.of("/y"), DefaultModel.resolve(null, Map.of(DefaultModel.ENV, "/y"), home(), REPO_ROOT).folder());
  }

  @Test
  public void thenTheCacheWhenItHoldsACheckpoint() throws IOException {
    Path cache = emptyCache();
    Files.createDirectories(cache);
    assertTrue(DefaultModel.resolve(null, Map.of(), home(), REPO_ROOT).isDemo());
    Files.writeString(cache.resolve("config.json"), "{}");
    DefaultModel m = DefaultModel.resolve(null, Map.of(), home(), REPO_ROOT);
    assertEquals(cache, m.folder());
    assertFalse(m.isDemo());
  }

  @Test
  public void theReleaseInTheHuggingFaceCacheComesBeforeTimers1sOwnFolder() throws IOException {
    Files.createDirectories(emptyCache());
    Files.writeString(emptyCache().resolve("config.json"), "{}");
    Path repo = home().resolve(".cache/huggingface/hub/models--bytedance-research--Timer-S1");
    Path snapshot = repo.resolve("snapshots/" + "a".repeat(40));
    Files.createDirectories(snapshot);
    Files.writeString(snapshot.resolve("config.json"), "{}");
    Files.createDirectories(repo.resolve("refs"));
    Files.writeString(repo.resolve("refs/main"), "a".repeat(40));
    assertEquals(snapshot, DefaultModel.resolve(null, Map.of(), home(), REPO_ROOT).folder());
  }

  @Test
  public void thenTheShippedDemoCheckpoint() {
    DefaultModel m = DefaultModel.resolve(null, Map.of(), home(), REPO_ROOT);
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
    assertTrue(DefaultModel.resolve(shipped.toString(), Map.of(), home(), REPO_ROOT).isDemo());
    assertTrue(DefaultModel.resolve(copy.toString(), Map.of(), home(), REPO_ROOT).isDemo());
    assertTrue(DefaultModel.resolve(null, Map.of(DefaultModel.ENV, copy.toString()), home(), REPO_ROOT).isDemo());
    assertFalse("another checkpoint", DefaultModel.resolve(Fixtures.checkpoint(Fixtures.TINY).toString(), Map.of(), home(), REPO_ROOT).isDemo());
  }

  @Test
  public void withoutAnyItSaysHowToGetOne() {
    try {
      DefaultModel.resolve(null, Map.of(), home(), null);
      throw new AssertionError("resolved without any model");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("./timers1 download bytedance-research/Timer-S1"));
    }
  }
}
