package io.timerbeam.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * The golden checkpoints shipped as test resources: timer-s1/ and timer-xl/, each with tiny-f32
 * and small-bf16-sharded.
 * Other modules reach them through this module's test-jar, where they sit inside a jar: they are
 * then copied once to a temporary folder.
 */
public final class Fixtures {
  public static final String TINY = "tiny-f32";
  public static final String SMALL_SHARDED = "small-bf16-sharded";

  private static final String[] FILES = {
    "config.json", "golden.json", "model.safetensors", "trace.safetensors", "model.safetensors.index.json",
    "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"
  };

  private Fixtures() {}

  /** The folder of a Timer-S1 fixture checkpoint on the file system. */
  public static Path checkpoint(String name) {
    return checkpoint("timer-s1", name);
  }

  /** The folder of a Timer-XL fixture checkpoint on the file system. */
  public static Path timerXl(String name) {
    return checkpoint("timer-xl", name);
  }

  private static synchronized Path checkpoint(String family, String name) {
    String base = "/" + family + "/" + name + "/";
    URL config = Fixtures.class.getResource(base + "config.json");
    if (config == null) {
      throw new IllegalStateException("fixture " + name + " is not on the test classpath");
    }
    try {
      if (config.getProtocol().equals("file")) {
        return Paths.get(config.toURI()).getParent();
      }
      Path dir = Paths.get(System.getProperty("java.io.tmpdir"), family + "-fixtures-" + ProcessHandle.current().pid(), name);
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        for (String f : FILES) {
          try (InputStream in = Fixtures.class.getResourceAsStream(base + f)) {
            if (in != null) {
              Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
