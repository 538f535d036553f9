package io.timerbeam.it.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A standalone Flink 1.19 session cluster of separate JVMs started from the Maven jars: one
 * JobManager and TaskManagers that tests can kill (SIGKILL) and replace. TaskManagers carry the
 * DJL engine on their own classpath, so libtorch is loaded once per JVM and every job's
 * classloader shares it. All logs go to {@code <workDir>/logs}.
 */
public final class FlinkSessionCluster implements AutoCloseable {
  static final int SLOTS_PER_TASK_MANAGER = 2;
  private static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  /** What flink-dist's default configuration opens for JDK 17 (Kryo and Beam reflect into these). */
  private static final List<String> JDK17_OPENS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path workDir;
  private final String flinkClasspath;
  private final String djlClasspath;
  private final int restPort;
  private final FlinkRest rest;
  private final JvmProcess jobManager;
  private final List<JvmProcess> taskManagers = new ArrayList<>();
  private int taskManagersStarted;

  private FlinkSessionCluster(Path workDir, String flinkClasspath, String djlClasspath, int restPort) {
    this.workDir = workDir;
    this.flinkClasspath = flinkClasspath;
    this.djlClasspath = djlClasspath;
    this.restPort = restPort;
    this.rest = new FlinkRest(restPort);
    this.jobManager = JvmProcess.start("jobmanager", flinkClasspath, jvmOptions("-Xmx512m"), JOB_MANAGER_MAIN,
        configDirArgs(), workDir.resolve("logs/jobmanager.log"));
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers under {@code workDir} (cleared
   * first) and waits until they are registered. Paths of the Maven-built classpath files come
   * from the system properties the failsafe configuration sets.
   */
  public static FlinkSessionCluster start(Path workDir, int taskManagers) throws IOException, InterruptedException {
    deleteRecursively(workDir);
    Files.createDirectories(workDir.resolve("tmp"));
    int restPort = freePort();
    writeConfig(workDir.resolve("conf"), restPort, workDir.resolve("tmp"));
    FlinkSessionCluster cluster = new FlinkSessionCluster(workDir, classpath("flink.classpath.file"),
        classpath("djl.classpath.file"), restPort);
    // Child JVMs outlive a test JVM that exits without close(); a hook ends them on a normal exit.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cluster.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    try {
      for (int i = 0; i < taskManagers; i++) {
        cluster.startTaskManager();
      }
      cluster.awaitTaskManagers(taskManagers);
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code localhost:<rest port>}, the FlinkRunner's {@code --flinkMaster}. */
  public String master() {
    return "localhost:" + restPort;
  }

  public int parallelism() {
    return taskManagers.size() * SLOTS_PER_TASK_MANAGER;
  }

  FlinkRest rest() {
    return rest;
  }

  List<JvmProcess> taskManagers() {
    return List.copyOf(taskManagers);
  }

  /** Starts one more TaskManager JVM (the DJL jars on its own classpath); does not wait for it. */
  public void startTaskManager() {
    int index = ++taskManagersStarted;
    List<String> options = jvmOptions("-Xms640m", "-Xmx640m", "-XX:MaxDirectMemorySize=512m",
        "-XX:MaxMetaspaceSize=384m", "-Dai.djl.offline=true");
    taskManagers.add(JvmProcess.start("taskmanager-" + index, flinkClasspath + ":" + djlClasspath, options,
        TASK_MANAGER_MAIN, configDirArgs(), workDir.resolve("logs/taskmanager-" + index + ".log")));
  }

  /** Kills a TaskManager with SIGKILL; the JobManager notices through missed heartbeats. */
  public void killTaskManager(int index) throws InterruptedException {
    taskManagers.remove(index).killHard();
  }

  /** Waits until exactly {@code count} TaskManagers are registered with the JobManager. */
  public void awaitTaskManagers(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    int registered = -1;
    while (System.nanoTime() < deadline) {
      if (!jobManager.isAlive()) {
        throw new IllegalStateException("the JobManager died\n" + logs());
      }
      registered = rest.registeredTaskManagers();
      if (registered == count) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(registered + " TaskManagers registered, expected " + count + "\n" + logs());
  }

  /** Whether any TaskManager, dead or alive, logged {@code text}. */
  public boolean taskManagerLogsContain(String text) throws IOException {
    try (var files = Files.list(workDir.resolve("logs"))) {
      for (Path log : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("taskmanager"))::iterator) {
        if (Files.readString(log).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The tail of every log, for a failure message. */
  public String logs() {
    try (var files = Files.list(workDir.resolve("logs"))) {
      return files.sorted().map(FlinkSessionCluster::tail).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(logs unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (JvmProcess taskManager : taskManagers) {
      taskManager.close();
    }
    taskManagers.clear();
    jobManager.close();
  }

  private List<String> configDirArgs() {
    return List.of("--configDir", workDir.resolve("conf").toString());
  }

  private static List<String> jvmOptions(String... memory) {
    List<String> options = new ArrayList<>(List.of(memory));
    options.addAll(JDK17_OPENS);
    options.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    options.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    return options;
  }

  private static void writeConfig(Path confDir, int restPort, Path tmpDir) throws IOException {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.rpc.address", "localhost");
    c.put("jobmanager.bind-host", "127.0.0.1");
    c.put("jobmanager.rpc.port", Integer.toString(freePort()));
    c.put("blob.server.port", Integer.toString(freePort()));
    c.put("rest.address", "localhost");
    c.put("rest.bind-address", "127.0.0.1");
    c.put("rest.port", Integer.toString(restPort));
    c.put("taskmanager.host", "localhost");
    c.put("taskmanager.bind-host", "127.0.0.1");
    c.put("taskmanager.rpc.port", "0");
    c.put("taskmanager.data.port", "0");
    c.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS_PER_TASK_MANAGER));
    c.put("cluster.evenly-spread-out-slots", "true");
    c.put("io.tmp.dirs", tmpDir.toString());
    // Without flink's shell scripts nothing derives TaskManager memory: every size is explicit,
    // and the JVM flags in startTaskManager match them (heap 640m, direct 512m).
    c.put("taskmanager.cpu.cores", "2");
    c.put("taskmanager.memory.task.heap.size", "512m");
    c.put("taskmanager.memory.framework.heap.size", "128m");
    c.put("taskmanager.memory.task.off-heap.size", "128m");
    c.put("taskmanager.memory.framework.off-heap.size", "128m");
    c.put("taskmanager.memory.network.min", "256m"); // 64m runs out of buffers on a Beam job
    c.put("taskmanager.memory.network.max", "256m");
    c.put("taskmanager.memory.managed.size", "128m");
    c.put("taskmanager.memory.jvm-metaspace.size", "384m");
    c.put("taskmanager.memory.jvm-overhead.min", "192m");
    c.put("taskmanager.memory.jvm-overhead.max", "192m");
    c.put("jobmanager.memory.process.size", "1024m");
    // A killed TaskManager is noticed in seconds, and the job restarts rather than fails.
    c.put("heartbeat.interval", "1000");
    c.put("heartbeat.timeout", "6000");
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", "3");
    c.put("restart-strategy.fixed-delay.delay", "2 s");
    Files.createDirectories(confDir);
    String yaml = c.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    Files.writeString(confDir.resolve("config.yaml"), yaml + "\n", StandardCharsets.UTF_8);
  }

  private static String classpath(String property) throws IOException {
    String file = System.getProperty(property);
    if (file == null) {
      throw new IllegalStateException("system property " + property + " is not set; run through `mvn verify`");
    }
    return Files.readString(Paths.get(file)).trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "===== " + log + " (last 200 lines)\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
