package io.timerbeam.cli;

import io.timerbeam.cli.hub.CheckpointDownload;
import io.timerbeam.cli.hub.HubCache;
import io.timerbeam.cli.hub.HubClient;
import io.timerbeam.cli.hub.HubSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Fetches a checkpoint from the Hugging Face hub, resumably and checked against the hub's SHA-256s and git ids. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Download a Timer-S1 or Timer-XL checkpoint (config.json, safetensors,"
    + " small json/md files; not the Python code) from the Hugging Face hub into the Hugging Face cache, shared with Python tools.")
final class DownloadCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "REPO_ID", description = "Hub repository, e.g. bytedance-research/Timer-S1 or thuml/timer-base-84m.")
  String repo;

  @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default ${DEFAULT-VALUE}).")
  String revision;

  @Option(names = "--out", description = "Write a plain folder instead of the Hugging Face cache.")
  Path out;

  @Option(names = "--cache-dir", description = "Hugging Face cache to write (default: env HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).")
  Path cacheDir;

  @Option(names = "--token", description = "Hub access token for private or gated repositories (default: env HF_TOKEN, else the token `hf auth login` saved).")
  String token;

  @Option(names = "--endpoint", description = "Hub address (default: env HF_ENDPOINT, else https://huggingface.co).")
  URI endpoint;

  @Override
  public Integer call() throws Exception {
    HubClient.checkRepoId(repo);
    HubClient.checkRevision(revision);
    HubSettings settings = HubSettings.fromEnvironment().withToken(token).withEndpoint(endpoint).withCache(cacheDir);
    PrintWriter err = spec.commandLine().getErr();
    CheckpointDownload download = new CheckpointDownload(new HubClient(settings, err::println), err);
    CheckpointDownload.Result result = out != null ? download.into(repo, revision, out)
        : download.intoCache(repo, revision, new HubCache(settings.cache()));
    String model = out != null ? out.toString() : revision.equals("main") ? repo : repo + "@" + revision;
    spec.commandLine().getOut().println("downloaded " + result.files().size() + " files (commit " + result.commit() + ") to " + result.folder()
        + "; check it with: ./timers1 inspect --model " + model);
    return 0;
  }
}
