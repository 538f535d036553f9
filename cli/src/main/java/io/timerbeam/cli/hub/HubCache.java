package io.timerbeam.cli.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Hugging Face cache layout, as huggingface_hub reads and writes it, so one copy serves both:
 * {@code models--OWNER--NAME/blobs/ETAG} holds each file once (named by its SHA-256, or git blob id
 * for non-LFS files), {@code snapshots/COMMIT/PATH} links to the blobs, {@code refs/REVISION}
 * holds the commit a branch or tag was at when last downloaded.
 *
 * <pre>{@code new HubCache(HubSettings.fromEnvironment().cache()).find("thuml/timer-base-84m", "main")}</pre>
 */
public final class HubCache {
  private final Path root;

  public HubCache(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  Path repoFolder(String repo) {
    return root.resolve("models--" + repo.replace("/", "--"));
  }

  Path blob(String repo, HubFile file) {
    return repoFolder(repo).resolve("blobs").resolve(file.etag());
  }

  /** Where a blob grows while it downloads (huggingface_hub resumes the same file). */
  Path incompleteBlob(String repo, HubFile file) {
    return repoFolder(repo).resolve("blobs").resolve(file.etag() + ".incomplete");
  }

  Path snapshot(String repo, String commit) {
    return repoFolder(repo).resolve("snapshots").resolve(commit);
  }

  /** Points {@code snapshots/COMMIT/PATH} at the file's blob with a relative link. */
  void link(String repo, String commit, HubFile file) throws IOException {
    Path link = snapshot(repo, commit).resolve(file.path());
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, link.getParent().relativize(blob(repo, file)));
  }

  /** Records that {@code revision} is at {@code commit}; a commit needs no ref. */
  void writeRef(String repo, String revision, String commit) throws IOException {
    if (!revision.equals(commit)) {
      Path ref = repoFolder(repo).resolve("refs").resolve(revision);
      Files.createDirectories(ref.getParent());
      Files.writeString(ref, commit, StandardCharsets.US_ASCII);
    }
  }

  /** The snapshot folder of {@code repo} at {@code revision} when it holds a checkpoint's config.json. */
  public Optional<Path> find(String repo, String revision) throws IOException {
    HubClient.checkRepoId(repo);
    HubClient.checkRevision(revision);
    Path ref = repoFolder(repo).resolve("refs").resolve(revision);
    String commit = HubClient.isCommit(revision) ? revision : Files.isRegularFile(ref) ? Files.readString(ref).trim() : null;
    if (commit == null || !HubClient.isCommit(commit)) {
      return Optional.empty();
    }
    Path snapshot = snapshot(repo, commit);
    return Files.isRegularFile(snapshot.resolve("config.json")) ? Optional.of(snapshot) : Optional.empty();
  }
}
