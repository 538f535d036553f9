package io.timerbeam.examples.cli;

import io.timerbeam.model.Checkpoint;
import io.timerbeam.model.TimerS1Model;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a checkpoint's config, checks its tensors by loading it, and counts its parameters. */
@Command(name = "inspect", description = "Show a checkpoint's config, check its tensors, count its parameters.")
final class InspectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Checkpoint folder (config.json + safetensors).")
  Path model;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Checkpoint checkpoint = Checkpoint.open(model);
    out.println("config=" + checkpoint.config());
    out.println("tensors=" + checkpoint.tensors().size());
    long bytes = checkpoint.tensors().values().stream().mapToLong(t -> t.elementCount() * t.type().bytes()).sum();
    out.printf("stored_bytes=%d%n", bytes);
    try (TimerS1Model loaded = TimerS1Model.load(model)) {
      out.println("tensor_check=ok");
      out.println("model_id=" + loaded.modelId());
      out.println("parameters=" + loaded.parameterCount());
    }
    return 0;
  }
}
