package io.timerbeam.examples.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.examples.hub.FakeHub;
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

  private List<String> rangeRequests() {
    return hub.requests().stream().filter(r -> r.contains("Range")).collect(Collectors.toList());
  }

  @Test
  public void downloadsOnlyTheCheckpointFilesAndTheModelLoads() throws IOException {
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.out, run.out.contains("downloaded 4 files to " + out));
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
      assertTrue(run.out, run.out.contains("downloaded 4 files to " + out));
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
    hub.dropOnceAfter(WEIGHTS, 200_000);
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.err, run.err.contains(WEIGHTS + ": interrupted at "));
    List<String> ranges = rangeRequests();
    assertEquals(ranges.toString(), 1, ranges.size());
    long resumedFrom = Long.parseLong(ranges.get(0).replaceAll(".*bytes=(\\d+)-$", "$1"));
    assertTrue(ranges.toString(), resumedFrom > 0 && resumedFrom <= 200_000);
    assertEquals(-1, Files.mismatch(out.resolve(WEIGHTS), Fixtures.checkpoint(Fixtures.TINY).resolve(WEIGHTS)));
    assertFalse(Files.exists(out.resolve(WEIGHTS + ".part")));
  }

  @Test
  public void aPartialFileFromAnEarlierRunIsResumed() throws IOException {
    Files.createDirectories(out);
    Files.write(out.resolve(WEIGHTS + ".part"), Arrays.copyOf(weights, 123_456));
    CliRun run = download();
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(rangeRequests().toString(), rangeRequests().get(0).endsWith("/" + WEIGHTS + " Range: bytes=123456-"));
    assertEquals(-1, Files.mismatch(out.resolve(WEIGHTS), Fixtures.checkpoint(Fixtures.TINY).resolve(WEIGHTS)));
  }

  @Test
  public void aSha256MismatchIsAnErrorNamingTheFileAndTheBadDownloadIsDeleted() {
    hub.corrupt(WEIGHTS);
    CliRun run = download();
    assertEquals(run.toString(), 1, run.exitCode);
    assertTrue(run.errorLine(), run.errorLine().startsWith("timers1: " + WEIGHTS + ": sha256 mismatch"));
    assertFalse(Files.exists(out.resolve(WEIGHTS)));
    assertFalse(Files.exists(out.resolve(WEIGHTS + ".part")));
  }

  @Test
  public void aGatedRepositoryWithoutTokenIsAOneLineError() {
    hub.requireToken("hf_secret");
    CliRun run = download();
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals(run.err, 1, run.err.strip().split("\n").length);
    assertTrue(run.err, run.err.startsWith("timers1: the hub refused " + REPO + " (HTTP 401)"));
    assertTrue(run.err, run.err.contains("HF_TOKEN"));

    CliRun withToken = download("--token", "hf_secret");
    assertEquals(withToken.toString(), 0, withToken.exitCode);
  }

  @Test
  public void anUnknownRepositoryIsAOneLineError() {
    CliRun run = CliRun.of("download", "acme/no-such-model", "--endpoint", hub.endpoint().toString(), "--out", out.toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals("timers1: acme/no-such-model at revision main was not found on " + hub.endpoint() + "/ (HTTP 404)", run.err.strip());
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
