package io.timerbeam.cli.hub;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

public class CheckpointFilesTest {
  @Test
  public void keepsWeightsConfigAndSmallDocsAtTheTopLevelOnly() {
    List<HubFile> listed = List.of(
        new HubFile("config.json", 600, "0", null),
        new HubFile("model-00001-of-00002.safetensors", 5_000_000_000L, "0", "ab"),
        new HubFile("model-00002-of-00002.safetensors", 4_000_000_000L, "0", "cd"),
        new HubFile("model.safetensors.index.json", 30_000, "0", null),
        new HubFile("README.md", 9_000, "0", null),
        new HubFile("training_log.json", 50_000_000, "0", "ef"),
        new HubFile("modeling_timer_s1.py", 20_000, "0", null),
        new HubFile(".gitattributes", 1_500, "0", null),
        new HubFile("figures/results.md", 100, "0", null));
    assertEquals(List.of("config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
            "model.safetensors.index.json", "README.md"),
        CheckpointDownload.checkpointFiles(listed).stream().map(HubFile::path).collect(Collectors.toList()));
  }
}
