package io.timerbeam.cli.hub;

import io.timerbeam.cli.progress.ProgressReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Fetches the files of a checkpoint (Timer-S1 or Timer-XL) from a hub repository: config.json, the
 * safetensors and their index, and small json/md files (README, generation config). The
 * repositories' Python modelling code (configuration_timer.py, modeling_timer.py, ...) and figures
 * stay behind: the engine reads config.json and the weights only, and never runs downloaded code.
 * The revision is resolved to a commit once and every file is fetched at that commit. Files are
 * kept only when their hash matches, so running it again finishes an interrupted download.
 *
 * <pre>{@code new CheckpointDownload(hub, err).intoCache("thuml/timer-base-84m", "main", new HubCache(settings.cache()))}</pre>
 */
public final class CheckpointDownload {
  /** json and md files above this are not part of what a checkpoint needs. */
  static final long SMALL_FILE_BYTES = 1 << 20;

  private final HubClient hub;
  private final PrintWriter log;

  public CheckpointDownload(HubClient hub, PrintWriter log) {
    this.hub = hub;
    this.log = log;
  }

  /** What a download left: the checkpoint folder, the commit and the files. */
  public record Result(Path folder, String commit, List<HubFile> files) {}

  /** The checkpoint files among a repository's files. */
  static List<HubFile> checkpointFiles(List<HubFile> files) {
    return files.stream().filter(f -> {
      String name = f.path();
      boolean small = f.size() <= SMALL_FILE_BYTES;
      return !name.contains("/") && (name.endsWith(".safetensors") || (small && (name.endsWith(".json") || name.endsWith(".md"))));
    }).collect(Collectors.toList());
  }

  /** Where files go and how a finished one is recognised. */
  private interface Placement {
    /** True when a checked copy of {@code file} is already in place. */
    boolean has(HubFile file) throws IOException;

    /** Where {@code file} grows while it downloads. */
    Path partial(HubFile file);

    /** Moves the checked partial file into place. */
    void place(HubFile file) throws IOException;
  }

  /**
   * Downloads into the Hugging Face cache (blobs shared by every revision and by Python tools) and
   * returns the snapshot folder. With HF_HUB_OFFLINE set it only looks there.
   */
  public Result intoCache(String repo, String revision, HubCache cache) throws IOException {
    HubClient.checkRepoId(repo);
    HubClient.checkRevision(revision);
    if (hub.settings().offline()) {
      Path snapshot = cache.find(repo, revision).orElseThrow(() -> new IllegalArgumentException("HF_HUB_OFFLINE is set and " + repo + "@"
          + revision + " is not in the Hugging Face cache " + cache.root() + ": unset it to download"));
      log.println(repo + "@" + revision + ": in the Hugging Face cache (HF_HUB_OFFLINE is set)");
      return new Result(snapshot, snapshot.getFileName().toString(), List.of());
    }
    String commit = hub.resolveCommit(repo, revision);
    Placement blobs = new Placement() {
      @Override
      public boolean has(HubFile file) {
        return Files.isRegularFile(cache.blob(repo, file)); // a blob is named by its hash and written once checked
      }

      @Override
      public Path partial(HubFile file) {
        return cache.incompleteBlob(repo, file);
      }

      @Override
      public void place(HubFile file) throws IOException {
        Files.move(partial(file), cache.blob(repo, file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    };
    Files.createDirectories(cache.repoFolder(repo).resolve("blobs"));
    List<HubFile> files = fetch(repo, revision, commit, blobs, cache.snapshot(repo, commit));
    for (HubFile file : files) {
      cache.link(repo, commit, file);
    }
    cache.writeRef(repo, revision, commit);
    return new Result(cache.snapshot(repo, commit), commit, files);
  }

  /** Downloads into a plain folder; a file already there is kept only when its hash matches this commit's. */
  public Result into(String repo, String revision, Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
    }
    if (hub.settings().offline()) {
      throw new IllegalArgumentException("HF_HUB_OFFLINE is set: nothing can be downloaded into " + dir);
    }
    String commit = hub.resolveCommit(repo, revision);
    Placement folder = new Placement() {
      @Override
      public boolean has(HubFile file) throws IOException {
        Path target = dir.resolve(file.path());
        return Files.isRegularFile(target) && ContentCheck.problem(file, target).isEmpty();
      }

      @Override
      public Path partial(HubFile file) {
        // Named by the content's id: a partial file of another commit's version is never resumed.
        return dir.resolve(file.path() + "." + file.etag().substring(0, 12) + ".part");
      }

      @Override
      public void place(HubFile file) throws IOException {
        Files.move(partial(file), dir.resolve(file.path()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    };
    Files.createDirectories(dir);
    return new Result(dir, commit, fetch(repo, revision, commit, folder, dir));
  }

  private List<HubFile> fetch(String repo, String revision, String commit, Placement placement, Path shownAs) throws IOException {
    List<HubFile> files = checkpointFiles(hub.listFiles(repo, commit));
    if (files.stream().noneMatch(f -> f.path().equals("config.json")) || files.stream().noneMatch(f -> f.path().endsWith(".safetensors"))) {
      throw new IllegalArgumentException(repo + " at " + revision + " has no config.json with safetensors weights: not a checkpoint");
    }
    long total = files.stream().mapToLong(HubFile::size).sum();
    List<HubFile> missing = new ArrayList<>();
    long present = 0;
    for (HubFile file : files) {
      Path partial = placement.partial(file);
      if (placement.has(file)) {
        present += file.size();
      } else {
        missing.add(file);
        present += Files.exists(partial) && Files.size(partial) <= file.size() ? Files.size(partial) : 0;
      }
    }
    AtomicLong done = new AtomicLong(present);
    log.printf(Locale.ROOT, "%s@%s (commit %s): %d files, %.1f MB, %d to fetch -> %s%n", repo, revision, commit, files.size(), total / 1e6,
        missing.size(), shownAs);
    try (ProgressReporter progress = ProgressReporter.start("download", total, ProgressReporter.Unit.BYTES, done::get, log)) {
      ResumableTransfer transfer = new ResumableTransfer(hub, repo, commit, progress::println);
      for (HubFile file : missing) {
        transfer.fetch(file, placement.partial(file), done::addAndGet);
        placement.place(file);
      }
    }
    return files;
  }
}
