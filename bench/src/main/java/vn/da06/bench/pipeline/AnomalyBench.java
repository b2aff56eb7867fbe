package vn.da06.bench.pipeline;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.bench.reference.DuckDbAnomalies;
import vn.da06.bench.reference.DuckDbGold;
import vn.da06.bench.reference.GoldReference;
import vn.da06.bench.reference.SilverSynth;
import vn.da06.jobs.gold.Anomalies;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Tables;

/**
 * {@code ./da06 bench anomalies} (issue 24): synthetic national silver with anomalies planted at
 * known places ({@link SilverSynth#plantAnomalies}); the pipeline's gold step writes {@code
 * gold.anomalies}; the bench reports recall (planted cells flagged), precision (flagged cells that
 * a plant changed), the false-flag rate on the wards without plants (flagged cells over all (ward,
 * month, scanned metric) cells judged) and the time of the anomaly step alone, and DuckDB computes
 * the same monthly flags from the same silver ({@link DuckDbAnomalies} over {@link DuckDbGold}) as
 * a cross-check: the two sets of flags must be equal.
 */
@Command(
    name = "anomalies",
    mixinStandardHelpOptions = true,
    description =
        "gold.anomalies on synthetic silver with planted anomalies: precision, recall, false-flag"
            + " rate, time of the step; DuckDB computes the same flags as a cross-check.")
public final class AnomalyBench implements Callable<Integer> {

  @Option(
      names = "--rows",
      defaultValue = "10M",
      converter = RowCount.class,
      description =
          "Synthetic national silver of about this many rows (as ./da06 bench gold, with two"
              + " population snapshots), written once into --dir. Default: ${DEFAULT-VALUE}")
  long rows;

  @Option(
      names = "--per-kind",
      defaultValue = "10",
      description = "Anomalies planted of each kind. Default: ${DEFAULT-VALUE}")
  int perKind;

  @Option(
      names = "--dir",
      defaultValue = "data/bench",
      description = "Where synthetic warehouses are kept. Default: ${DEFAULT-VALUE}")
  Path dir;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  static final double FALSE_FLAG_BOUND = 0.01;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-anomalies");
    YearMonth from = GoldBench.FROM;
    YearMonth to = GoldBench.TO;
    long quarter = Math.max(1, rows / 4);
    SilverSynth.Size size =
        new SilverSynth.Size(
            quarter,
            2 * quarter,
            Math.max(1, (rows - 3 * quarter) / 2),
            from,
            to,
            List.of(to.minusMonths(3).atEndOfMonth(), to.atEndOfMonth()));
    Path folder = dir.resolve("synthetic-" + RowCount.label(rows) + "-anomalies");
    Path plantedFile = folder.resolve("planted-anomalies.csv");
    boolean fresh = !Files.exists(plantedFile);
    SyntheticWarehouse.ensure(spark, folder, size, fresh);
    if (!Files.exists(plantedFile)) {
      List<String[]> cells =
          new SilverSynth(
                  spark, folder.toString(), vn.da06.warehouse.admin.AdminUnitsLoader.load(null))
              .plantAnomalies(size, perKind);
      List<String> lines = new ArrayList<>(List.of("kind,unit_code,period,metric,planted"));
      cells.forEach(cell -> lines.add(String.join(",", cell)));
      Files.write(plantedFile, lines, StandardCharsets.UTF_8);
    }
    Set<String> mustFind = new TreeSet<>();
    Set<String> explained = new TreeSet<>();
    Set<String> plantedWards = new HashSet<>();
    List<String> plantedLines = Files.readAllLines(plantedFile);
    for (String line : plantedLines.subList(1, plantedLines.size())) {
      String[] cell = line.split(",");
      String key = cell[1] + " " + cell[2] + " " + cell[3];
      explained.add(key);
      plantedWards.add(cell[1]);
      if (cell[4].equals("true")) {
        mustFind.add(key);
      }
    }

    String warehouse = folder.toString();
    long started = System.nanoTime();
    new Pipeline(
            spark,
            new Pipeline.Options("data/none", warehouse),
            Pseudonymizer.fromEnvironment(),
            Progress.quiet())
        .rebuildGold();
    double goldSeconds = (System.nanoTime() - started) / 1e9;
    DeltaIo io = new DeltaIo(spark, warehouse);
    AnomalyRules rules = AnomalyRules.DEFAULT;

    // The anomaly step alone, as the gold step runs it after the month tables (timed twice: the
    // first warms the JVM up).
    double stepSeconds = 0;
    List<Row> found = null;
    for (int run = 0; run < 2; run++) {
      long stepStart = System.nanoTime();
      found =
          Anomalies.candidates(
                  io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT),
                  io.read(Tables.GOLD, Tables.DAILY_REPORT_CHECK),
                  Anomalies.expectedSurges(
                      spark,
                      io.readIfExists(Tables.SILVER, "targets")
                          .orElseGet(
                              () ->
                                  spark.createDataFrame(
                                      List.of(),
                                      new org.apache.spark.sql.types.StructType()
                                          .add("unit_code", "string")
                                          .add("metric", "string")
                                          .add("period_start", "date")
                                          .add("deadline", "date"))),
                      io.read(Tables.GOLD, Tables.DIM_WARD),
                      rules),
                  io.read(Tables.GOLD, Tables.DIM_WARD)
                      .select("ward_code", "era", "current_ward_code"),
                  null,
                  rules)
              .collectAsList();
      stepSeconds = (System.nanoTime() - stepStart) / 1e9;
      System.err.printf(
          "bench anomalies: anomaly step %.1f s (%d flags)%n", stepSeconds, found.size());
    }

    List<Row> written = io.read(Tables.GOLD, Tables.ANOMALIES).collectAsList();
    Set<String> flagged = new TreeSet<>();
    Set<String> sparkFlags = new TreeSet<>();
    for (Row row : written) {
      flagged.add(
          row.getAs("unit_code") + " " + row.<String>getAs("month") + " " + row.getAs("metric"));
      if (row.<String>getAs("period_type").equals("month")) {
        sparkFlags.add(
            row.getAs("unit_code")
                + " "
                + row.getAs("period")
                + " "
                + row.getAs("metric")
                + " "
                + row.getAs("method"));
      }
    }
    Set<String> missed = new TreeSet<>(mustFind);
    missed.removeAll(flagged);
    Set<String> truePositives = new TreeSet<>(flagged);
    truePositives.retainAll(explained);
    double recall = mustFind.isEmpty() ? 1 : 1.0 - (double) missed.size() / mustFind.size();
    double precision = flagged.isEmpty() ? 1 : (double) truePositives.size() / flagged.size();
    List<String> scanned = new ArrayList<>(rules.metrics());
    scanned.add("eligible_population");
    String firstJudged = from.plusMonths(rules.minHistoryMonths()).toString();
    long cells =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
                .where(col("month").geq(firstJudged))
                .where(col("ward_code").isin(plantedWards.toArray()).unary_$bang())
                .count()
            * scanned.size();
    long falseFlags =
        flagged.stream()
            .filter(c -> !plantedWards.contains(c.split(" ")[0]))
            .filter(c -> c.split(" ")[1].compareTo(firstJudged) >= 0)
            .filter(c -> scanned.contains(c.split(" ")[2]))
            .count();
    double falseFlagRate = cells == 0 ? 0 : (double) falseFlags / cells;
    if (!missed.isEmpty()) {
      System.err.println("bench anomalies: planted but not flagged: " + missed);
    }

    Set<String> duckFlags;
    double duckSeconds;
    try (Connection connection = DuckDbGold.open()) {
      DuckDbGold.compute(connection, GoldReference.inputs(io));
      long duckStart = System.nanoTime();
      DuckDbAnomalies.compute(connection, rules);
      duckSeconds = (System.nanoTime() - duckStart) / 1e9;
      duckFlags = DuckDbAnomalies.flags(connection);
    }
    Set<String> onlySpark = new TreeSet<>(sparkFlags);
    onlySpark.removeAll(duckFlags);
    Set<String> onlyDuck = new TreeSet<>(duckFlags);
    onlyDuck.removeAll(sparkFlags);
    boolean agree = onlySpark.isEmpty() && onlyDuck.isEmpty();
    if (!agree) {
      System.err.printf(
          "bench anomalies: Spark and DuckDB differ: only Spark %s; only DuckDB %s%n",
          first(onlySpark), first(onlyDuck));
    }
    System.err.printf(
        "bench anomalies: %d planted cells, %d flagged cells (%d monthly flags, DuckDB %d),"
            + " %d false flags in %d cells of wards without plants%n",
        mustFind.size(), flagged.size(), sparkFlags.size(), duckFlags.size(), falseFlags, cells);
    GoldBench.print(
        json,
        List.of(
            Figure.plain("anomaly_silver_rows", size.rows(), "rows"),
            Figure.plain("anomaly_gold_rebuild_spark", goldSeconds, "s"),
            Figure.plain("anomaly_step_spark", stepSeconds, "s"),
            Figure.plain("anomaly_step_duckdb", duckSeconds, "s"),
            new Figure("anomaly_recall", recall, "", null, null, "= 1", recall == 1.0),
            Figure.plain("anomaly_precision", precision, ""),
            new Figure(
                "anomaly_false_flag_rate",
                falseFlagRate,
                "",
                null,
                null,
                "<= " + FALSE_FLAG_BOUND,
                falseFlagRate <= FALSE_FLAG_BOUND),
            new Figure(
                "anomaly_duckdb_agreement",
                agree ? 1 : 0,
                "",
                null,
                null,
                "Spark = DuckDB",
                agree)));
    return agree && recall == 1.0 && falseFlagRate <= FALSE_FLAG_BOUND ? 0 : 1;
  }

  private static List<String> first(Set<String> flags) {
    return flags.stream().limit(10).toList();
  }
}
