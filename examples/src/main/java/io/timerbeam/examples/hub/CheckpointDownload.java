package io.timerbeam.examples.hub;

import io.timerbeam.examples.progress.ProgressReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Fetches the files of a checkpoint (Timer-S1 or Timer-XL) from a hub repository into a folder:
 * config.json, the safetensors and their index, and small json/md files (README, generation
 * config). The repositories' Python modelling code (configuration_timer.py, modeling_timer.py, ...)
 * and figures stay behind: the engine reads config.json and the weights only, and never runs
 * downloaded code. Files already there with the listed size are kept, so running it again finishes
 * an interrupted download.
 *
 * <pre>{@code new CheckpointDownload(hub, err).into("thuml/timer-base-84m", "main", dir)}</pre>
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

  /** The checkpoint files among a repository's files. */
  static List<HubFile> checkpointFiles(List<HubFile> files) {
    return files.stream().filter(f -> {
      String name = f.path();
      boolean small = f.size() <= SMALL_FILE_BYTES;
      return !name.contains("/") && (name.endsWith(".safetensors") || (small && (name.endsWith(".json") || name.endsWith(".md"))));
    }).collect(Collectors.toList());
  }

  /** Downloads the checkpoint files of {@code repo} at {@code revision} into {@code dir}; returns them. */
  public List<HubFile> into(String repo, String revision, Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
    }
    List<HubFile> files = checkpointFiles(hub.listFiles(repo, revision));
    if (files.stream().noneMatch(f -> f.path().equals("config.json")) || files.stream().noneMatch(f -> f.path().endsWith(".safetensors"))) {
      throw new IllegalArgumentException(repo + " at " + revision + " has no config.json with safetensors weights: not a checkpoint");
    }
    Files.createDirectories(dir);
    long total = files.stream().mapToLong(HubFile::size).sum();
    AtomicLong done = new AtomicLong(bytesPresent(files, dir));
    log.printf(Locale.ROOT, "%s@%s: %d files, %.1f MB -> %s%n", repo, revision, files.size(), total / 1e6, dir);
    try (ProgressReporter progress = ProgressReporter.start("download", total, ProgressReporter.Unit.BYTES, done::get, log)) {
      ResumableTransfer transfer = new ResumableTransfer(hub, repo, revision, progress::println);
      for (HubFile file : files) {
        Path target = dir.resolve(file.path());
        if (!(Files.exists(target) && Files.size(target) == file.size())) {
          transfer.fetch(file, target, done::addAndGet);
        }
      }
    }
    return files;
  }

  /** Bytes already on disk from an earlier run: complete files and partial ones. */
  private static long bytesPresent(List<HubFile> files, Path dir) throws IOException {
    long bytes = 0;
    for (HubFile file : files) {
      Path target = dir.resolve(file.path());
      Path part = dir.resolve(file.path() + ".part");
      if (Files.exists(target) && Files.size(target) == file.size()) {
        bytes += file.size();
      } else if (Files.exists(part) && Files.size(part) <= file.size()) {
        bytes += Files.size(part);
      }
    }
    return bytes;
  }
}
