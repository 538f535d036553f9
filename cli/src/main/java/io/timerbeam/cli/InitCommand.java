package io.timerbeam.cli;

import io.timerbeam.model.RandomCheckpoint;
import io.timerbeam.model.checkpoint.StorageType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a seeded random-weight checkpoint for a config (tests, benchmarks; its forecasts are meaningless). */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Write a seeded random-weight checkpoint in the release layout for a config.json.")
final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, description = "A Timer-S1 or Timer-XL config.json (family from model_type / architectures).")
  Path config;

  @Option(names = "--seed", defaultValue = "0", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Folder to write.")
  Path out;

  @Option(names = "--dtype", defaultValue = "f32", description = "f32, bf16 or f16 (default ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--shards", defaultValue = "1", description = "Number of safetensors shards (default ${DEFAULT-VALUE}).")
  int shards;

  @Override
  public Integer call() throws Exception {
    StorageType type;
    try {
      type = StorageType.valueOf(dtype.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--dtype must be f32, bf16 or f16, got " + dtype);
    }
    RandomCheckpoint.write(Files.readString(config, StandardCharsets.UTF_8), seed, out, type, shards);
    spec.commandLine().getOut().println("wrote random checkpoint (seed " + seed + ", " + type + ", " + shards + " shard(s)) to " + out);
    return 0;
  }
}
