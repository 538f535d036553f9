package io.timerbeam.io.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;

/** After a successful write, deletes shards of this output that the run did not publish. */
final class DeleteStaleShardsFn extends DoFn<Iterable<String>, Void> {
  private final String directory;
  private final String shardGlob;

  DeleteStaleShardsFn(String directory, String shardGlob) {
    this.directory = directory;
    this.shardGlob = shardGlob;
  }

  @ProcessElement
  public void processElement(@Element Iterable<String> published) throws IOException {
    Set<String> keep = new HashSet<>();
    published.forEach(file -> keep.add(FileSystems.matchNewResource(file, false).toString()));
    String pattern =
        FileSystems.matchNewResource(directory, true)
            .resolve(shardGlob, StandardResolveOptions.RESOLVE_FILE)
            .toString();
    MatchResult match = FileSystems.match(pattern, EmptyMatchTreatment.ALLOW);
    List<ResourceId> stale = new ArrayList<>();
    for (MatchResult.Metadata file : match.metadata()) {
      if (!keep.contains(file.resourceId().toString())) {
        stale.add(file.resourceId());
      }
    }
    FileSystems.delete(stale, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
