package io.timerbeam.it.dataflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.it.DataflowGpuWorkers;
import io.timerbeam.it.DistributedForecastJob;
import io.timerbeam.it.DistributedForecastJobOptions;
import io.timerbeam.it.store.PostgresStore;
import io.timerbeam.model.Fixtures;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory;
import org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.construction.PipelineTranslation;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The forecast job configured for Dataflow GPU workers, checked as far as this machine allows (no
 * GCP): the DataflowRunner's own option validation, and the pipeline translated to its portable
 * graph, which is what the Dataflow service receives.
 */
public class DataflowGpuJobTest {
  private static final String IMAGE = "europe-west4-docker.pkg.dev/my-project/timer/beam-java17-libtorch-cu128:2.62.0";
  private static PostgresStore store;

  @BeforeClass
  public static void startStore() throws Exception {
    store = PostgresStore.start(); // the JDBC source describes its table while the pipeline is built
    store.execute("CREATE TABLE observations (series_id TEXT NOT NULL, ts TIMESTAMP NOT NULL, value DOUBLE PRECISION)");
  }

  @AfterClass
  public static void stopStore() throws Exception {
    store.close();
  }

  private static DataflowPipelineOptions gpuOptions() {
    PipelineOptionsFactory.register(DistributedForecastJobOptions.class);
    DataflowPipelineOptions options = PipelineOptionsFactory.fromArgs(
        "--project=my-project",
        "--region=europe-west4",
        "--tempLocation=gs://my-bucket/tmp",
        "--gcpTempLocation=gs://my-bucket/tmp", // given, so Beam does not look the bucket up
        "--jdbcUrl=" + store.jdbcUrl(),
        "--forecastsTable=forecasts",
        // The transform reads config.json while the pipeline is built; workers read the same path in the image.
        "--checkpoint=" + Fixtures.checkpoint(Fixtures.TINY),
        // Offline: no bucket lookup, no credentials; both are real on a submitting machine.
        "--pathValidatorClass=" + NoopPathValidator.class.getName(),
        "--credentialFactoryClass=" + NoopCredentialFactory.class.getName())
        .withValidation()
        .as(DataflowPipelineOptions.class);
    DataflowGpuWorkers.configure(options, IMAGE);
    return options;
  }

  @Test
  public void gpuOptionsPassTheDataflowRunnersValidation() {
    DataflowPipelineOptions options = gpuOptions();
    DataflowRunner.fromOptions(options);
    assertEquals("g2-standard-8", options.getWorkerMachineType());
    assertTrue(options.getDataflowServiceOptions()
        .contains("worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver"));
    assertEquals(IMAGE, options.getSdkContainerImage());
    assertTrue(ExperimentalOptions.hasExperiment(options, "use_runner_v2"));
    assertEquals("gpu0", options.as(DistributedForecastJobOptions.class).getDevice());
    assertEquals("gs://my-bucket/tmp", options.getGcpTempLocation());
  }

  @Test
  public void forecastJobTranslatesToAPortableGraph() {
    Pipeline pipeline = DistributedForecastJob.build(gpuOptions().as(DistributedForecastJobOptions.class));
    RunnerApi.Pipeline proto = PipelineTranslation.toProto(pipeline);
    Set<String> names = new HashSet<>();
    proto.getComponents().getTransformsMap().values().forEach(t -> names.add(t.getUniqueName()));
    assertTrue(names.toString(), names.containsAll(Set.of("Read observations", "Forecast", "Write forecasts")));
    assertTrue("the shard shuffle (GroupByKey) is missing: " + names,
        proto.getComponents().getTransformsMap().values().stream()
            .anyMatch(t -> t.getSpec().getUrn().equals("beam:transform:group_by_key:v1")));
  }
}
