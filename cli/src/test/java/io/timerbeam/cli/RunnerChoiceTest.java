package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.cli.job.ForecastJobSpec;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The runner a command takes without --runner: the DirectRunner for small inputs, Flink [local] past a size seen before reading. */
public class RunnerChoiceTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void theInputSizeDecidesWhenNoRunnerIsGiven() {
    RunnerChoice small = RunnerChoice.of(null, false, OptionalLong.of(RunnerChoice.FLINK_ABOVE_ROWS));
    assertEquals(RunnerChoice.DIRECT, small.runner());
    assertNull(small.notice("[local]"));
    RunnerChoice large = RunnerChoice.of(null, false, OptionalLong.of(6_400_000));
    assertEquals(RunnerChoice.FLINK, large.runner());
    assertThat(large.notice("[local]"), containsString("about 6,400,000 input rows"));
    assertThat(large.notice("[local]"), containsString("--runner direct"));
    RunnerChoice unknown = RunnerChoice.of(null, false, OptionalLong.empty());
    assertEquals(RunnerChoice.FLINK, unknown.runner());
    assertThat(unknown.notice("[local]"), containsString("cannot be seen before reading"));
  }

  @Test
  public void aGivenRunnerOrClusterIsKept() {
    RunnerChoice direct = RunnerChoice.of("direct", false, OptionalLong.of(100_000_000));
    assertEquals(RunnerChoice.DIRECT, direct.runner());
    assertNull(direct.notice("[local]"));
    assertEquals(RunnerChoice.FLINK, RunnerChoice.of("flink", false, OptionalLong.of(10)).runner());
    assertEquals(RunnerChoice.FLINK, RunnerChoice.of(null, true, OptionalLong.of(10)).runner());
  }

  @Test
  public void theSampleRunsDirectAndALargeFileOnFlink() throws Exception {
    StringWriter err = new StringWriter();
    PipelineOptions sample = options(SampleSeries.SAMPLE.toString(), err);
    assertEquals(DirectRunner.class, sample.getRunner());
    assertEquals("", err.toString());

    File large = folder.newFile("large.csv");
    StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
    long rows = RunnerChoice.FLINK_ABOVE_ROWS * 3 / 2;
    for (long i = 0; i < rows; i++) {
      csv.append('s').append(i / 2).append(i % 2 == 0 ? ",2024-01-01,1.5\n" : ",2024-01-02,2.5\n");
    }
    Files.writeString(large.toPath(), csv, StandardCharsets.UTF_8);
    PipelineOptions flink = options(large.getPath(), err);
    assertEquals(FlinkRunner.class, flink.getRunner());
    assertEquals("[local]", flink.as(FlinkPipelineOptions.class).getFlinkMaster());
    assertThat(err.toString(), containsString("timers1: runner flink [local] (about "));
    assertTrue(err.toString().lines().count() == 1);
  }

  private static PipelineOptions options(String input, StringWriter err) throws Exception {
    RunnerOptions runner = new RunnerOptions();
    runner.flinkMaster = "[local]";
    ForecastJobSpec job = new ForecastJobSpec();
    job.input = input;
    return runner.pipelineOptions(job, new PrintWriter(err, true));
  }
}
