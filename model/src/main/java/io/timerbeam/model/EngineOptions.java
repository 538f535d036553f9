package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.Serializable;

/**
 * How to load and run a checkpoint of any family (named after the first one): device, compute
 * dtype, context cap, caches, and Timer-XL's renormalisation mode. Immutable.
 */
public final class EngineOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The release's longest context: 720 patches of 16 points. */
  public static final int DEFAULT_MAX_CONTEXT = 11_520;

  private final String device;
  private final ComputePrecision compute;
  private final int maxContextLength;
  private final boolean kvCache;
  private final Renormalisation renormalisation;
  private final ResidentPrecision residentPrecision;

  private EngineOptions(String device, ComputePrecision compute, int maxContextLength, boolean kvCache, Renormalisation renormalisation,
      ResidentPrecision residentPrecision) {
    this.device = device;
    this.compute = compute;
    this.maxContextLength = maxContextLength;
    this.kvCache = kvCache;
    this.renormalisation = renormalisation;
    this.residentPrecision = residentPrecision;
  }

  /** CPU, float32 compute, 11,520-point contexts, KV caches on, renormalisation as the checkpoint says, 16-bit experts kept 16-bit. */
  public static EngineOptions defaults() {
    return new EngineOptions("cpu", ComputePrecision.FLOAT32, DEFAULT_MAX_CONTEXT, true, Renormalisation.FOLLOW_CHECKPOINT, ResidentPrecision.HALF);
  }

  /** How 16-bit weights stay in memory on CPU (same numbers either way: widening is exact). */
  public EngineOptions withResidentPrecision(ResidentPrecision precision) {
    return new EngineOptions(device, compute, maxContextLength, kvCache, renormalisation, java.util.Objects.requireNonNull(precision));
  }

  public ResidentPrecision residentPrecision() {
    return residentPrecision;
  }

  /** Whether 16-bit experts stay 16-bit and are widened per pass: asked for, on CPU, computing in float32. */
  public boolean keepsHalfExperts() {
    return residentPrecision == ResidentPrecision.HALF && !device().isGpu() && compute == ComputePrecision.FLOAT32;
  }

  /** {@code "cpu"}, {@code "gpu"} (= gpu0) or {@code "gpuN"}. */
  public EngineOptions withDevice(String device) {
    Device.fromName(device); // validates the name now rather than at load time
    return new EngineOptions(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** The compute precision (RevIN stays in double in every one); float32 by default. */
  public EngineOptions withCompute(ComputePrecision compute) {
    return new EngineOptions(device, java.util.Objects.requireNonNull(compute), maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  public ComputePrecision compute() {
    return compute;
  }

  /** Longer series keep their most recent {@code points}. */
  public EngineOptions withMaxContextLength(int points) {
    if (points <= 0) {
      throw new IllegalArgumentException("maxContextLength must be positive, got " + points);
    }
    return new EngineOptions(device, compute, points, kvCache, renormalisation, residentPrecision);
  }

  /**
   * Off recomputes every token on every autoregressive pass (same numbers, slower); for benchmarks.
   * Timer-XL's {@link Renormalisation#WHOLE_SERIES} changes every token's input each pass, so it never caches.
   */
  public EngineOptions withKvCache(boolean kvCache) {
    return new EngineOptions(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }

  /** Timer-XL: how later autoregressive calls normalise their input (Timer-S1 ignores it). */
  public EngineOptions withRenormalisation(Renormalisation renormalisation) {
    return new EngineOptions(device, compute, maxContextLength, kvCache, java.util.Objects.requireNonNull(renormalisation), residentPrecision);
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
    if (!(o instanceof EngineOptions)) {
      return false;
    }
    EngineOptions other = (EngineOptions) o;
    return device.equals(other.device) && compute == other.compute
        && maxContextLength == other.maxContextLength && kvCache == other.kvCache
        && renormalisation == other.renormalisation && residentPrecision == other.residentPrecision;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(device, compute, maxContextLength, kvCache, renormalisation, residentPrecision);
  }
}
