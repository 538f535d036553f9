package io.timerbeam.cli.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Whether a file on disk is the hub's: its size, and its SHA-256 (LFS files) or git blob id (the others). */
final class ContentCheck {
  private ContentCheck() {}

  /** What differs, or empty when {@code path} holds exactly {@code file}. */
  static Optional<String> problem(HubFile file, Path path) throws IOException {
    long size = Files.size(path);
    if (size != file.size()) {
      return Optional.of("the hub lists " + file.size() + " bytes but " + size + " arrived");
    }
    boolean lfs = file.sha256() != null;
    MessageDigest digest = digest(lfs ? "SHA-256" : "SHA-1");
    if (!lfs) {
      digest.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    String expected = lfs ? file.sha256() : file.gitOid();
    return actual.equalsIgnoreCase(expected) ? Optional.empty()
        : Optional.of((lfs ? "sha256" : "git blob id") + " mismatch (the hub lists " + expected + ", the download has " + actual + ")");
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }
}
