package io.timerbeam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option shared by the commands that run a checkpoint, defaulting as {@link DefaultModel} says. */
public final class ModelOption {
  @Option(names = "--model", paramLabel = "DIR|OWNER/NAME[@REV]", description = "Checkpoint folder (config.json + safetensors), or a hub"
      + " repository found in the Hugging Face cache. Default: env " + DefaultModel.ENV + ", else " + DefaultModel.RELEASE
      + " in the Hugging Face cache, else ~/.cache/timers1/Timer-S1, else the demo checkpoint.")
  String model;

  private boolean demo;

  /** The checkpoint folder to use; warns on {@code err} when it is the demo checkpoint. */
  public Path resolve(PrintWriter err) {
    DefaultModel resolved = DefaultModel.resolve(model);
    demo = resolved.isDemo();
    if (resolved.isDemo()) {
      err.println(DefaultModel.DEMO_WARNING);
      err.flush();
    }
    return resolved.folder();
  }

  /** After {@link #resolve}: true when it chose the demo checkpoint. */
  public boolean isDemo() {
    return demo;
  }
}
