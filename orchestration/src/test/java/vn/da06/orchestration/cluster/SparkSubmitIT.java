package vn.da06.orchestration.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * The job jar ({@code target/da06-jobs.jar}, Spark provided) under {@code
 * org.apache.spark.deploy.SparkSubmit} on a real standalone cluster (a Master and two Workers,
 * child JVMs on 127.0.0.1) writes the same gold as a local-mode run of the same pipeline on the
 * same inbox; then the same with the warehouse on a real HDFS (MiniDFSCluster in its own JVM). Runs
 * after {@code package} (failsafe), on a tiny sample (scale 0.01, June–August 2025).
 */
class SparkSubmitIT {
  static final String KEY = "cluster-test-key-0123456789abcdef";

  /**
   * The driver and executors of this test's tiny runs compile with C1 only: their time went to the
   * JIT compilers, not to the few hundred rows.
   */
  static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  @TempDir static Path dir;
  static Path inbox;
  static Path localWarehouse;
  static StandaloneCluster cluster;
  static SparkSession spark;

  @BeforeAll
  static void generateRunLocallyAndStartTheCluster() throws Exception {
    inbox = dir.resolve("inbox");
    Generator.generate(
        GeneratorOptions.defaults(inbox)
            .withScale(0.01)
            .withThreads(2)
            .withMonths(YearMonth.of(2025, 6), YearMonth.of(2025, 8)),
        AdminUnitsLoader.load(null));
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.sql.shuffle.partitions", "2");
    System.setProperty("spark.default.parallelism", "2");
    spark = SparkSessions.getOrCreate("da06-cluster-test");
    localWarehouse = dir.resolve("local-warehouse");
    new Pipeline(
            spark,
            new Pipeline.Options(inbox.toString(), localWarehouse.toString()),
            new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)),
            Progress.quiet())
        .run();
    cluster = StandaloneCluster.start(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Submits {@code Da06 run} with the job jar; returns the exit code. */
  static ChildJvm submit(
      String name, String warehouse, Map<String, String> extraEnv, List<String> extraConf) {
    String jar = System.getProperty("da06.jobs.jar");
    assertThat(Path.of(jar)).as("the job jar (built by mvn package)").exists();
    List<String> jvm = new ArrayList<>(ChildJvm.sparkOpens());
    jvm.add("-Xmx1g");
    jvm.add(QUICK_JIT);
    jvm.add("-Dda06.npm.dir=" + System.getProperty("da06.npm.dir"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master",
                cluster.masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                "vn.da06.jobs.cli.Da06",
                "--name",
                name,
                "--conf",
                "spark.executor.memory=700m",
                "--conf",
                "spark.executor.cores=1",
                "--conf",
                "spark.cores.max=2",
                "--conf",
                "spark.sql.shuffle.partitions=2",
                "--conf",
                "spark.default.parallelism=2",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.executor.extraJavaOptions="
                    + String.join(" ", ChildJvm.sparkOpens())
                    + " "
                    + QUICK_JIT));
    for (String conf : extraConf) {
      args.add("--conf");
      args.add(conf);
    }
    args.addAll(List.of(jar, "run", "--inbox", inbox.toString(), "--warehouse", warehouse));
    Map<String, String> env = new java.util.HashMap<>(cluster.env());
    env.put("DA06_PSEUDONYM_KEY", KEY);
    env.putAll(extraEnv);
    return ChildJvm.start(
        name,
        cluster.logs(),
        cluster.classpath(),
        jvm,
        "org.apache.spark.deploy.SparkSubmit",
        args,
        env);
  }

  @Test
  void theJobJarOnTheStandaloneClusterWritesTheSameGoldAsLocalMode() throws Exception {
    Path clusterWarehouse = dir.resolve("cluster-warehouse");
    int exit;
    String log;
    try (ChildJvm submit =
        submit("spark-submit-local-disk", clusterWarehouse.toString(), Map.of(), List.of())) {
      exit = submit.waitFor(Duration.ofMinutes(30));
      log = submit.logText();
    }
    assertThat(exit)
        .as(
            "spark-submit exit code; log:%n%s",
            log.length() > 20000 ? log.substring(log.length() - 20000) : log)
        .isZero();
    JsonNode master = cluster.masterState();
    assertThat(master.path("completedapps"))
        .as("the application ran on the standalone master")
        .anyMatch(app -> app.path("name").asText().equals("spark-submit-local-disk"));
    assertSameGold(localWarehouse.toString(), clusterWarehouse.toString());
    assertThat(
            spark
                .read()
                .format("delta")
                .load(Tables.location(clusterWarehouse.toString(), Tables.OPS, Tables.JOB_RUNS))
                .where("job = 'pipeline' and outcome = 'SUCCEEDED'")
                .count())
        .isEqualTo(1);
  }

  @Test
  void theJobJarOnTheStandaloneClusterWritesTheSameGoldToARealHdfs() throws Exception {
    Path launcher =
        Path.of(System.getProperty("da06.project.dir")).resolve("orchestration/src/test/minidfs");
    // hadoop-minicluster's own resolution, apart from this JVM's (Spark's shaded Hadoop client).
    String hdfsClasspath =
        MavenClasspath.resolve(
            "minidfs", dir, Map.of("hadoop.version", System.getProperty("da06.hadoop.version")));
    int port = ChildJvm.freePort();
    try (ChildJvm hdfs =
        ChildJvm.start(
            "minidfs",
            cluster.logs(),
            hdfsClasspath,
            List.of("-Xmx512m"),
            launcher.resolve("MiniHdfs.java").toString(),
            List.of(dir.resolve("hdfs").toString(), String.valueOf(port)),
            Map.of())) {
      java.time.Instant end = java.time.Instant.now().plus(Duration.ofMinutes(5));
      while (!hdfs.logText().contains("HDFS READY")) {
        assertThat(hdfs.isAlive()).as("MiniDFSCluster exited:%n%s", hdfs.tail(60)).isTrue();
        assertThat(java.time.Instant.now())
            .as("MiniDFSCluster did not start:%n%s", hdfs.tail(60))
            .isBefore(end);
        Thread.sleep(500);
      }
      String warehouse = "hdfs://127.0.0.1:" + port + "/da06/warehouse";
      int exit;
      String log;
      try (ChildJvm submit = submit("spark-submit-hdfs", warehouse, Map.of(), List.of())) {
        exit = submit.waitFor(Duration.ofMinutes(30));
        log = submit.logText();
      }
      assertThat(exit)
          .as(
              "spark-submit exit code; log:%n%s",
              log.length() > 20000 ? log.substring(log.length() - 20000) : log)
          .isZero();
      assertThat(cluster.masterState().path("completedapps"))
          .anyMatch(app -> app.path("name").asText().equals("spark-submit-hdfs"));
      // Read back from HDFS by this JVM's Spark: the gold is there, not on the local disk.
      assertThat(Files.exists(Path.of("da06/warehouse"))).isFalse();
      assertSameGold(localWarehouse.toString(), warehouse);
    }
  }

  /** Every gold table has the same rows in both warehouses (and ward_month_kpis is not empty). */
  static void assertSameGold(String expected, String actual) {
    for (String table : Tables.GOLD_TABLES) {
      Dataset<Row> a =
          spark.read().format("delta").load(Tables.location(expected, Tables.GOLD, table));
      Dataset<Row> b =
          spark.read().format("delta").load(Tables.location(actual, Tables.GOLD, table));
      assertThat(b.columns()).as(table).containsExactly(a.columns());
      assertThat(b.count()).as(table + " rows").isEqualTo(a.count());
      assertThat(a.exceptAll(b).count())
          .as(table + ": rows of local mode missing from the cluster's")
          .isZero();
      assertThat(b.exceptAll(a).count())
          .as(table + ": rows of the cluster's missing from local mode")
          .isZero();
    }
    assertThat(
            spark
                .read()
                .format("delta")
                .load(Tables.location(actual, Tables.GOLD, Tables.WARD_MONTH_KPIS))
                .count())
        .isPositive();
  }
}
