package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.cli.hub.FakeHub;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.timers1.TimerS1Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code timers1 download} against a fake hub on 127.0.0.1 that serves a tiny-f32 fixture. */
public class DownloadCommandTest {
  private static final String REPO = "acme/timer-s1-tiny";
  private static final String WEIGHTS = "model.safetensors";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private FakeHub hub;
  private byte[] weights;
  private Path out;

  @Before
  public void serveTheTinyFixture() throws IOException {
    Path fixture = Fixtures.checkpoint(Fixtures.TINY);
    weights = Files.readAllBytes(fixture.resolve(WEIGHTS));
    hub = new FakeHub(REPO, "main")
        .file("config.json", Files.readAllBytes(fixture.resolve("config.json")), false)
        .file(WEIGHTS, weights, true)
        .file("README.md", "# tiny\n".getBytes(StandardCharsets.UTF_8), false)
        .file("generation_config.json", new byte[0], false)
        .file("modeling_timer_s1.py", "pass\n".getBytes(StandardCharsets.UTF_8), false)
        .file("figures/architecture.png", new byte[100], true);
    out = tmp.getRoot().toPath().resolve("ckpt");
  }

  @After
  public void stopHub() {
    hub.close();
  }

  private CliRun download(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("download", REPO, "--endpoint", hub.endpoint().toString(), "--out", out.toString()));
    args.addAll(Arrays.asList(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** The storage host's ranged requests (the hub redirects each to it). */
  private List<String> rangeRequests() {
    return hub.requests().stream().filter(r -> r.contains("Range") && !r.contains("/resolve/")).collect(Collectors.toList());
  }

  @Test
  public void downloadsOnlyTheCheckpointFilesAndTheModelLoads() throws IOException {
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.out, run.out.contains("downloaded 4 files (commit " + hub.commit() + ") to " + out));
    try (var listing = Files.list(out)) {
      assertEquals(List.of("README.md", "config.json", "generation_config.json", WEIGHTS), listing.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    assertEquals(-1, Files.mismatch(out.resolve(WEIGHTS), Fixtures.checkpoint(Fixtures.TINY).resolve(WEIGHTS)));
    try (TimerS1Model model = TimerS1Model.load(out)) {
      assertEquals(9, model.forecast(List.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}), 4)[0].length);
    }
    assertEquals(List.of(), rangeRequests());
  }

  /**
   * The Timer-XL release layout (thuml/timer-base-84m): its Python modelling code and figures stay
   * behind, the engine reads config.json and the safetensors; the folder loads as Timer-XL.
   */
  @Test
  public void downloadsTheTimerXlReleaseLayoutAndItLoadsAsTimerXl() throws IOException {
    Path fixture = Fixtures.timerXl(Fixtures.TINY);
    String repo = "thuml/timer-base-84m";
    try (FakeHub xlHub = new FakeHub(repo, "main")
        .file(".gitattributes", "*.safetensors filter=lfs\n".getBytes(StandardCharsets.UTF_8), false)
        .file("README.md", "# timer-base-84m\n".getBytes(StandardCharsets.UTF_8), false)
        .file("config.json", Files.readAllBytes(fixture.resolve("config.json")), false)
        .file("configuration_timer.py", "pass\n".getBytes(StandardCharsets.UTF_8), false)
        .file("generation_config.json", "{}".getBytes(StandardCharsets.UTF_8), false)
        .file(WEIGHTS, Files.readAllBytes(fixture.resolve(WEIGHTS)), true)
        .file("modeling_timer.py", "pass\n".getBytes(StandardCharsets.UTF_8), false)
        .file("ts_generation_mixin.py", "pass\n".getBytes(StandardCharsets.UTF_8), false)
        .file("figures/timer-xl.png", new byte[100], true)) {
      CliRun run = CliRun.of("download", repo, "--endpoint", xlHub.endpoint().toString(), "--out", out.toString());
      assertEquals(run.toString(), 0, run.exitCode);
      assertTrue(run.out, run.out.contains("downloaded 4 files (commit " + xlHub.commit() + ") to " + out));
    }
    try (var listing = Files.list(out)) {
      assertEquals(List.of("README.md", "config.json", "generation_config.json", WEIGHTS), listing.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    try (ForecastModel model = ForecastModels.load(out)) {
      assertEquals("timer-xl", model.family());
      assertEquals("one point-forecast row", 1, model.forecast(List.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}), 4)[0].length);
    }
  }

  @Test
  public void aDroppedConnectionIsResumedWithARangeRequest() throws IOException {
    hub.drop(WEIGHTS, 200_000, 1);
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.err, run.err.contains(WEIGHTS + ": interrupted at "));
    List<String> ranges = rangeRequests();
    assertEquals(ranges.toString(), 1, ranges.size());
    long resumedFrom = Long.parseLong(ranges.get(0).replaceAll(".*bytes=(\\d+)-$", "$1"));
    assertTrue(ranges.toString(), resumedFrom > 0 && resumedFrom <= 200_000);
    assertEquals(-1, Files.mismatch(out.resolve(WEIGHTS), Fixtures.checkpoint(Fixtures.TINY).resolve(WEIGHTS)));
    assertEquals(List.of(), partFiles());
  }

  private List<Path> partFiles() throws IOException {
    try (var listing = Files.list(out)) {
      return listing.filter(p -> p.toString().endsWith(".part")).collect(Collectors.toList());
    }
  }

  @Test
  public void aPartialFileFromAnEarlierRunIsResumed() throws IOException {
    Files.createDirectories(out);
    Files.write(out.resolve(WEIGHTS + "." + FakeHub.sha256(weights).substring(0, 12) + ".part"), Arrays.copyOf(weights, 123_456));
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertEquals(List.of("/" + FakeHub.sha256(weights) + "?name=" + WEIGHTS + "&X-Amz-Signature=f00d Range: bytes=123456-"), rangeRequests());
    assertEquals(-1, Files.mismatch(out.resolve(WEIGHTS), Fixtures.checkpoint(Fixtures.TINY).resolve(WEIGHTS)));
  }

  @Test
  public void aSha256MismatchIsAnErrorNamingTheFileAndTheBadDownloadIsDeleted() throws IOException {
    hub.corrupt(WEIGHTS);
    CliRun run = download();
    assertEquals(run.toString(), 1, run.exitCode);
    assertTrue(run.errorLine(), run.errorLine().startsWith("timers1: " + WEIGHTS + ": sha256 mismatch"));
    assertFalse(Files.exists(out.resolve(WEIGHTS)));
    assertEquals(List.of(), partFiles());
  }

  @Test
  public void aGatedRepositoryWithAnUngrantedTokenIsAOneLineError() {
    hub.gated("hf_secret");
    CliRun run = download("--token", "hf_other");
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals(run.err, 1, run.err.strip().split("\n").length);
    assertTrue(run.err, run.err.startsWith("timers1: " + REPO + " is gated and the token's account has no access yet (HTTP 403): accept its terms at "));

    CliRun withToken = download("--token", "hf_secret");
    assertEquals(withToken.toString(), 0, withToken.exitCode);
  }

  @Test
  public void anUnknownRepositoryIsAOneLineError() {
    CliRun run = CliRun.of("download", "acme/no-such-model", "--endpoint", hub.endpoint().toString(), "--out", out.toString(), "--token", "hf_x");
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals("timers1: repository acme/no-such-model not found on " + hub.endpoint() + "/ (HTTP 404)", run.err.strip());
  }

  /** Without --out the checkpoint goes to the Hugging Face cache, where --model OWNER/NAME finds it. */
  @Test
  public void byDefaultItFillsTheHuggingFaceCacheWhereModelRepoIdFindsIt() throws IOException {
    Path cache = tmp.getRoot().toPath().resolve("hf-hub");
    CliRun run = CliRun.of("download", REPO, "--endpoint", hub.endpoint().toString(), "--cache-dir", cache.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    Path snapshot = cache.resolve("models--acme--timer-s1-tiny/snapshots/" + hub.commit());
    assertTrue(run.out, run.out.contains("to " + snapshot + "; check it with: ./timers1 inspect --model " + REPO));
    DefaultModel found = DefaultModel.resolve(REPO, Map.of("HF_HUB_CACHE", cache.toString()), tmp.getRoot().toPath(), null);
    assertEquals(snapshot, found.folder());
    try (TimerS1Model model = TimerS1Model.load(found.folder())) {
      assertEquals(9, model.forecast(List.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}), 4)[0].length);
    }
    IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
        () -> DefaultModel.resolve(REPO + "@v2", Map.of("HF_HUB_CACHE", cache.toString()), tmp.getRoot().toPath(), null));
    assertEquals("--model " + REPO + "@v2: no such folder, and " + REPO + "@v2 is not in the Hugging Face cache " + cache
        + "; get it with: ./timers1 download " + REPO + " --revision v2", e.getMessage());
  }

  @Test
  public void aMalformedRepositoryIdIsRejectedBeforeAnyRequest() {
    CliRun run = CliRun.of("download", "acme/../../etc", "--endpoint", hub.endpoint().toString(), "--out", out.toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertTrue(run.err, run.err.startsWith("timers1: not a hub repository id: 'acme/../../etc'"));
    assertEquals(List.of(), hub.requests());
  }

  @Test
  public void anOutputPathThatIsAFileIsRejected() throws IOException {
    Files.writeString(out, "not a folder");
    CliRun run = download();
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals("timers1: --out " + out + " is a file, not a folder", run.err.strip());
  }
}
