package io.timerbeam.examples.cli;

import io.timerbeam.examples.hub.CheckpointDownload;
import io.timerbeam.examples.hub.HubClient;
import io.timerbeam.examples.hub.HubFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Fetches a checkpoint from the Hugging Face hub, resumably and checked against the hub's sizes and SHA-256s. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Download a Timer-S1 or Timer-XL checkpoint (config.json, safetensors, small json/md files; not the Python code) from the Hugging Face hub.")
final class DownloadCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "REPO_ID", description = "Hub repository, e.g. bytedance-research/Timer-S1 or thuml/timer-base-84m.")
  String repo;

  @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default ${DEFAULT-VALUE}).")
  String revision;

  @Option(names = "--out", description = "Folder to write (default ~/.cache/timers1/<repository name>).")
  Path out;

  @Option(names = "--token", defaultValue = "${env:HF_TOKEN}", description = "Hub access token for private or gated repositories (default: env HF_TOKEN).")
  String token;

  @Option(names = "--endpoint", defaultValue = "${env:HF_ENDPOINT:-https://huggingface.co}",
      description = "Hub address (default: env HF_ENDPOINT, else https://huggingface.co).")
  URI endpoint;

  @Override
  public Integer call() throws Exception {
    HubClient.checkRepoId(repo);
    Path dir = out != null ? out : DefaultModel.cacheRoot().resolve(repo.substring(repo.lastIndexOf('/') + 1));
    List<HubFile> files = new CheckpointDownload(new HubClient(endpoint, token), spec.commandLine().getErr()).into(repo, revision, dir);
    spec.commandLine().getOut().println("downloaded " + files.size() + " files to " + dir + "; check it with: ./timers1 inspect --model " + dir);
    return 0;
  }
}
