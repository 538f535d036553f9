package io.timerbeam.it.gpu;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineBenchmark;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.Golden;
import io.timerbeam.model.RandomCheckpoint;
import io.timerbeam.model.checkpoint.StorageType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a GPU worker must show before it forecasts, run by integration-tests/gpu/run-checks.sh
 * against a JNI built for the machine's own libtorch: the golden fixtures on the given device in
 * each compute precision, the release-slice bench, and series through TimerForecast on the
 * DirectRunner ({@link PipelineCheck}). In integration-tests' test sources because this module already
 * has the model's fixtures (model test-jar), the transforms and the DirectRunner.
 *
 * <pre>
 * GpuCheck goldens  FIXTURES_DIR DEVICE PRECISIONS     e.g. model/src/test/resources cpu float32,bfloat16
 * GpuCheck bench    DEVICE PRECISION BATCH CONTEXT HORIZON [CHECKPOINT_DIR]
 * GpuCheck pipeline FIXTURES_DIR DEVICE SERIES
 * </pre>
 * Exit status 1 when a float32 golden misses {@link Golden#TOLERANCE} or the pipeline loses a series.
 */
public final class GpuCheck {
  /** The fixtures checked, as {@code family/name} under the fixtures folder. */
  static final List<String> FIXTURES = List.of("timer-s1/tiny-f32", "timer-s1/small-bf16-sharded", "timer-xl/tiny-f32",
      "timer-xl/small-bf16-sharded");

  private GpuCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: GpuCheck goldens|bench|pipeline ... (see the class comment)");
    }
    boolean ok;
    switch (args[0]) {
      case "goldens" -> {
        arity(args, 4);
        ok = goldens(Paths.get(args[1])::resolve, args[2], precisions(args[3])).stream().allMatch(GoldenResult::passes);
      }
      case "bench" -> {
        if (args.length != 6 && args.length != 7) {
          throw new IllegalArgumentException("bench takes DEVICE PRECISION BATCH CONTEXT HORIZON [CHECKPOINT_DIR], got " + (args.length - 1));
        }
        bench(args[1], ComputePrecision.parse(args[2]), positive(args[3], "BATCH"), positive(args[4], "CONTEXT"),
            positive(args[5], "HORIZON"), args.length == 7 ? Paths.get(args[6]) : null);
        ok = true;
      }
      case "pipeline" -> {
        arity(args, 4);
        ok = PipelineCheck.run(Paths.get(args[1]).resolve("timer-s1/small-bf16-sharded"), args[2], positive(args[3], "SERIES"));
      }
      default -> throw new IllegalArgumentException("unknown check " + args[0] + ": goldens, bench or pipeline");
    }
    System.exit(ok ? 0 : 1);
  }

  /** One fixture in one precision: its worst case's relative error, or why it did not run. */
  record GoldenResult(String fixture, String device, ComputePrecision compute, double maxRelErr, String error) {
    /** float32 must hold the golden tolerance; other precisions are reported, not held. */
    boolean passes() {
      return compute != ComputePrecision.FLOAT32 || (error == null && maxRelErr <= Golden.TOLERANCE);
    }

    String line() {
      String head = "fixture=" + fixture + " device=" + device + " compute=" + compute.label();
      return error != null ? head + " error=" + error : head + String.format(Locale.ROOT, " max_rel_err=%.3g", maxRelErr);
    }
  }

  /**
   * Every case of every fixture ({@code dirOf} gives its folder), each alone, in each precision;
   * prints one line per fixture and precision.
   */
  static List<GoldenResult> goldens(Function<String, Path> dirOf, String device, List<ComputePrecision> precisions) {
    List<GoldenResult> out = new ArrayList<>();
    for (String fixture : FIXTURES) {
      Path dir = dirOf.apply(fixture);
      List<Golden.Case> cases = Golden.cases(dir);
      for (ComputePrecision compute : precisions) {
        GoldenResult r;
        try (ForecastModel model = ForecastModels.load(dir, EngineOptions.defaults().withDevice(device).withCompute(compute))) {
          double worst = 0;
          for (Golden.Case c : cases) {
            float[][][] y = model.forecast(List.of(c.context), c.horizon);
            worst = Math.max(worst, Golden.relativeError(y[0], c.forecast));
          }
          r = new GoldenResult(fixture, device, compute, worst, null);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
          // UnsatisfiedLinkError: a JNI function this libtorch's build lacks; named, not fatal for the others.
          r = new GoldenResult(fixture, device, compute, Double.NaN, (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' '));
        }
        System.out.println(r.line());
        out.add(r);
      }
    }
    return out;
  }

  /**
   * EngineBenchmark on the release slice (model/src/main/resources/release-slice.json, 1.04B
   * parameters, bf16, seeded-random weights written to a temporary folder unless one is given).
   */
  static void bench(String device, ComputePrecision compute, int batch, int context, int horizon, Path checkpoint) throws IOException {
    Path dir = checkpoint;
    if (dir == null) {
      dir = Files.createTempDirectory("release-slice");
      try (InputStream in = EngineBenchmark.class.getResourceAsStream("/release-slice.json")) {
        RandomCheckpoint.write(new String(in.readAllBytes(), StandardCharsets.UTF_8), 1, dir, StorageType.BF16, 2);
      }
    }
    EngineBenchmark.Spec s = new EngineBenchmark.Spec();
    s.model = dir;
    s.device = device;
    s.compute = compute;
    s.batch = batch;
    s.context = context;
    s.horizon = horizon;
    s.repeats = 3;
    try {
      EngineBenchmark.run(s, System.out);
    } finally {
      if (checkpoint == null) { // the 2 GB we wrote
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.delete(f);
          }
        }
        Files.delete(dir);
      }
    }
  }

  static List<ComputePrecision> precisions(String list) {
    List<ComputePrecision> out = new ArrayList<>();
    for (String p : list.split(",")) {
      out.add(ComputePrecision.parse(p.trim()));
    }
    return out;
  }

  private static int positive(String value, String name) {
    int v;
    try {
      v = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
    }
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
    }
    return v;
  }

  private static void arity(String[] args, int n) {
    if (args.length != n) {
      throw new IllegalArgumentException(args[0] + " takes " + (n - 1) + " arguments, got " + (args.length - 1));
    }
  }
}
