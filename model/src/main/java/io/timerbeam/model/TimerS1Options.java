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
  private final ComputePrecision compute;
  private final int maxContextLength;
  private final boolean kvCache;
  private final Renormalisation renormalisation;
  private final ResidentPrecision residentPrecision;

  private TimerS1Options(String device, ComputePrecision compute, int maxContextLength, boolean kvCache, Renormalisation renormalisation,
      ResidentPrecision residentPrecision) {
    this.device = device;
    this.compute = compute;
    this.maxContextLength = maxContextLength;
    this.kvCache = kvCache;
    this.renormalisation = renormalisation;
    this.residentPrecision = residentPrecision;
  }

  /** CPU, float32 compute, 11,520-point contexts, KV caches on, renormalisation as the checkpoint says, 16-bit experts kept 16-bit. */
  public static TimerS1Options defaults() {
    return new TimerS1Options("cpu", ComputePrecision.FLOAT32, DEFAULT_MAX_CONTEXT, true, Renormalisation.FOLLOW_CHECKPOINT, ResidentPrecision.HALF);
  }

  /** How 16-bit weights stay in memory on CPU (same numbers either way: widening is exact). */
  public TimerS1Options withResidentPrecision(ResidentPrecision precision) {
    return new TimerS1Options(device, compute, maxContextLength, kvCache, renormalisation, java.util.Objects.requireNonNull(precision));
  }

  public ResidentPrecision residentPrecision() {
    return residentPrecision;
  }

  /** Whether 16-bit experts stay 16-bit and are widened per pass: asked for, on CPU, computing in float32. */
  public boolean keepsHalfExperts() {
    return residentPrecision == ResidentPrecision.HALF && !device().isGpu() && compute == ComputePrecision.FLOAT32;
  }

  /** {@code "cpu"}, {@code "gpu"} (= gpu0) or {@code "gpuN"}. */
  public TimerS1Options withDevice(String device) {
    Device.fromName(device); // validates the name now rather than at load time
    return new TimerS1Options(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** The compute precision (RevIN stays in double in every one); float32 by default. */
  public TimerS1Options withCompute(ComputePrecision compute) {
    return new TimerS1Options(device, java.util.Objects.requireNonNull(compute), maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  public ComputePrecision compute() {
    return compute;
  }

  /** Longer series keep their most recent {@code points}. */
  public TimerS1Options withMaxContextLength(int points) {
    if (points <= 0) {
      throw new IllegalArgumentException("maxContextLength must be positive, got " + points);
    }
    return new TimerS1Options(device, compute, points, kvCache, renormalisation, residentPrecision);
  }

  /**
   * Off recomputes every token on every autoregressive pass (same numbers, slower); for benchmarks.
   * Timer-XL's {@link Renormalisation#WHOLE_SERIES} changes every token's input each pass, so it never caches.
   */
  public TimerS1Options withKvCache(boolean kvCache) {
    return new TimerS1Options(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** Timer-XL: how later autoregressive calls normalise their input (Timer-S1 ignores it). */
  public TimerS1Options withRenormalisation(Renormalisation renormalisation) {
    return new TimerS1Options(device, compute, maxContextLength, kvCache, java.util.Objects.requireNonNull(renormalisation), residentPrecision);
  }

  public Device device() {
    return Device.fromName(device);
  }

  public String deviceName() {
    return device;
  }

  /** The dtype DJL's own ops compute in ({@link ComputePrecision#djlType()}). */
  public DataType computeType() {
    return compute.djlType();
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
    return "device=" + device + ", compute=" + compute.label() + ", maxContext=" + maxContextLength + ", kvCache=" + kvCache + ", renormalisation=" + renormalisation
        + ", resident=" + residentPrecision;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimerS1Options)) {
      return false;
    }
    TimerS1Options other = (TimerS1Options) o;
    return device.equals(other.device) && compute == other.compute
        && maxContextLength == other.maxContextLength && kvCache == other.kvCache
        && renormalisation == other.renormalisation && residentPrecision == other.residentPrecision;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }
}
