package vn.da06.orchestration.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.goldread.testing.S3Server;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.pipeline.RunSummary;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.orchestration.cluster.ChildJvm;
import vn.da06.orchestration.report.ReportCli;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * The warehouse on object storage, for real: one S3 server (S3Proxy) and one tiny generated inbox
 * for the whole class. The pipeline reads the inbox from {@code s3a://} and writes every table
 * there; gold equals a local-disk run of the same inbox cell for cell; a second run changes
 * nothing; a run killed with SIGKILL mid-write leaves every table readable and the next run gives
 * the same gold; the dashboard's reader loads the same gold from S3 without Spark (the server over
 * S3 is the dashboard module's ServeOverS3Test); reports made from S3 are recorded in a local state
 * folder and regenerate byte-identical to the local warehouse's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3WarehouseTest {
  static final String PROVINCE = "20";
  static final String KEY = "s3-warehouse-test-key-0123456789";
  static final String BUCKET = "da06";
  static final String S3_INBOX = "s3a://" + BUCKET + "/inbox";
  static final String S3_WAREHOUSE = "s3a://" + BUCKET + "/warehouse";

  @TempDir static Path dir;
  static S3Server s3;
  static SparkSession spark;
  static Path inbox;
  static String localWarehouse;

  @BeforeAll
  static void startS3GenerateAndRunLocally() throws Exception {
    long started = System.nanoTime();
    s3 = S3Server.start(dir.resolve("s3"));
    s3.createBucket(BUCKET);
    inbox = dir.resolve("inbox");
    Generator.generate(
        GeneratorOptions.defaults(inbox)
            .withScale(0.01)
            .withThreads(2)
            .withMonths(YearMonth.of(2025, 5), YearMonth.of(2025, 8)),
        AdminUnitsLoader.load(null));
    // The same inbox on S3, copied through S3A.
    s3.upload(inbox, S3_INBOX);
    Configuration conf = hadoopConf();
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.sql.shuffle.partitions", "2");
    System.setProperty("spark.default.parallelism", "2");
    spark = SparkSessions.getOrCreate("da06-s3-tests");
    // In this JVM the keys go into Spark's Hadoop settings in memory; the child JVM below takes
    // them, as an operator's run does, from its environment.
    conf.forEach(
        entry -> {
          if (entry.getKey().startsWith("fs.s3a.")) {
            spark.sparkContext().hadoopConfiguration().set(entry.getKey(), entry.getValue());
          }
        });
    localWarehouse = dir.resolve("local-warehouse").toString();
    run(inbox.toString(), localWarehouse);
    System.err.printf(
        "S3WarehouseTest: S3 server, inbox and local run ready in %d s%n",
        (System.nanoTime() - started) / 1_000_000_000);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    s3.hadoopConf().forEach(conf::set);
    conf.set("fs.s3a.access.key", s3.accessKey());
    conf.set("fs.s3a.secret.key", s3.secretKey());
    return conf;
  }

  static RunSummary run(String from, String warehouse) {
    return new Pipeline(
            spark,
            new Pipeline.Options(from, warehouse),
            new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)),
            Progress.quiet())
        .run();
  }

  @Test
  @Order(1)
  void thePipelineReadsTheInboxFromS3AndWritesEveryTableThereWithTheSameGold() {
    RunSummary summary = run(S3_INBOX, S3_WAREHOUSE);
    assertThat(summary.count("INGESTED")).isPositive();

    List<String> keys = s3.objectKeys(BUCKET);
    for (String layer : List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
      for (String table : localTables(layer)) {
        assertThat(keys)
            .as("%s.%s on S3", layer, table)
            .contains("warehouse/" + layer + "/" + table + "/_delta_log/00000000000000000000.json");
      }
    }
    assertThat(keys).anyMatch(key -> key.startsWith("warehouse/gold/ward_month_kpis/month="));
    // Nothing went to a local folder named after the URI.
    assertThat(Path.of("s3a:")).doesNotExist();
    assertThat(Path.of(System.getProperty("user.dir"), BUCKET)).doesNotExist();
    assertSameGold(S3_WAREHOUSE);
  }

  @Test
  @Order(2)
  void aSecondRunOnS3ChangesNothing() {
    Map<String, Long> before = goldCounts(S3_WAREHOUSE);
    RunSummary again = run(S3_INBOX, S3_WAREHOUSE);
    assertThat(again.count("INGESTED")).isZero();
    assertThat(goldCounts(S3_WAREHOUSE)).isEqualTo(before);
    assertSameGold(S3_WAREHOUSE);
  }

  @Test
  @Order(3)
  void aRunKilledMidWriteOnS3LeavesEveryTableReadableAndTheNextRunGivesTheSameGold()
      throws Exception {
    String killed = "s3a://" + BUCKET + "/killed";
    String stage = "silver service_dossiers";
    String output = runAndKill(killed, stage);
    assertThat(output).contains(stage);
    for (String layer : List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
      for (String table : localTables(layer)) {
        // A table whose first commit was killed does not exist yet: no commit in its _delta_log.
        if (s3.objectKeys(BUCKET).stream()
            .anyMatch(
                key ->
                    key.startsWith("killed/" + layer + "/" + table + "/_delta_log/")
                        && key.endsWith(".json"))) {
          assertThat(spark.read().format("delta").load(killed + "/" + layer + "/" + table).count())
              .as("%s.%s readable after the kill", layer, table)
              .isNotNegative();
        }
      }
    }
    run(S3_INBOX, killed);
    assertSameGold(killed);
  }

  @Test
  @Order(4)
  void theDashboardsReaderLoadsTheSameGoldFromS3WithoutSpark() {
    Map<String, String> settings = new java.util.LinkedHashMap<>(s3.hadoopConf());
    settings.put("fs.s3a.access.key", s3.accessKey());
    settings.put("fs.s3a.secret.key", s3.secretKey());
    try (GoldThreads threads = GoldThreads.daemons();
        DeltaKpiStore local = new DeltaKpiStore(Path.of(localWarehouse), null, threads);
        DeltaKpiStore remote =
            new DeltaKpiStore(S3_WAREHOUSE, new DeltaTableReader(settings), null, threads)) {
      local.start(Duration.ofHours(1));
      remote.start(Duration.ofHours(1));
      GoldData want = local.current();
      GoldData have = remote.current();
      assertThat(have.version().tableVersions().keySet())
          .isEqualTo(want.version().tableVersions().keySet());
      UnitScope province = want.unit(PROVINCE).orElseThrow();
      assertThat(have.unit(PROVINCE)).contains(province);
      for (WardView view : WardView.values()) {
        List<String> months = want.months(view);
        assertThat(months).isNotEmpty();
        assertThat(have.months(view)).isEqualTo(months);
        List<Map<String, Object>> wantRows =
            want.kpis(view, province, months.get(0), months.get(months.size() - 1)).stream()
                .map(KpiRow::values)
                .toList();
        assertThat(wantRows).isNotEmpty();
        assertThat(
                have.kpis(view, province, months.get(0), months.get(months.size() - 1)).stream()
                    .map(KpiRow::values)
                    .toList())
            .as("%s KPI rows from S3", view)
            .isEqualTo(wantRows);
      }
      assertThat(have.services()).isEqualTo(want.services());
      assertThat(have.targets(province)).isEqualTo(want.targets(province));
    }
  }

  @Test
  @Order(5)
  void reportsFromS3AreRecordedInTheStateFolderAndRegenerateByteIdenticalToTheLocalOnes()
      throws Exception {
    Path localOut = dir.resolve("reports-local");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        ReportCli.execute(
            Clock.fixed(Instant.parse("2025-09-10T02:00:00Z"), ZoneOffset.UTC),
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
            "monthly",
            "--unit",
            PROVINCE,
            "--month",
            "2025-08",
            "--warehouse",
            localWarehouse,
            "--out",
            localOut.toString(),
            "--config",
            dir.resolve("no-reports.yaml").toString());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String reportId = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    reportId = reportId.split(" ")[1];

    // Without a state folder, a warehouse on S3 cannot keep its records: said, not a stack trace.
    ChildJvm refused =
        childJvm(
            "report-refused",
            "vn.da06.orchestration.report.ReportCli",
            Map.of(),
            "monthly",
            "--unit",
            PROVINCE,
            "--month",
            "2025-08",
            "--warehouse",
            S3_WAREHOUSE,
            "--out",
            dir.resolve("reports-refused").toString());
    assertThat(refused.waitFor(Duration.ofMinutes(3))).isNotZero();
    assertThat(refused.logText())
        .contains("Cannot keep the ops records")
        .contains("--state-dir")
        .doesNotContain("\tat ");

    // Made from S3 (a child JVM configured by its environment), recorded in the state folder.
    Path state = dir.resolve("state");
    ChildJvm made =
        childJvm(
            "report-s3",
            "vn.da06.orchestration.report.ReportCli",
            Map.of(),
            "monthly",
            "--unit",
            PROVINCE,
            "--month",
            "2025-08",
            "--warehouse",
            S3_WAREHOUSE,
            "--state-dir",
            state.toString(),
            "--out",
            dir.resolve("reports-s3").toString(),
            "--config",
            dir.resolve("no-reports.yaml").toString());
    assertThat(made.waitFor(Duration.ofMinutes(3))).as(made.logText()).isZero();
    assertThat(state.resolve("ops/reports.jsonl")).isRegularFile();
    assertThat(Files.readString(state.resolve("ops/reports.jsonl"))).contains("\"unit_code\"");

    // The local report, regenerated from S3 at the versions it recorded: the same bytes.
    Path regenerationState = dir.resolve("state-regenerate");
    Files.createDirectories(regenerationState.resolve("ops"));
    Files.copy(
        Path.of(localWarehouse, "ops", "reports.jsonl"),
        regenerationState.resolve("ops/reports.jsonl"));
    Path regenerated = dir.resolve("reports-regenerated");
    ChildJvm again =
        childJvm(
            "report-regenerate",
            "vn.da06.orchestration.report.ReportCli",
            Map.of("DA06_STATE_DIR", regenerationState.toString()),
            "regenerate",
            reportId,
            "--warehouse",
            S3_WAREHOUSE,
            "--out",
            regenerated.toString());
    assertThat(again.waitFor(Duration.ofMinutes(3))).as(again.logText()).isZero();
    for (String suffix : List.of(".pdf", ".xlsx")) {
      assertThat(Files.readAllBytes(regenerated.resolve(reportId + suffix)))
          .as(reportId + suffix + " regenerated from S3")
          .isEqualTo(Files.readAllBytes(localOut.resolve(reportId + suffix)));
    }
  }

  /**
   * A child JVM on this test's classpath, configured as an operator's shell is: the S3 variables
   * and keys in its environment, nothing secret on its command line.
   */
  private static ChildJvm childJvm(
      String name, String mainClass, Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new java.util.LinkedHashMap<>(s3.env());
    env.put(Pseudonymizer.KEY_ENV, KEY);
    env.putAll(extraEnv);
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"));
    jvm.add("-Dda06.npm.dir=" + System.getProperty("da06.npm.dir"));
    return ChildJvm.start(
        name,
        dir.resolve("logs"),
        System.getProperty("java.class.path"),
        jvm,
        mainClass,
        List.of(args),
        env);
  }

  /** The tables of a layer of the local run's warehouse. */
  static List<String> localTables(String layer) {
    try (var tables = Files.list(Path.of(localWarehouse, layer))) {
      return tables.map(table -> table.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Long> goldCounts(String warehouse) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String table : Tables.GOLD_TABLES) {
      counts.put(table, spark.read().format("delta").load(warehouse + "/gold/" + table).count());
    }
    return counts;
  }

  /** Every gold table of {@code warehouse} holds exactly the local run's rows, cell for cell. */
  static void assertSameGold(String warehouse) {
    for (String table : localTables(Tables.GOLD)) {
      Dataset<Row> want = spark.read().format("delta").load(localWarehouse + "/gold/" + table);
      Dataset<Row> have = spark.read().format("delta").load(warehouse + "/gold/" + table);
      assertThat(have.count()).as("rows of gold.%s", table).isEqualTo(want.count());
      assertThat(have.exceptAll(want).count())
          .as("gold.%s rows not in the local run", table)
          .isZero();
      assertThat(want.exceptAll(have).count()).as("gold.%s rows missing on S3", table).isZero();
    }
  }

  /**
   * Runs {@code da06 run} on S3 in a child JVM configured only by its environment (the variables an
   * operator exports; the keys from an AWS credentials file), and kills it with SIGKILL once it
   * prints {@code stage}.
   */
  private static String runAndKill(String warehouse, String stage) throws Exception {
    Path credentials = dir.resolve("aws-credentials");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = "
            + s3.accessKey()
            + "\naws_secret_access_key = "
            + s3.secretKey()
            + "\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-")
                    || a.startsWith("-XX:+Ignore")
                    || a.startsWith("-Djdk")
                    || a.startsWith("-Dio.netty")
                    || a.startsWith("-Dda06"))
        .forEach(command::add);
    command.add("-Dda06.npm.dir=" + System.getProperty("da06.npm.dir"));
    command.addAll(
        List.of(
            "-Xmx1g",
            "-XX:TieredStopAtLevel=1",
            "-Dspark.master=local[2]",
            "-Dspark.sql.shuffle.partitions=2",
            "-cp",
            System.getProperty("java.class.path"),
            "vn.da06.jobs.cli.Da06",
            "run",
            "--inbox",
            S3_INBOX,
            "--warehouse",
            warehouse));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.putAll(s3.env());
    env.remove("AWS_ACCESS_KEY_ID");
    env.remove("AWS_SECRET_ACCESS_KEY");
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    env.put(Pseudonymizer.KEY_ENV, KEY);
    Process process = builder.start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.append(line).append('\n');
        if (line.contains(stage)) {
          Thread.sleep(1500); // let the write begin
          process.destroyForcibly(); // SIGKILL
          break;
        }
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("killed, output:%n%s", output).isEqualTo(137);
    return output.toString();
  }
}
