package vn.da06.orchestration.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.testing.MavenClasspath;
import vn.da06.goldread.testing.S3Server;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.orchestration.airflow.AirflowHome;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * The job jar ({@code target/da06-jobs.jar}, Spark provided) on a real standalone cluster (a Master
 * and two Workers, child JVMs on 127.0.0.1) writes the same gold as a local-mode run of the same
 * pipeline on the same inbox: submitted by the real Apache Airflow 3.3 running the project's DAGs
 * ({@code airflow dags test}, SparkSubmitOperator, the venv's spark-submit), reports mailed to a
 * real SMTP server; then by {@code org.apache.spark.deploy.SparkSubmit} with the warehouse on a
 * real HDFS (MiniDFSCluster in its own JVM). Runs after {@code package} (failsafe), on a tiny
 * sample (scale 0.01, June–August 2025).
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

  /** The object store the Airflow run reads its inbox from and writes its warehouse to. */
  static S3Server s3;

  static final String BUCKET = "da06";
  static final String S3_INBOX = "s3a://" + BUCKET + "/inbox";
  static final String S3_WAREHOUSE = "s3a://" + BUCKET + "/warehouse";

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
    // The same inbox on a real S3 server (S3Proxy), copied through S3A with streamed PUTs.
    s3 = S3Server.start(dir.resolve("s3"));
    s3.createBucket(BUCKET);
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    s3.hadoopConf().forEach(conf::set);
    // In this JVM the keys are Hadoop settings in memory; the cluster and Airflow take them from
    // their environment, as an operator's services do.
    conf.set("fs.s3a.access.key", s3.accessKey());
    conf.set("fs.s3a.secret.key", s3.secretKey());
    s3.upload(inbox, S3_INBOX);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), s3.env());
  }

  /**
   * The jars a Spark cluster needs for {@code s3a://} (not in the job jar): hadoop-aws, the AWS SDK
   * bundle and S3's analytics accelerator, as this JVM has them.
   */
  static String s3aJars() throws Exception {
    List<String> jars = new ArrayList<>();
    for (String className :
        List.of(
            "org.apache.hadoop.fs.s3a.S3AFileSystem",
            "software.amazon.awssdk.services.s3.S3Client",
            "software.amazon.s3.analyticsaccelerator.SeekableInputStream")) {
      jars.add(
          Path.of(
                  Class.forName(className)
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString());
    }
    return String.join(",", jars);
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
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

  /**
   * An Airflow of its own (the pinned venv, a SQLite database in {@code home}) whose Spark
   * connection is this test's standalone cluster and whose Variables point at this test's inbox,
   * the job jar and {@code warehouse}. Moving the warehouse elsewhere (s3a://) is this method's
   * arguments: the warehouse URI, Spark properties for every submit ({@code spark.hadoop.fs.s3a.*},
   * {@code spark.jars}) and extra environment (credentials).
   */
  static AirflowHome airflowOnTheCluster(
      Path home,
      String inboxUri,
      String warehouse,
      Path reportsConfig,
      Map<String, String> extraSparkConf,
      Map<String, String> extraEnv)
      throws Exception {
    String jar = System.getProperty("da06.jobs.jar");
    assertThat(Path.of(jar)).as("the job jar (built by mvn package)").exists();
    Path keyFile = Files.createDirectories(home.resolve("secrets")).resolve("pseudonym.key");
    Files.writeString(keyFile, KEY);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> variables =
        Map.of(
            "da06_jobs_jar", jar,
            "da06_inbox", inboxUri,
            "da06_warehouse", warehouse,
            "da06_reports_out", home.resolve("reports").toString(),
            "da06_reports_config", reportsConfig.toString(),
            "da06_pseudonym_key_file", keyFile.toString(),
            "da06_state_dir", home.resolve("state").toString());
    Map<String, String> sparkConf = new HashMap<>();
    // The cluster's two 1-core workers, small executors; C1 only for these tiny runs.
    sparkConf.put("spark.executor.memory", "700m");
    sparkConf.put("spark.executor.cores", "1");
    sparkConf.put("spark.cores.max", "2");
    sparkConf.put("spark.sql.shuffle.partitions", "2");
    sparkConf.put("spark.default.parallelism", "2");
    sparkConf.put("spark.driver.host", "127.0.0.1");
    sparkConf.put("spark.driver.bindAddress", "127.0.0.1");
    sparkConf.put(
        "spark.driver.defaultJavaOptions",
        QUICK_JIT + " -Dda06.npm.dir=" + System.getProperty("da06.npm.dir"));
    sparkConf.put("spark.executor.defaultJavaOptions", QUICK_JIT);
    sparkConf.putAll(extraSparkConf);
    Map<String, String> env = new HashMap<>(Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
    env.putAll(extraEnv);
    return AirflowHome.create(
        home, new AirflowHome.Settings(variables, cluster.masterUrl(), sparkConf, env));
  }

  /**
   * Airflow 3.3 runs the DAGs of {@code orchestration/airflow/dags/da06.py} for real ({@code
   * airflow dags test}): each SparkSubmitOperator calls the venv's spark-submit (pyspark 4.1.0)
   * against the standalone cluster with the job jar. The monthly close of August 2025, then the
   * reports due on the 8th on 5 September (its ExternalTaskSensor finds the close's run in the same
   * database) mailed to a real SMTP server, then a day's ingestion and daily report. The gold
   * equals the local-mode run's on the same inbox, cell for cell.
   */
  @Test
  void airflowRunsTheDagsOnTheStandaloneClusterAndTheGoldEqualsLocalMode() throws Exception {
    GreenMail mail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    try {
      Path reportsConfig =
          Files.writeString(
              dir.resolve("reports.yaml"),
              """
              smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Ban Chỉ đạo Đề án 06 <bcd06@langson.test>", timeout_seconds: 10}
              units:
                - {code: "20", recipients: [tinh@langson.test], operator: vanhanh@langson.test, monthly_due_day: 8, daily: true}
              """
                  .formatted(mail.getSmtp().getPort()));
      // Inbox and warehouse on S3: the cluster's nodes have the endpoint and keys in their
      // environment, Airflow (and so spark-submit's driver) too; the S3A jars go with spark.jars.
      String warehouse = S3_WAREHOUSE;
      Map<String, String> sparkConf = new HashMap<>(s3.sparkConf());
      sparkConf.put("spark.jars", s3aJars());
      AirflowHome airflow =
          airflowOnTheCluster(
              dir.resolve("airflow"), S3_INBOX, warehouse, reportsConfig, sparkConf, s3.env());

      dagsTest(airflow, "da06_monthly_close", "2025-09-01T02:00:00+07:00");
      assertThat(cluster.masterState().path("completedapps"))
          .as("the close ran on the standalone master")
          .anyMatch(app -> app.path("name").asText().equals("da06_monthly_close.monthly-close"));
      assertSameGold(localWarehouse.toString(), warehouse);
      // Every table is an object of the bucket, nothing was written on the local disk.
      List<String> keys = s3.objectKeys(BUCKET);
      for (String table : Tables.GOLD_TABLES) {
        assertThat(keys)
            .as("gold/%s on S3", table)
            .anyMatch(k -> k.startsWith("warehouse/gold/" + table + "/_delta_log/"));
      }
      assertThat(keys).anyMatch(k -> k.startsWith("warehouse/ops/job_runs/_delta_log/"));
      assertThat(Files.exists(Path.of("s3a:"))).isFalse();

      dagsTest(airflow, "da06_monthly_reports_due_08", "2025-09-05T07:00:00+07:00");
      List<MimeMessage> monthly = inbox(mail, "tinh@langson.test");
      assertThat(monthly).hasSize(1);
      assertThat(monthly.get(0).getSubject()).startsWith("[ĐA06] Báo cáo tháng 08/2025");

      dagsTest(airflow, "da06_daily", "2025-08-31T17:30:00+07:00");
      List<MimeMessage> afterDaily = inbox(mail, "tinh@langson.test");
      assertThat(afterDaily).hasSize(2);
      System.err.println("airflow test: mails " + afterDaily.get(1).getSubject());

      // The daily ingestion found nothing new: the gold is still local mode's.
      assertSameGold(localWarehouse.toString(), warehouse);
      assertThat(
              spark
                  .read()
                  .format("delta")
                  .load(Tables.location(warehouse, Tables.OPS, Tables.JOB_RUNS))
                  .where("job = 'pipeline' and outcome = 'SUCCEEDED'")
                  .count())
          .isEqualTo(2);
    } finally {
      mail.stop();
    }
  }

  /**
   * {@code airflow dags test DAG LOGICAL_DATE}, through {@code airflow/dags_test.py} (a work-around
   * for Airflow 3.3.2's {@code dags test} of a DAG with a DeadlineAlert, explained there); fails
   * unless the run succeeded.
   */
  static void dagsTest(AirflowHome airflow, String dagId, String logicalDate) throws Exception {
    long start = System.nanoTime();
    airflow.python(
        Duration.ofMinutes(30),
        Path.of(SparkSubmitIT.class.getResource("/airflow/dags_test.py").toURI()),
        dagId,
        logicalDate);
    System.err.printf(
        "airflow test: dags test %s %s: %.1f s%n",
        dagId, logicalDate, (System.nanoTime() - start) / 1e9);
    String runs = airflow.airflow(Duration.ofMinutes(2), "dags", "list-runs", dagId, "-o", "json");
    JsonNode list =
        new ObjectMapper()
            .readTree(runs.lines().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElse("[]"));
    assertThat(list).as("runs of %s: %s", dagId, runs).hasSize(1);
    assertThat(list.get(0).path("state").asText()).as("%s: %s", dagId, runs).isEqualTo("success");
  }

  static List<MimeMessage> inbox(GreenMail mail, String address) {
    return mail.findReceivedMessages(user -> user.getEmail().equals(address), message -> true)
        .toList();
  }

  @Test
  void theJobJarOnTheStandaloneClusterWritesTheSameGoldToARealHdfs() throws Exception {
    Path launcher =
        Path.of(System.getProperty("da06.project.dir")).resolve("orchestration/src/test/minidfs");
    // hadoop-minicluster's own resolution, apart from this JVM's (Spark's shaded Hadoop client).
    String hdfsClasspath =
        MavenClasspath.resolve(
            "orchestration/src/test/minidfs",
            dir,
            Map.of("hadoop.version", System.getProperty("da06.hadoop.version")));
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
