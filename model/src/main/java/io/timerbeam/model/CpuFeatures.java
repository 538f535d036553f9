package io.timerbeam.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What this CPU can do in hardware, from /proc/cpuinfo's flags. A bfloat16 matmul on a CPU without
 * bfloat16 instructions is emulated, reported 30-500x slower than float32: refuse it instead.
 */
public final class CpuFeatures {
  /** x86: AVX-512 BF16 (Zen 4, Cooper Lake, Sapphire Rapids) or AMX's BF16 tiles (Sapphire Rapids on). */
  private static final String[] X86_BF16 = {"avx512_bf16", "amx_bf16"};
  /** ARM's BF16 extension (Graviton 3, Neoverse V1/N2, Apple M2 on). */
  private static final String ARM_BF16 = "bf16";

  private final Set<String> flags;
  private final String arch;

  CpuFeatures(Set<String> flags, String arch) {
    this.flags = flags;
    this.arch = arch;
  }

  /**
   * Set to {@code true}, bfloat16 runs on a CPU without bfloat16 instructions, emulated: for tests
   * of the numbers on such machines (the build's), never for work.
   */
  public static final String ALLOW_EMULATED_BFLOAT16 = "timerbeam.bfloat16.allowEmulated";

  /** Refuses bfloat16 compute on a CPU that would emulate it, with {@link #bfloat16Problem()}'s line. */
  public static void requireBfloat16() {
    String problem = detect().bfloat16Problem();
    if (problem != null && !Boolean.getBoolean(ALLOW_EMULATED_BFLOAT16)) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** This machine's CPU. */
  public static CpuFeatures detect() {
    Set<String> flags = new HashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("flags") || lower.startsWith("features")) {
          int colon = lower.indexOf(':');
          flags.addAll(Arrays.asList(lower.substring(colon + 1).trim().split("\\s+")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc (macOS, Windows): no flags known, and bfloat16 is refused with that reason.
    }
    return new CpuFeatures(flags, System.getProperty("os.arch", ""));
  }

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /** The bfloat16 instructions present, e.g. "avx512_bf16" or "avx512_bf16 amx_bf16", or "none". */
  public String bfloat16Instructions() {
    StringBuilder present = new StringBuilder();
    for (String f : isArm() ? new String[] {ARM_BF16} : X86_BF16) {
      if (has(f)) {
        present.append(present.length() == 0 ? "" : " ").append(f);
      }
    }
    return present.length() == 0 ? "none" : present.toString();
  }

  /** Null when bfloat16 matmuls run in hardware here, else one line naming what is missing. */
  public String bfloat16Problem() {
    if (flags.isEmpty()) {
      return "bfloat16 compute needs a CPU with bfloat16 instructions, and this system does not list its CPU's"
          + " features (no /proc/cpuinfo): use float32";
    }
    if (!"none".equals(bfloat16Instructions())) {
      return null;
    }
    return isArm()
        ? "this CPU lacks the ARM bf16 extension, so bfloat16 compute would be emulated (many times slower than float32): use float32"
        : "this CPU has neither avx512_bf16 nor amx_bf16, so bfloat16 compute would be emulated (many times slower than float32): use float32";
  }

  private boolean isArm() {
    return arch.contains("aarch64") || arch.contains("arm");
  }
}
