package vn.da06.orchestration.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers (1 core, 1 GiB each), each
 * its own JVM started from the Spark jars the job jar is built against (spark-sql at the build's
 * version, resolved apart), laid out as a Spark home ({@code jars/}) because a Worker launches its
 * executors from there.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path sparkHome;
  private final String classpath;
  private final Path logs;
  private final int masterPort;
  private final int masterUiPort;
  private final List<ChildJvm> jvms = new ArrayList<>();
  private final Map<String, String> serviceEnv;

  private StandaloneCluster(
      Path sparkHome,
      String classpath,
      Path logs,
      int masterPort,
      int masterUiPort,
      Map<String, String> serviceEnv) {
    this.serviceEnv = Map.copyOf(serviceEnv);
    this.sparkHome = sparkHome;
    this.classpath = classpath;
    this.logs = logs;
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
  }

  /**
   * The Spark distribution: spark-sql at the root pom's version and all it brings, resolved on its
   * own ({@code orchestration/src/test/spark-dist/pom.xml}), as a cluster would have it.
   */
  public static String sparkClasspath(Path workDir) throws Exception {
    return vn.da06.goldread.testing.MavenClasspath.resolve(
        "orchestration/src/test/spark-dist",
        workDir,
        java.util.Map.of(
            "spark.version",
            System.getProperty("da06.spark.version"),
            "scala.binary.version",
            System.getProperty("da06.scala.binary.version")));
  }

  public static StandaloneCluster start(Path dir) throws Exception {
    return start(dir, Map.of());
  }

  /**
   * A cluster whose master and workers (and so their executors) also have {@code serviceEnv} in
   * their environment, as an operator sets a worker host's S3 endpoint and credentials.
   */
  public static StandaloneCluster start(Path dir, Map<String, String> serviceEnv) throws Exception {
    String classpath = sparkClasspath(dir);
    Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (String jar : classpath.split(java.io.File.pathSeparator)) {
      Path source = Path.of(jar);
      Files.createSymbolicLink(home.resolve(source.getFileName()), source);
    }
    Files.createDirectories(dir.resolve("spark-home/conf"));
    StandaloneCluster cluster =
        new StandaloneCluster(
            dir.resolve("spark-home"),
            classpath,
            dir.resolve("logs"),
            ChildJvm.freePort(),
            ChildJvm.freePort(),
            serviceEnv);
    try {
      cluster.jvms.add(
          ChildJvm.start(
              "master",
              cluster.logs,
              classpath,
              List.of("-Xmx256m"),
              "org.apache.spark.deploy.master.Master",
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(cluster.masterPort),
                  "--webui-port",
                  String.valueOf(cluster.masterUiPort)),
              cluster.env()));
      cluster.awaitMasterState(json -> true, Duration.ofSeconds(90), "the master's web UI");
      for (int i = 1; i <= 2; i++) {
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        cluster.jvms.add(
            ChildJvm.start(
                "worker-" + i,
                cluster.logs,
                classpath,
                List.of("-Xmx256m"),
                "org.apache.spark.deploy.worker.Worker",
                List.of(
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "1",
                    "--memory",
                    "1g",
                    "--port",
                    String.valueOf(ChildJvm.freePort()),
                    "--webui-port",
                    String.valueOf(ChildJvm.freePort()),
                    "--work-dir",
                    work.toString(),
                    cluster.masterUrl()),
                cluster.env()));
      }
      cluster.awaitMasterState(
          json -> json.path("aliveworkers").asInt() == 2,
          Duration.ofSeconds(120),
          "two alive workers");
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  public Map<String, String> env() {
    Map<String, String> env = new java.util.HashMap<>(serviceEnv);
    env.putAll(sparkEnv());
    return env;
  }

  private Map<String, String> sparkEnv() {
    return Map.of(
        "SPARK_HOME",
        sparkHome.toString(),
        "SPARK_SCALA_VERSION",
        "2.13",
        "SPARK_LOG_DIR",
        logs.toString(),
        "SPARK_LOCAL_IP",
        "127.0.0.1");
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public String classpath() {
    return classpath;
  }

  public Path logs() {
    return logs;
  }

  /** The master's state (its web UI's /json): workers, running and completed applications. */
  public JsonNode masterState() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }

  private void awaitMasterState(
      java.util.function.Predicate<JsonNode> ready, Duration timeout, String what)
      throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(end)) {
      try {
        if (ready.test(masterState())) {
          return;
        }
      } catch (IOException e) {
        last = e;
      }
      for (ChildJvm jvm : jvms) {
        if (!jvm.isAlive()) {
          throw new AssertionError(
              "A cluster JVM exited while waiting for " + what + ":\n" + jvm.tail(80));
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Timed out waiting for " + what + " (" + last + "); master log:\n" + jvms.get(0).tail(80));
  }

  @Override
  public void close() {
    for (int i = jvms.size() - 1; i >= 0; i--) {
      jvms.get(i).close();
    }
  }
}
