package io.timerbeam.model.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the native memory libtorch frees for its next call. By default glibc maps every block
 * above 32 MB on its own and unmaps it when freed, and gives the top of its heap back past 128 KB,
 * so each forecast call faults its large temporaries in again and the kernel zeroes every page:
 * 11% of a release-shape call's CPU at batch 32 (perf: clear_page). Set once per process, on the
 * first CPU model load, with glibc's mallopt: no blocks mapped on their own, a 2 GB trim
 * threshold; a worker's RSS then stays at its peak working set. Blocks a thread's own arena cannot
 * hold (64 MB) are still mapped afresh: only the main heap holds any size, which is why workers
 * should run with MALLOC_ARENA_MAX=1 (README "The real model"). Left alone where the environment
 * sets any of these (the user chose), and on other C libraries.
 */
final class NativeHeap {
  private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
  /** glibc's malloc.h parameter numbers. */
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_MAX = -4;
  private static final int TRIM_THRESHOLD_BYTES = Integer.MAX_VALUE;
  /** The environment variables glibc reads for what this sets. */
  static final List<String> MALLOC_VARIABLES =
      List.of("MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_");

  /** What {@link #keepFreedMemory} found. */
  enum Setting {
    KEPT,
    LEFT_AS_THE_ENVIRONMENT_SETS_IT,
    NOT_GLIBC
  }

  private static Setting setting;

  private NativeHeap() {}

  static synchronized Setting keepFreedMemory() {
    if (setting == null) {
      Map<String, String> env = System.getenv();
      setting = apply(env);
      LOG.info("Native heap: {}{}", describe(setting), setting == Setting.NOT_GLIBC || oneArena(env) ? ""
          : "; MALLOC_ARENA_MAX=1 in the worker's environment keeps the engine's blocks above 64 MB too");
    }
    return setting;
  }

  /** Applies the setting unless {@code env} (the process environment) sets malloc's own. */
  static Setting apply(Map<String, String> env) {
    String tunables = env.getOrDefault("GLIBC_TUNABLES", "");
    if (MALLOC_VARIABLES.stream().anyMatch(env::containsKey)
        || tunables.matches(".*glibc\\.malloc\\.(mmap_max|mmap_threshold|trim_threshold|top_pad)=.*")) {
      return Setting.LEFT_AS_THE_ENVIRONMENT_SETS_IT;
    }
    NativeLibrary libc = glibc();
    if (libc == null) {
      return Setting.NOT_GLIBC;
    }
    Function mallopt = libc.getFunction("mallopt");
    if (mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0}) != 1
        || mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES}) != 1) {
      throw new IllegalStateException("glibc's mallopt refused M_MMAP_MAX=0 or M_TRIM_THRESHOLD=" + TRIM_THRESHOLD_BYTES);
    }
    return Setting.KEPT;
  }

  private static boolean oneArena(Map<String, String> env) {
    return "1".equals(env.get("MALLOC_ARENA_MAX")) || env.getOrDefault("GLIBC_TUNABLES", "").contains("glibc.malloc.arena_max=1");
  }

  /** The process's C library if it is glibc (it alone has gnu_get_libc_version), else null. */
  private static NativeLibrary glibc() {
    if (!Platform.isLinux()) {
      return null;
    }
    NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
    try {
      libc.getFunction("gnu_get_libc_version");
      return libc;
    } catch (UnsatisfiedLinkError notGlibc) {
      return null;
    }
  }

  private static String describe(Setting setting) {
    switch (setting) {
      case KEPT:
        return "freed memory kept for reuse (glibc mallopt M_MMAP_MAX=0, M_TRIM_THRESHOLD=2 GB)";
      case LEFT_AS_THE_ENVIRONMENT_SETS_IT:
        return "malloc left as the environment sets it";
      default:
        return "not glibc, left as it is";
    }
  }
}
