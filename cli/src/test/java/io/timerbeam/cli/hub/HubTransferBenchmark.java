package io.timerbeam.cli.hub;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Not a test: downloads from {@link FakeHub} on loopback and prints what it measured.
 * {@code throughput [MB]}: a file of that size (default 1000 MB) through the hub's redirect to the
 * storage host, into the Hugging Face cache; prints bytes/s for the whole download (revision,
 * listing, transfer, sha256 check). {@code stall}: the storage goes silent for 60 s after
 * a third of a 100 MB file; prints when the default 10 s read timeout noticed and when the resumed
 * download finished.
 *
 * <pre>java -Xmx3g -cp ... io.timerbeam.cli.hub.HubTransferBenchmark throughput 1000</pre>
 */
public final class HubTransferBenchmark {
  private static final String REPO = "acme/bench";
  private static final String WEIGHTS = "model.safetensors";

  private HubTransferBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "throughput";
    if (!mode.equals("throughput") && !mode.equals("stall")) {
      throw new IllegalArgumentException("usage: HubTransferBenchmark throughput [MB] | stall");
    }
    int megabytes = mode.equals("stall") ? 100 : args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    byte[] weights = new byte[megabytes * 1_000_000];
    new Random(7).nextBytes(weights);
    Path work = Files.createTempDirectory("hub-bench");
    try (FakeHub hub = new FakeHub(REPO, "main")
        .file("config.json", "{}".getBytes(StandardCharsets.UTF_8), false)
        .file(WEIGHTS, weights, true)) {
      if (mode.equals("stall")) {
        hub.stallOnceAfter(WEIGHTS, weights.length / 3);
      }
      Map<String, String> env = new HashMap<>();
      env.put("HF_ENDPOINT", hub.endpoint().toString());
      env.put("HF_HUB_CACHE", work.resolve("hub").toString());
      env.put("HF_HOME", work.resolve("hf-home").toString());
      HubSettings settings = HubSettings.from(env, work);
      long start = System.nanoTime();
      PrintWriter log = new PrintWriter(System.err, true);
      new CheckpointDownload(new HubClient(settings, log::println), log).intoCache(REPO, "main", new HubCache(settings.cache()));
      long end = System.nanoTime();
      double seconds = (end - start) / 1e9;
      FakeHub.Request[] storage = hub.log().stream().filter(r -> r.server().equals("storage")).toArray(FakeHub.Request[]::new);
      if (mode.equals("throughput")) {
        double fromStorage = (end - storage[0].nanoTime()) / 1e9;
        System.out.printf(Locale.ROOT, "%d bytes in %.2f s: %.0f bytes/s for the whole download (revision, listing, transfer,"
            + " sha256 check); %.2f s, %.0f bytes/s, from the storage request to the checked file%n", weights.length, seconds,
            weights.length / seconds, fromStorage, weights.length / fromStorage);
      } else {
        double resumedAfter = (storage[1].nanoTime() - storage[0].nanoTime()) / 1e9;
        System.out.printf(Locale.ROOT, "stall of 60 s after %d bytes: resumed with %s %.2f s after the first request"
            + " (read timeout %s); whole download %.2f s%n", weights.length / 3, storage[1].range(), resumedAfter, settings.readTimeout(), seconds);
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
