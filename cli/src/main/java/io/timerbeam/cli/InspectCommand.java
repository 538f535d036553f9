package io.timerbeam.cli;

import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.model.checkpoint.Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Prints a checkpoint's family and config, checks its tensors by loading it, and counts its parameters. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a checkpoint's config, check its tensors, count its parameters.")
final class InspectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption modelOption;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Path model = modelOption.resolve(spec.commandLine().getErr());
    Checkpoint checkpoint = Checkpoint.open(model);
    out.println("family=" + checkpoint.family().id());
    out.println("config=" + ModelConfigs.read(model).summary());
    out.println("tensors=" + checkpoint.tensors().size());
    long bytes = checkpoint.tensors().values().stream().mapToLong(t -> t.elementCount() * t.type().bytes()).sum();
    out.printf("stored_bytes=%d%n", bytes);
    try (ForecastModel loaded = ForecastModels.load(model)) {
      out.println("tensor_check=ok");
      out.println("model_id=" + loaded.modelId());
      out.println("parameters=" + loaded.parameterCount());
    }
    return 0;
  }
}
