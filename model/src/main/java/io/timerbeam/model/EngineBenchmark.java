package io.timerbeam.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.checkpoint.TensorInfo;
import io.timerbeam.model.kernels.TorchKernels;
import io.timerbeam.model.timers1.TimerS1Model;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times batched forecasts of random-walk contexts and the engine's own 2048^3 matmul (in the compute precision) in
 * the same run, printing {@code key=value} lines: series_per_s, model_gflops, matmul_gflops, ...
 * With {@code --threads 1} the engine computes on the calling thread, so the {@code *_cpu} lines
 * (from that thread's CPU time) stay meaningful on a machine shared with other work.
 */
public final class EngineBenchmark {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private EngineBenchmark() {}

  /** What to run. */
  public static final class Spec {
    public Path model;
    public int batch = 32;
    public int context = 512;
    public int horizon = 80;
    /** Intra-op threads; 0 keeps the engine's default. */
    public int threads;
    public boolean kvCache = true;
    /** Timer-XL's generation mode; Timer-S1 ignores it. */
    public Renormalisation renormalisation = Renormalisation.FOLLOW_CHECKPOINT;
    public int repeats = 5;
    /** How 16-bit weights stay in memory. */
    public ResidentPrecision resident = ResidentPrecision.HALF;
    public ComputePrecision compute = ComputePrecision.FLOAT32;
    /** {@code cpu} or {@code gpuN}: where the model and the matmul run. */
    public String device = "cpu";
  }

  public static void run(Spec spec, PrintStream out) throws IOException {
    if (spec.threads > 0) {
      Engine.getEngine("PyTorch"); // loads the native library the call below needs
      JniUtils.setNumThreads(spec.threads);
    }
    EngineOptions options = EngineOptions.defaults().withKvCache(spec.kvCache).withMaxContextLength(Math.max(spec.context, 1))
        .withRenormalisation(spec.renormalisation).withResidentPrecision(spec.resident).withCompute(spec.compute).withDevice(spec.device);
    long loadStarted = System.nanoTime();
    try (ForecastModel model = ForecastModels.load(spec.model, options)) {
      double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
      long rssAfterLoadKb = ProcessMemory.rssKb();
      long checkpointBytes = Checkpoint.open(spec.model).tensors().values().stream().mapToLong(TensorInfo::byteLength).sum();
      List<double[]> contexts = randomWalks(spec.batch, spec.context, 42);
      out.println("model=" + spec.model + " family=" + model.family() + " id=" + model.modelId() + " parameters=" + model.parameterCount());
      out.printf("device=%s compute=%s cpu_bf16=%s%n", spec.device, spec.compute.label(), CpuFeatures.detect().bfloat16Instructions());
      out.printf("resident=%s load_s=%.2f checkpoint_mb=%.1f load_gb_per_s=%.2f resident_weights_mb=%.1f%n",
          spec.resident, loadSeconds, checkpointBytes / 1e6, checkpointBytes / 1e9 / loadSeconds, model.residentBytes() / 1e6);
      out.printf("batch=%d context=%d horizon=%d kv_cache=%s renormalisation=%s threads=%d%n", spec.batch, spec.context, spec.horizon,
          spec.kvCache, spec.renormalisation, JniUtils.getNumThreads());
      model.forecast(contexts, spec.horizon); // warm-up
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      double total = 0;
      for (int r = 0; r < spec.repeats; r++) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        model.forecast(contexts, spec.horizon);
        bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - c0) / 1e9);
        double s = (System.nanoTime() - t0) / 1e9;
        best = Math.min(best, s);
        total += s;
      }
      double flops = model.forecastFlops(spec.batch, spec.context, spec.horizon);
      double[] matmul = matmulGflops(spec.compute, options.device());
      double modelGflops = flops / best / 1e9;
      out.printf("best_s=%.4f mean_s=%.4f%n", best, total / spec.repeats);
      out.printf("series_per_s=%.1f rss_after_load_mb=%d%n", spec.batch / best, rssAfterLoadKb / 1024);
      out.printf("model_gflop_per_call=%.3f%n", flops / 1e9);
      out.printf("model_gflops=%.2f%n", modelGflops);
      out.printf("matmul_gflops=%.2f%n", matmul[0]);
      out.printf("model_vs_matmul=%.1f%%%n", 100 * modelGflops / matmul[0]);
      out.printf("best_cpu_s=%.4f series_per_cpu_s=%.1f model_gflops_cpu=%.2f matmul_gflops_cpu=%.2f model_vs_matmul_cpu=%.1f%%%n",
          bestCpu, spec.batch / bestCpu, flops / bestCpu / 1e9, matmul[1], 100 * flops / bestCpu / 1e9 / matmul[1]);
      if (model instanceof TimerS1Model) {
        out.println(firstPassMillis((TimerS1Model) model, contexts, spec.horizon));
      }
      out.printf("peak_rss_mb=%d%n", ProcessMemory.peakRssKb() / 1024);
    }
  }

  /**
   * One more call, traced: the milliseconds from each point its first pass records (embed, each
   * layer, backbone norm, each TimeSTP module, head) to the previous one, and the whole call's.
   * Per layer only on a synchronous engine (CPU): a GPU queues the ops and the marks come early.
   */
  static String firstPassMillis(TimerS1Model model, List<double[]> contexts, int horizon) {
    List<String> names = new ArrayList<>();
    List<Long> marks = new ArrayList<>();
    long started = System.nanoTime();
    model.forecast(ContextBatch.pack(contexts, model.patchLength()), horizon, (name, value) -> {
      names.add(name);
      marks.add(System.nanoTime());
    });
    long total = System.nanoTime() - started;
    StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "traced_call_ms=%.1f first_pass_ms", total / 1e6));
    long previous = started;
    for (int i = 0; i < names.size(); i++) {
      line.append(String.format(java.util.Locale.ROOT, " %s=%.1f", names.get(i), (marks.get(i) - previous) / 1e6));
      previous = marks.get(i);
    }
    return line.toString();
  }

  /** Seeded random walks: the bench's contexts. */
  public static List<double[]> randomWalks(int count, int length, long seed) {
    Random random = new Random(seed);
    List<double[]> out = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      double[] v = new double[length];
      double x = random.nextGaussian() * 10;
      for (int i = 0; i < length; i++) {
        x += random.nextGaussian();
        v[i] = x;
      }
      out.add(v);
    }
    return out;
  }

  /** {@link #matmulGflops(ComputePrecision, Device)} on the CPU. */
  public static double[] matmulGflops(ComputePrecision compute) {
    return matmulGflops(compute, Device.cpu());
  }

  /**
   * The engine's best n^3 matmul rate in GFLOP/s over a few repeats, {by wall time, by this
   * thread's CPU time (NaN on a GPU)}: float32 through DJL, or for bfloat16 compute on bfloat16 operands through
   * the same TorchScript kernel path the model runs. n is 2048 on a CPU, 8192 on a GPU (where
   * 2048^3 takes tens of microseconds and times the launch, not the matmul).
   */
  public static double[] matmulGflops(ComputePrecision compute, Device device) {
    int n = device.isGpu() ? 8192 : 2048;
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(device);
        TorchKernels kernels = compute == ComputePrecision.BFLOAT16 ? TorchKernels.load(m) : null) {
      NDArray x = m.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
      NDArray y = m.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
      NDArray a = kernels == null ? x : kernels.toBfloat16(x, m);
      NDArray b = kernels == null ? y : kernels.toBfloat16(y, m);
      // x @ y (float32, DJL) or x @ y^T (bfloat16, the kernels' linear): the same FLOPs for square random operands.
      java.util.function.BinaryOperator<NDArray> matmul = kernels == null ? NDArray::matMul : kernels::linear;
      matmul.apply(a, b).close();
      double flop = 2.0 * n * n * n;
      if (device.isGpu()) {
        // A GPU queues ops: time 5 back to back and wait once, by reading one element of the last.
        long t0 = System.nanoTime();
        NDArray last = null;
        for (int r = 0; r < 5; r++) {
          if (last != null) {
            last.close();
          }
          last = matmul.apply(a, b);
        }
        try (NDArray c = last; NDArray f = kernels == null ? null : kernels.toFloat32(c)) {
          (f == null ? c : f).get(0, 0).getFloat();
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / 5;
        return new double[] {flop / seconds / 1e9, Double.NaN};
      }
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      for (int r = 0; r < 5; r++) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        try (NDArray c = matmul.apply(a, b)) {
          c.getShape(); // on a CPU the op completes before it returns
        }
        bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - c0) / 1e9);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      return new double[] {flop / best / 1e9, flop / bestCpu / 1e9};
    }
  }
}
