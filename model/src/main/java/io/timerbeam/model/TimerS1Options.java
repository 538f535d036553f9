package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.Serializable;

/**
 * How to load and run a checkpoint of any family (named after the first one): device, compute
 * dtype, context cap, caches, and Timer-XL's renormalisation mode. Immutable.
 */
public final class TimerS1Options implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The release's longest context: 720 patches of 16 points. */
  public static final int DEFAULT_MAX_CONTEXT = 11_520;

  private final String device;
  private final boolean float16;
  private final int maxContextLength;
  private final boolean kvCache;
  private final Renormalisation renormalisation;
  private final ResidentPrecision residentPrecision;

  private TimerS1Options(String device, boolean float16, int maxContextLength, boolean kvCache, Renormalisation renormalisation,
      ResidentPrecision residentPrecision) {
    this.device = device;
    this.float16 = float16;
    this.maxContextLength = maxContextLength;
    this.kvCache = kvCache;
    this.renormalisation = renormalisation;
    this.residentPrecision = residentPrecision;
  }

  /** CPU, float32, 11,520-point contexts, KV caches on, renormalisation as the checkpoint says, 16-bit experts kept 16-bit. */
  public static TimerS1Options defaults() {
    return new TimerS1Options("cpu", false, DEFAULT_MAX_CONTEXT, true, Renormalisation.FOLLOW_CHECKPOINT, ResidentPrecision.HALF);
  }

  /** How 16-bit weights stay in memory on CPU (same numbers either way: widening is exact). */
  public TimerS1Options withResidentPrecision(ResidentPrecision precision) {
    return new TimerS1Options(device, float16, maxContextLength, kvCache, renormalisation, java.util.Objects.requireNonNull(precision));
  }

  public ResidentPrecision residentPrecision() {
    return residentPrecision;
  }

  /** Whether 16-bit experts stay 16-bit: asked for, on CPU, computing in float32. */
  public boolean keepsHalfExperts() {
    return residentPrecision == ResidentPrecision.HALF && !device().isGpu() && !float16;
  }

  /** {@code "cpu"}, {@code "gpu"} (= gpu0) or {@code "gpuN"}. */
  public TimerS1Options withDevice(String device) {
    Device.fromName(device); // validates the name now rather than at load time
    return new TimerS1Options(device, float16, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** Compute in float16 (weights and activations; RevIN stays in double). Meant for GPUs. */
  public TimerS1Options withFloat16(boolean float16) {
    return new TimerS1Options(device, float16, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** Longer series keep their most recent {@code points}. */
  public TimerS1Options withMaxContextLength(int points) {
    if (points <= 0) {
      throw new IllegalArgumentException("maxContextLength must be positive, got " + points);
    }
    return new TimerS1Options(device, float16, points, kvCache, renormalisation, residentPrecision);
  }

  /**
   * Off recomputes every token on every autoregressive pass (same numbers, slower); for benchmarks.
   * Timer-XL's {@link Renormalisation#WHOLE_SERIES} changes every token's input each pass, so it never caches.
   */
  public TimerS1Options withKvCache(boolean kvCache) {
    return new TimerS1Options(device, float16, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** Timer-XL: how later autoregressive calls normalise their input (Timer-S1 ignores it). */
  public TimerS1Options withRenormalisation(Renormalisation renormalisation) {
    return new TimerS1Options(device, float16, maxContextLength, kvCache, java.util.Objects.requireNonNull(renormalisation), residentPrecision);
  }

  public Device device() {
    return Device.fromName(device);
  }

  public String deviceName() {
    return device;
  }

  public DataType computeType() {
    return float16 ? DataType.FLOAT16 : DataType.FLOAT32;
  }

  public int maxContextLength() {
    return maxContextLength;
  }

  public boolean kvCache() {
    return kvCache;
  }

  public Renormalisation renormalisation() {
    return renormalisation;
  }

  @Override
  public String toString() {
    return "device=" + device + ", dtype=" + computeType() + ", maxContext=" + maxContextLength + ", kvCache=" + kvCache + ", renormalisation=" + renormalisation
        + ", resident=" + residentPrecision;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimerS1Options)) {
      return false;
    }
    TimerS1Options other = (TimerS1Options) o;
    return device.equals(other.device) && float16 == other.float16
        && maxContextLength == other.maxContextLength && kvCache == other.kvCache
        && renormalisation == other.renormalisation && residentPrecision == other.residentPrecision;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(device, float16, maxContextLength, kvCache, renormalisation, residentPrecision);
  }
}
