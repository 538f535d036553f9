package io.timerbeam.cli.hub;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Downloads against {@link FakeHub}, which behaves as the real hub where clients go wrong; a read timeout of 0.3 s keeps stalls short. */
public class HubDownloadTest {
  private static final String REPO = "acme/timer-tiny";
  private static final String WEIGHTS = "model.safetensors";
  private static final String TOKEN = "hf_secret";
  private static final Backoff FAST = new Backoff(5, Duration.ofMillis(10), Duration.ofMillis(40));

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private FakeHub hub;
  private final byte[] weights = bytes(400_000, 1);
  private final Map<String, String> env = new HashMap<>();
  private final List<String> retries = new ArrayList<>();
  private final StringWriter progressLog = new StringWriter();
  private HubCache cache;

  @Before
  public void serve() throws IOException {
    hub = new FakeHub(REPO, "main")
        .file("config.json", "{\"model_type\":\"timer\"}".getBytes(StandardCharsets.UTF_8), false)
        .file(WEIGHTS, weights, true)
        .file("README.md", "# tiny\n".getBytes(StandardCharsets.UTF_8), false);
    cache = new HubCache(tmp.getRoot().toPath().resolve("hub"));
    env.put("HF_ENDPOINT", hub.endpoint().toString());
    env.put("HF_HOME", tmp.getRoot().toPath().resolve("hf-home").toString());
    env.put("HF_HUB_CACHE", cache.root().toString());
    env.put("HF_HUB_DOWNLOAD_TIMEOUT", "0.3");
  }

  @After
  public void stop() {
    hub.close();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private CheckpointDownload download() {
    HubClient client = new HubClient(HubSettings.from(env, tmp.getRoot().toPath()), FAST, retries::add);
    return new CheckpointDownload(client, new PrintWriter(progressLog, true));
  }

  private CheckpointDownload.Result intoCache() throws IOException {
    return download().intoCache(REPO, "main", cache);
  }

  private List<FakeHub.Request> from(String server) {
    return hub.log().stream().filter(r -> r.server().equals(server)).toList();
  }

  @Test
  public void theTokenGoesToTheHubButNeverToTheStorageHost() throws IOException {
    env.put("HF_TOKEN", TOKEN);
    hub.privateRepo(TOKEN);
    CheckpointDownload.Result result = intoCache();
    assertArrayEquals(weights, Files.readAllBytes(result.folder().resolve(WEIGHTS)));
    assertEquals(hub.log().toString(), 1, from("storage").size());
    assertTrue(hub.log().toString(), from("storage").stream().noneMatch(FakeHub.Request::authorized));
    assertTrue(hub.log().toString(), from("hub").stream().allMatch(FakeHub.Request::authorized));
  }

  @Test
  public void aRenamedRepositoryIsFollowedThroughRelativeRedirectsKeepingTheToken() throws IOException {
    env.put("HF_TOKEN", TOKEN);
    hub.privateRepo(TOKEN).renamedFrom("acme/old-name");
    CheckpointDownload.Result result = download().intoCache("acme/old-name", "main", cache);
    assertArrayEquals(weights, Files.readAllBytes(result.folder().resolve(WEIGHTS)));
    assertTrue(hub.requests().toString(), hub.requests().contains("/api/models/acme/old-name/revision/main"));
  }

  @Test
  public void aStalledTransferIsResumedAfterTheReadTimeout() throws IOException {
    hub.stallOnceAfter(WEIGHTS, 100_000);
    long start = System.nanoTime();
    CheckpointDownload.Result result = intoCache();
    assertTrue("took " + (System.nanoTime() - start) / 1e9 + " s", System.nanoTime() - start < 5e9);
    assertArrayEquals(weights, Files.readAllBytes(result.folder().resolve(WEIGHTS)));
    assertEquals(from("storage").toString(), "bytes=100000-", from("storage").get(1).range());
    assertTrue(progressLog.toString(), progressLog.toString().contains(WEIGHTS + ": interrupted at 100000 of 400000 bytes (no data for 0.3 s"));
  }

  @Test
  public void aRangeAnsweredWithTheWholeFileRestartsIt() throws IOException {
    hub.ignoreRange().drop(WEIGHTS, 150_000, 1);
    assertArrayEquals(weights, Files.readAllBytes(intoCache().folder().resolve(WEIGHTS)));
    assertEquals(from("storage").toString(), "bytes=150000-", from("storage").get(1).range());
  }

  @Test
  public void triesThatMoveBytesForwardDoNotCountAgainstTheLimit() throws IOException {
    hub.drop(WEIGHTS, 40_000, 8); // 8 drops in a row, more than the 5 tries allowed without progress
    assertArrayEquals(weights, Files.readAllBytes(intoCache().folder().resolve(WEIGHTS)));
    assertEquals(9, from("storage").size());
  }

  @Test
  public void everyFileIsFetchedAtTheCommitTheRevisionResolvedTo() throws IOException {
    String commit = hub.commit();
    CheckpointDownload.Result result = intoCache();
    assertEquals(commit, result.commit());
    List<String> resolves = hub.requests().stream().filter(r -> r.contains("/resolve/")).toList();
    assertEquals(3, resolves.size());
    assertTrue(resolves.toString(), resolves.stream().allMatch(r -> r.contains("/resolve/" + commit + "/")));
    assertEquals(1, hub.requests().stream().filter(r -> r.contains("/revision/")).count());
  }

  @Test
  public void theCacheLayoutIsHuggingFaces() throws IOException {
    CheckpointDownload.Result result = intoCache();
    Path repoFolder = cache.root().resolve("models--acme--timer-tiny");
    assertEquals(repoFolder.resolve("snapshots").resolve(hub.commit()), result.folder());
    assertEquals(hub.commit(), Files.readString(repoFolder.resolve("refs/main")));
    Path link = result.folder().resolve(WEIGHTS);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("../../blobs/" + FakeHub.sha256(weights)), Files.readSymbolicLink(link));
    assertEquals(Path.of("../../blobs/" + FakeHub.gitOid("# tiny\n".getBytes(StandardCharsets.UTF_8))),
        Files.readSymbolicLink(result.folder().resolve("README.md")));
    assertEquals(result.folder(), cache.find(REPO, "main").orElseThrow());
  }

  @Test
  public void aMovedBranchGetsTheNewCommitAndKeepsTheUnchangedBlobs() throws IOException {
    String first = intoCache().commit();
    byte[] retrained = bytes(weights.length, 2);
    hub.newCommit().file(WEIGHTS, retrained, true);
    int before = hub.requests().size();
    CheckpointDownload.Result second = intoCache();
    assertEquals(hub.commit(), second.commit());
    assertFalse(first.equals(second.commit()));
    assertArrayEquals(retrained, Files.readAllBytes(second.folder().resolve(WEIGHTS)));
    assertArrayEquals(weights, Files.readAllBytes(cache.snapshot(REPO, first).resolve(WEIGHTS)));
    assertEquals(second.commit(), Files.readString(cache.repoFolder(REPO).resolve("refs/main")));
    List<String> fetched = hub.requests().subList(before, hub.requests().size()).stream().filter(r -> r.contains("/resolve/")).toList();
    assertEquals(fetched.toString(), 1, fetched.size());
  }

  @Test
  public void aPlainFolderReplacesAFileOfTheSameSizeButAnotherHash() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("plain");
    download().into(REPO, "main", dir);
    byte[] retrained = bytes(weights.length, 2);
    hub.newCommit().file(WEIGHTS, retrained, true);
    download().into(REPO, "main", dir);
    assertArrayEquals(retrained, Files.readAllBytes(dir.resolve(WEIGHTS)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("README.md", "config.json", WEIGHTS), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  public void aCorruptedFileIsAnErrorAndItsDownloadIsDeleted() throws IOException {
    hub.corrupt("README.md");
    IOException e = assertThrows(IOException.class, this::intoCache);
    assertTrue(e.getMessage(), e.getMessage().startsWith("README.md: git blob id mismatch"));
    try (var blobs = Files.list(cache.repoFolder(REPO).resolve("blobs"))) {
      assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".incomplete")));
    }
  }

  @Test
  public void a429IsRetriedAfterTheRetryAfterPause() throws IOException {
    hub.failOnce("/tree/", 429, "1");
    intoCache();
    List<FakeHub.Request> tree = hub.log().stream().filter(r -> r.path().contains("/tree/")).toList();
    assertEquals(2, tree.size());
    long waitedMs = (tree.get(1).nanoTime() - tree.get(0).nanoTime()) / 1_000_000;
    assertTrue(waitedMs + " ms", waitedMs >= 950);
  }

  @Test
  public void a503And408AreRetried() throws IOException {
    hub.failOnce("/revision/", 503, null).failOnce("/resolve/", 408, null);
    assertArrayEquals(weights, Files.readAllBytes(intoCache().folder().resolve(WEIGHTS)));
    assertEquals(retries.toString(), 2, retries.size());
  }

  @Test
  public void theTreeListingIsReadPageByPage() throws IOException {
    hub.pageSize(1);
    assertEquals(3, intoCache().files().size());
    assertTrue(hub.requests().toString(), hub.requests().stream().anyMatch(r -> r.endsWith("/tree/" + hub.commit() + "?cursor=2")));
  }

  @Test
  public void theTokenFileOfHfAuthLoginIsReadAndTrimmed() throws IOException {
    hub.privateRepo(TOKEN);
    Path tokenFile = Path.of(env.get("HF_HOME")).resolve("token");
    Files.createDirectories(tokenFile.getParent());
    Files.writeString(tokenFile, TOKEN + "\n");
    assertArrayEquals(weights, Files.readAllBytes(intoCache().folder().resolve(WEIGHTS)));
  }

  @Test
  public void offlineModeUsesTheCacheWithoutARequest() throws IOException {
    env.put("HF_HUB_OFFLINE", "1");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, this::intoCache);
    assertTrue(missing.getMessage(), missing.getMessage().startsWith("HF_HUB_OFFLINE is set and " + REPO + "@main is not in the Hugging Face cache"));
    env.remove("HF_HUB_OFFLINE");
    Path snapshot = intoCache().folder();
    int before = hub.requests().size();
    env.put("HF_HUB_OFFLINE", "true");
    assertEquals(snapshot, intoCache().folder());
    assertEquals(before, hub.requests().size());
  }

  @Test
  public void requestsGoThroughTheEnvironmentsProxyExceptForNoProxyHosts() throws IOException {
    env.put("HF_ENDPOINT", "http://hub.invalid");
    env.put("HTTP_PROXY", "http://127.0.0.1:" + hub.port());
    env.put("NO_PROXY", "localhost," + FakeHub.STORAGE_HOST);
    hub.pageSize(2);
    assertArrayEquals(weights, Files.readAllBytes(intoCache().folder().resolve(WEIGHTS)));
    assertEquals(1, from("storage").size());
  }

  private String errorOf(ThrowingRunnable action) {
    return assertThrows(IOException.class, action::run).getMessage();
  }

  private interface ThrowingRunnable {
    void run() throws IOException;
  }

  @Test
  public void errorsSayWhetherTheRepositoryTheRevisionOrTheFileIsMissing() {
    assertEquals("repository acme/nope not found on " + hub.endpoint() + "/ (HTTP 401); if it is private, pass a token (--token, HF_TOKEN"
        + " or `hf auth login`)", errorOf(() -> download().intoCache("acme/nope", "main", cache)));
    assertEquals("revision v9 not found in " + REPO + " (HTTP 404)", errorOf(() -> download().intoCache(REPO, "v9", cache)));
    HubClient client = new HubClient(HubSettings.from(env, tmp.getRoot().toPath()), FAST, retries::add);
    assertEquals("file gone.json not found in " + REPO + " at " + hub.commit() + " (HTTP 404)",
        errorOf(() -> client.open(REPO, hub.commit(), new HubFile("gone.json", 1, "0".repeat(40), null), 0)));
  }

  @Test
  public void gatedAndForbiddenAreToldApart() {
    hub.gated(TOKEN);
    String noToken = errorOf(this::intoCache);
    assertTrue(noToken, noToken.startsWith(REPO + " is gated (HTTP 401): accept its terms at " + hub.endpoint() + "/" + REPO));
    env.put("HF_TOKEN", "hf_other");
    String notGranted = errorOf(this::intoCache);
    assertTrue(notGranted, notGranted.startsWith(REPO + " is gated and the token's account has no access yet (HTTP 403)"));
    hub.privateRepo(TOKEN);
    String lacking = errorOf(this::intoCache);
    assertTrue(lacking, lacking.startsWith("the token from HF_TOKEN lacks access to " + REPO + " (HTTP 403)"));
  }
}
