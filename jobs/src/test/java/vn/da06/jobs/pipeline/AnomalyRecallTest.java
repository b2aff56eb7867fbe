package vn.da06.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.SharedSpark;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * gold.anomalies measured on one small generated province (Lai Châu, 38 wards, 14 months with a
 * campaign) with anomalies of each kind planted at known places (the generator's {@code
 * _manifest/anomalies.csv}), through the whole pipeline once: every planted anomaly is found, and
 * on the wards without plants — whose feeds are the very bytes the generator writes without plants,
 * checked here — the false-flag rate, flagged cells over all (ward, month, scanned metric) cells
 * judged, stays under 1 %. Precision, recall and that rate are printed for the record.
 */
class AnomalyRecallTest {
  static final double BOUND = 0.01;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path inbox;
  static Path warehouse;
  static List<Map<String, String>> planted;
  static List<Row> anomalies;
  static List<Row> wardMonths;

  static GeneratorOptions options(Path out) {
    return new GeneratorOptions(
        out, "12", YearMonth.of(2024, 1), YearMonth.of(2025, 2), 0.3, 13, 2);
  }

  @BeforeAll
  static void generateAndRun() throws IOException {
    spark = SharedSpark.get();
    inbox = dir.resolve("inbox");
    warehouse = dir.resolve("warehouse");
    Generator.generate(options(inbox), AdminUnitsLoader.load(null), true);
    planted = csv(inbox.resolve("_manifest").resolve(Generator.ANOMALIES_FILE));
    new Pipeline(
            spark,
            new Pipeline.Options(inbox.toString(), warehouse.toString()),
            new Pseudonymizer("anomaly-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
            Progress.quiet())
        .run();
    DeltaIo io = new DeltaIo(spark, warehouse.toString());
    anomalies = io.read(Tables.GOLD, Tables.ANOMALIES).collectAsList();
    wardMonths =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
            .select("ward_code", "month")
            .collectAsList();
  }

  static List<Map<String, String>> csv(Path file) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CSVParser parser =
        CSVParser.parse(
            file,
            StandardCharsets.UTF_8,
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord record : parser) {
        rows.add(record.toMap());
      }
    }
    return rows;
  }

  /** A flagged or planted cell: ward, month, metric. */
  static String cell(String ward, String period, String metric) {
    return ward + " " + period.substring(0, 7) + " " + metric;
  }

  static Set<String> flaggedCells() {
    Set<String> cells = new TreeSet<>();
    for (Row row : anomalies) {
      cells.add(cell(row.getAs("unit_code"), row.getAs("period"), row.getAs("metric")));
    }
    return cells;
  }

  @Test
  void everyPlantedAnomalyIsFoundAndTheRatesAreMeasured() throws IOException {
    Set<String> kinds = new TreeSet<>();
    Set<String> mustFind = new TreeSet<>();
    Set<String> explained = new TreeSet<>();
    Set<String> plantedWards = new HashSet<>();
    for (Map<String, String> row : planted) {
      String cell = cell(row.get("unit_code"), row.get("period"), row.get("metric"));
      explained.add(cell);
      plantedWards.add(row.get("unit_code"));
      kinds.add(row.get("kind"));
      if (row.get("planted").equals("true")) {
        mustFind.add(cell);
      }
    }
    assertThat(kinds).as("kinds planted").contains("SURGE", "DROP", "POPULATION", "DAILY");
    Set<String> flagged = flaggedCells();
    Set<String> missed = new TreeSet<>(mustFind);
    missed.removeAll(flagged);
    assertThat(missed).as("planted anomalies not found").isEmpty();

    Set<String> truePositives = new TreeSet<>(flagged);
    truePositives.retainAll(explained);
    double precision = flagged.isEmpty() ? 1 : (double) truePositives.size() / flagged.size();
    double recall = (double) (mustFind.size() - missed.size()) / mustFind.size();

    // The wards without plants: their feeds are those written without any plant.
    Path clean = dir.resolve("clean");
    Generator.generate(options(clean), AdminUnitsLoader.load(null), false);
    Map<String, String> withPlants = manifestRows(inbox, plantedWards);
    Map<String, String> withoutPlants = manifestRows(clean, plantedWards);
    assertThat(withPlants).isEqualTo(withoutPlants).isNotEmpty();

    AnomalyRules rules = AnomalyRules.DEFAULT;
    List<String> scanned = new ArrayList<>(rules.metrics());
    scanned.add("eligible_population");
    String firstJudged = options(inbox).from().plusMonths(rules.minHistoryMonths()).toString();
    long cells = 0;
    for (Row row : wardMonths) {
      if (!plantedWards.contains(row.<String>getAs("ward_code"))
          && row.<String>getAs("month").compareTo(firstJudged) >= 0) {
        cells += scanned.size();
      }
    }
    long falseFlags =
        flagged.stream()
            .filter(c -> !plantedWards.contains(c.split(" ")[0]))
            .filter(c -> scanned.contains(c.split(" ")[2]))
            .count();
    double falseFlagRate = (double) falseFlags / cells;
    long dailyWardMonths =
        anomalies.stream()
            .filter(r -> r.<String>getAs("method").equals(AnomalyRules.DAILY_MISMATCH))
            .filter(r -> !plantedWards.contains(r.<String>getAs("unit_code")))
            .map(r -> r.<String>getAs("unit_code") + r.<String>getAs("month"))
            .distinct()
            .count();
    Map<String, Long> byMethod = new HashMap<>();
    anomalies.forEach(r -> byMethod.merge(r.<String>getAs("method"), 1L, Long::sum));
    System.out.printf(
        Locale.ROOT,
        "anomalies: %d rows %s; planted cells %d, found %d: recall %.3f; flagged cells %d, of"
            + " planted wards' changed cells %d: precision %.3f; wards without plants: %d false"
            + " flags in %d cells judged = %.4f (bound %.2f); daily mismatches flagged in %d"
            + " ward-months without plants%n",
        anomalies.size(),
        byMethod,
        mustFind.size(),
        mustFind.size() - missed.size(),
        recall,
        flagged.size(),
        truePositives.size(),
        precision,
        falseFlags,
        cells,
        falseFlagRate,
        BOUND,
        dailyWardMonths);
    assertThat(cells).isPositive();
    assertThat(falseFlagRate).as("false-flag rate without plants").isLessThanOrEqualTo(BOUND);
    // Every row reads as a sentence with Vietnamese figures.
    assertThat(anomalies)
        .allSatisfy(
            row ->
                assertThat(row.<String>getAs("reason_vi")).matches("^(Báo cáo ngày|[A-ZĐ]).*: .*"));
  }

  /** The manifest's ward-month rows of the wards not planted (the codes of the time). */
  static Map<String, String> manifestRows(Path out, Set<String> plantedWards) throws IOException {
    AdminUnits units = AdminUnitsLoader.load(null);
    Set<String> plantedOld = new HashSet<>(plantedWards);
    units.crosswalk().stream()
        .filter(link -> plantedWards.contains(link.newWardCode()))
        .forEach(link -> plantedOld.add(link.oldWardCode()));
    Map<String, String> rows = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("_manifest/ward_month.csv"))) {
      String ward = line.substring(0, line.indexOf(','));
      if (!plantedOld.contains(ward)) {
        rows.put(line.substring(0, line.indexOf(',', line.indexOf(',') + 1)), line);
      }
    }
    return rows;
  }
}
