package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.SharedSpark;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * The generator's sample province through the whole pipeline: gold equals the generator's manifest
 * (counted independently while generating), a second run changes nothing, and a run killed with
 * SIGKILL mid-write leaves every table readable and ends, after one more run, with the same gold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
  static final String KEY = "end-to-end-test-key-0123456789";
  @TempDir static Path dir;
  static SparkSession spark;
  static Path inbox;
  static String warehouse;
  static RunSummary first;
  static final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();

  @BeforeAll
  static void generateAndRun() {
    spark = SharedSpark.get();
    inbox = dir.resolve("inbox");
    warehouse = dir.resolve("warehouse").toString();
    Generator.generate(
        new GeneratorOptions(
            inbox, "20", YearMonth.of(2024, 5), YearMonth.of(2025, 8), 0.05, 11, 2),
        AdminUnitsLoader.load(null));
    first = run(warehouse);
  }

  static RunSummary run(String target) {
    Pseudonymizer pseudonymizer = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
    var progress =
        new Progress(
            new java.io.PrintStream(
                new org.apache.commons.io.output.TeeOutputStream(log, System.out),
                true,
                StandardCharsets.UTF_8));
    return new Pipeline(
            spark, new Pipeline.Options(inbox.toString(), target), pseudonymizer, progress)
        .run();
  }

  @Test
  @Order(1)
  void goldEqualsTheGeneratorsManifestForEveryWardMonthAndCount() throws IOException {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    List<String> columns;
    try (CSVParser parser =
        CSVParser.parse(
            inbox.resolve("_manifest/ward_month.csv"),
            StandardCharsets.UTF_8,
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      columns =
          parser.getHeaderNames().stream()
              .filter(c -> !c.equals("ward_code") && !c.equals("month"))
              .toList();
      for (CSVRecord record : parser) {
        expected.put(record.get("ward_code") + "@" + record.get("month"), record.toMap());
      }
    }
    assertThat(columns).containsAll(Metrics.counts().stream().map(Metric::column).toList());
    List<Row> gold =
        new DeltaIo(spark, warehouse).read(Tables.GOLD, Tables.WARD_MONTH_KPIS).collectAsList();
    Map<String, Row> actual = new HashMap<>();
    gold.forEach(row -> actual.put(row.getString(0) + "@" + row.getString(1), row));
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> differences = new ArrayList<>();
    for (var entry : expected.entrySet()) {
      Row row = actual.get(entry.getKey());
      for (String column : columns) {
        String want = entry.getValue().get(column);
        Object have = row.getAs(column);
        String haveText = have == null ? "" : String.valueOf(have);
        if (!want.equals(haveText)) {
          differences.add(
              entry.getKey() + " " + column + ": manifest " + want + ", gold " + haveText);
        }
      }
    }
    assertThat(differences).as("gold cells that differ from the manifest").isEmpty();
    // And the rates are the contract's ratios of those counts.
    Row any =
        gold.stream().filter(r -> r.<Long>getAs("dossiers_total") > 0).findFirst().orElseThrow();
    assertThat(any.<Double>getAs("online_rate"))
        .isEqualTo((double) any.<Long>getAs("dossiers_online") / any.<Long>getAs("dossiers_total"));
  }

  @Test
  @Order(2)
  void everyTableKeepsItsVersionsLongEnoughToRegenerateAReport() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    for (String table :
        List.of(Tables.WARD_MONTH_KPIS, Tables.TARGET_PROGRESS, Tables.DAILY_REPORT_CHECK)) {
      Map<String, String> properties =
          scala.jdk.javaapi.CollectionConverters.asJava(
              io.table(Tables.GOLD, table)
                  .detail()
                  .select("properties")
                  .head()
                  .<scala.collection.Map<String, String>>getAs(0));
      assertThat(properties)
          .as(table)
          .containsEntry("delta.logRetentionDuration", "interval 400 days")
          .containsEntry("delta.deletedFileRetentionDuration", "interval 400 days");
    }
    // Bronze tables are created with their statistics column before the first rows, and keep the
    // retention too.
    for (String feed : List.of("eid_applications", "service_dossiers", "population")) {
      Map<String, String> properties =
          scala.jdk.javaapi.CollectionConverters.asJava(
              io.table(Tables.BRONZE, feed)
                  .detail()
                  .select("properties")
                  .head()
                  .<scala.collection.Map<String, String>>getAs(0));
      assertThat(properties)
          .as(feed)
          .containsEntry("delta.logRetentionDuration", "interval 400 days")
          .containsEntry("delta.dataSkippingStatsColumns", "source_sha256");
      String stats =
          io.read(Tables.BRONZE, feed)
              .sparkSession()
              .read()
              .json(io.path(Tables.BRONZE, feed) + "/_delta_log/*.json")
              .where("add IS NOT NULL")
              .select("add.stats")
              .head()
              .getString(0);
      assertThat(stats).as(feed).contains("\"source_sha256\"").doesNotContain("\"line_number\"");
    }
  }

  @Test
  @Order(2)
  void quarantineCountsEqualTheDefectsTheGeneratorWrote() throws IOException {
    JsonNode summary =
        new ObjectMapper().readTree(inbox.resolve("_manifest/summary.json").toFile());
    DeltaIo io = new DeltaIo(spark, warehouse);
    Map<String, Long> actual = new TreeMap<>();
    io.read(Tables.OPS, Tables.QUARANTINE)
        .groupBy("feed", "reason_code")
        .count()
        .collectAsList()
        .forEach(r -> actual.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
    Map<String, Long> expected = new TreeMap<>();
    JsonNode feeds = summary.get("feeds");
    feeds
        .fieldNames()
        .forEachRemaining(
            feed ->
                feeds
                    .get(feed)
                    .get("quarantined_by_reason")
                    .fields()
                    .forEachRemaining(
                        e -> expected.put(feed + "/" + e.getKey(), e.getValue().asLong())));
    assertThat(actual).isEqualTo(expected);
    feeds
        .fieldNames()
        .forEachRemaining(
            feed -> {
              RunSummary.FeedCounts counts =
                  first.feeds().getOrDefault(feed, new RunSummary.FeedCounts(0, 0, 0));
              assertThat(counts.rowsRead())
                  .as(feed)
                  .isEqualTo(feeds.get(feed).get("rows_read").asLong());
              assertThat(counts.rowsAccepted())
                  .as(feed)
                  .isEqualTo(feeds.get(feed).get("rows_accepted").asLong());
            });
  }

  @Test
  @Order(2)
  void dailyReportChecksMatchTheReportsTheGeneratorWrote() throws IOException {
    JsonNode expected =
        new ObjectMapper()
            .readTree(inbox.resolve("_manifest/summary.json").toFile())
            .get("daily_reports");
    assertThat(expected.get("expected").asLong()).isPositive();
    var checks = new DeltaIo(spark, warehouse).read(Tables.GOLD, Tables.DAILY_REPORT_CHECK);
    Map<String, Long> byStatus = new TreeMap<>();
    checks
        .groupBy("status")
        .count()
        .collectAsList()
        .forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
    assertThat(byStatus)
        .isEqualTo(
            Map.of(
                "ON_TIME",
                expected.get("on_time").asLong(),
                "LATE",
                expected.get("late").asLong(),
                "MISSING",
                expected.get("missing").asLong()));
    assertThat(
            checks
                .where(
                    col("diff_l2_applications")
                        .notEqual(0)
                        .or(col("diff_l2_activations").notEqual(0)))
                .count())
        .isEqualTo(expected.get("misreported").asLong());
  }

  @Test
  @Order(3)
  void aSecondRunOnTheSameInboxLeavesGoldIdentical() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    Map<String, Long> before = goldVersions(io);
    RunSummary again = run(warehouse);
    assertThat(again.count("INGESTED")).isZero();
    assertThat(goldVersions(io)).isEqualTo(before);
  }

  @Test
  @Order(4)
  void aRunKilledMidWriteLeavesTablesReadableAndTheNextRunGivesTheSameGold() throws Exception {
    String killed = dir.resolve("killed").toString();
    // Kill once while silver is merged and once while gold is written.
    for (String stage : List.of("silver service_dossiers", "gold: ward_month_kpis_current")) {
      String output = runAndKill(killed, stage);
      assertThat(output).contains(stage);
      for (String layer : List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
        Path folder = Path.of(killed, layer);
        if (Files.isDirectory(folder)) {
          try (var tables = Files.list(folder)) {
            for (Path table : tables.toList()) {
              // A table whose first commit was killed does not exist yet: its folder has no commit
              // in _delta_log.
              if (hasCommit(table)) {
                assertThat(spark.read().format("delta").load(table.toString()).count())
                    .as("%s readable", table)
                    .isNotNegative();
              }
            }
          }
        }
      }
    }
    run(killed);
    DeltaIo reference = new DeltaIo(spark, warehouse);
    DeltaIo recovered = new DeltaIo(spark, killed);
    for (String table :
        List.of(
            Tables.WARD_MONTH_KPIS,
            Tables.WARD_MONTH_KPIS_CURRENT,
            Tables.SERVICE_MONTH,
            Tables.DAILY_REPORT_CHECK,
            Tables.TARGET_PROGRESS)) {
      var want = reference.read(Tables.GOLD, table);
      var have = recovered.read(Tables.GOLD, table);
      assertThat(have.count()).as(table).isEqualTo(want.count());
      assertThat(have.exceptAll(want).count())
          .as("%s rows not in the uninterrupted run", table)
          .isZero();
    }
    assertThat(recovered.read(Tables.OPS, Tables.QUARANTINE).count())
        .isEqualTo(reference.read(Tables.OPS, Tables.QUARANTINE).count());
  }

  @Test
  @Order(5)
  void noRawCitizenIdOrNameReachesAnyTableOrLog() throws IOException {
    List<String> raw =
        Files.readAllLines(inbox.resolve("_manifest/sample_citizen_ids.txt")).stream()
            .filter(s -> !s.isBlank())
            .toList();
    assertThat(raw).hasSizeGreaterThan(10);
    for (String layer : List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
      try (var tables = Files.list(Path.of(warehouse, layer))) {
        for (Path table : tables.toList()) {
          var rows = spark.read().format("delta").load(table.toString());
          org.apache.spark.sql.Column any = org.apache.spark.sql.functions.lit(false);
          for (var field : rows.schema().fields()) {
            if (field.dataType() instanceof org.apache.spark.sql.types.StringType) {
              any =
                  any.or(
                      org.apache.spark.sql.functions.coalesce(
                          col(field.name())
                              .isin(raw.toArray())
                              .or(col(field.name()).rlike("(^|[^0-9a-f])[0-9]{12}([^0-9a-f]|$)")),
                          org.apache.spark.sql.functions.lit(false)));
            }
          }
          assertThat(rows.where(any).count())
              .as("rows of %s holding a 12-digit id", table.getFileName())
              .isZero();
        }
      }
    }
    String output = log.toString(StandardCharsets.UTF_8);
    raw.forEach(id -> assertThat(output).doesNotContain(id));
    assertThat(output).doesNotContainPattern("\\b\\d{12}\\b");
  }

  private static boolean hasCommit(Path table) throws IOException {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return false;
    }
    try (var entries = Files.list(log)) {
      return entries.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
    }
  }

  private static Map<String, Long> goldVersions(DeltaIo io) {
    Map<String, Long> versions = new TreeMap<>();
    for (String table : Tables.GOLD_TABLES) {
      versions.put(table, io.version(Tables.GOLD, table));
    }
    return versions;
  }

  /**
   * Runs {@code da06 run} in a child JVM and kills it with SIGKILL as soon as it prints {@code
   * stage}.
   */
  private static String runAndKill(String target, String stage) throws Exception {
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
    // C1 only: a run on this small inbox, in a fresh JVM, spends its time in the JIT compilers (as
    // SparkSubmitIT's).
    command.addAll(
        List.of(
            "-Xmx2g",
            "-XX:TieredStopAtLevel=1",
            "-Dspark.master=local[2]",
            "-Dspark.sql.shuffle.partitions=2",
            "-cp",
            System.getProperty("java.class.path"),
            "vn.da06.jobs.cli.Da06",
            "run",
            "--inbox",
            inbox.toString(),
            "--warehouse",
            target));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(Pseudonymizer.KEY_ENV, KEY);
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
