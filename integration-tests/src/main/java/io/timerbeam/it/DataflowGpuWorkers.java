package io.timerbeam.it;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;

/**
 * Dataflow settings for running {@link DistributedForecastJob} on workers with one NVIDIA L4 each. The worker
 * container must bring libtorch's CUDA natives (see integration-tests/README-distributed.md).
 */
public final class DataflowGpuWorkers {
  /** One L4 per worker VM, driver installed by Dataflow. */
  public static final String ACCELERATOR = "worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver";
  /** L4 GPUs are attached to G2 machines only; g2-standard-8 has 8 vCPUs and 32 GB for batch assembly. */
  public static final String MACHINE_TYPE = "g2-standard-8";
  /** Dataflow runs GPUs and custom SDK containers only on Runner v2. */
  static final String RUNNER_V2 = "use_runner_v2";

  private DataflowGpuWorkers() {}

  /** Sets runner, machine type, accelerator, container and the engine's device on {@code options}. */
  public static void configure(DataflowPipelineOptions options, String workerContainerImage) {
    options.setRunner(DataflowRunner.class);
    options.setWorkerMachineType(MACHINE_TYPE);
    options.setSdkContainerImage(workerContainerImage);
    options.setDataflowServiceOptions(with(options.getDataflowServiceOptions(), ACCELERATOR));
    ExperimentalOptions.addExperiment(options, RUNNER_V2);
    options.as(DistributedForecastJobOptions.class).setDevice("gpu0");
  }

  private static List<String> with(List<String> existing, String option) {
    List<String> all = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    if (!all.contains(option)) {
      all.add(option);
    }
    return all;
  }
}
