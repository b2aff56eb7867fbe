package vn.da06.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.bench.reference.DuckDbGold;
import vn.da06.bench.reference.GoldReference;
import vn.da06.bench.reference.SilverSynth;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.jobs.spark.SparkSessions;

/**
 * {@code ./da06 bench gold}: the gold KPIs ({@code ward_month_kpis} and {@code
 * ward_month_kpis_current}) from the same silver Parquet files, by the pipeline (Spark) and by the
 * reference engine (DuckDB, plain SQL). The two results are compared cell for cell first; a time is
 * reported only when they are identical.
 */
@Command(
    name = "gold",
    mixinStandardHelpOptions = true,
    description =
        "Gold aggregation from silver: Spark against DuckDB on the same Parquet files, results checked identical first.")
public final class GoldBench implements Callable<Integer> {
  /** 48 months of history, the last one the latest complete month of the sample data. */
  static final YearMonth FROM = YearMonth.of(2022, 11);

  static final YearMonth TO = YearMonth.of(2026, 10);

  @Option(
      names = "--warehouse",
      description = "A warehouse the pipeline has written (instead of synthetic silver).")
  String warehouse;

  @Option(
      names = "--rows",
      defaultValue = "10M",
      converter = RowCount.class,
      description =
          "Synthetic national silver of about this many rows (applications : dossiers : population = 1 : 2 : 1,"
              + " every ward, 48 months), written once into --dir. Default: ${DEFAULT-VALUE}")
  long rows;

  @Option(
      names = "--dir",
      defaultValue = "data/bench",
      description = "Where synthetic warehouses are kept. Default: ${DEFAULT-VALUE}")
  Path dir;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description =
          "Timed repetitions of each engine after an untimed first"
              + " run of each (the median is reported). Default: ${DEFAULT-VALUE}")
  int repeat;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-gold");
    String target =
        warehouse != null
            ? warehouse
            : SyntheticWarehouse.ensure(
                    spark,
                    dir.resolve("synthetic-" + RowCount.label(rows)),
                    SilverSynth.Size.national(rows, FROM, TO),
                    false)
                .toString();
    DeltaIo io = new DeltaIo(spark, target);
    DuckDbGold.Inputs inputs = GoldReference.inputs(io);
    long silverRows =
        spark.read().parquet(inputs.applications().toArray(String[]::new)).count()
            + spark.read().parquet(inputs.dossiers().toArray(String[]::new)).count()
            + spark.read().parquet(inputs.population().toArray(String[]::new)).count();

    // A first, untimed rebuild (the JVM's warm-up) writes the gold that is compared: the code
    // measured is the
    // code checked, and no time is reported for results that differ.
    double warmUp = sparkGold(spark, target);
    System.err.printf("bench gold: first (warm-up) Spark run %.1f s%n", warmUp);
    try (Connection connection = DuckDbGold.open()) {
      long started = System.nanoTime();
      DuckDbGold.compute(connection, inputs);
      System.err.printf(
          "bench gold: first DuckDB run %.1f s; comparing%n", (System.nanoTime() - started) / 1e9);
      if (!GoldReference.agree(connection, io, "bench gold")) {
        return 1;
      }
    }
    List<Double> sparkSeconds = new ArrayList<>();
    // Each time is logged as soon as measured: a run of an hour at 100M rows keeps its figures if
    // it stops later.
    while (sparkSeconds.size() < repeat) {
      sparkSeconds.add(sparkGold(spark, target));
      System.err.printf(
          "bench gold: timed Spark run %.1f s%n", sparkSeconds.get(sparkSeconds.size() - 1));
    }
    double[] duckSeconds = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      duckSeconds[i] = duckDbGold(inputs);
      System.err.printf("bench gold: timed DuckDB run %.1f s%n", duckSeconds[i]);
    }
    double sparkMedian = median(sparkSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    double duckMedian = median(duckSeconds);
    double ours = silverRows / sparkMedian;
    double duckDb = silverRows / duckMedian;
    // Throughput ratio ours / DuckDB's = DuckDB's time / ours; the goal is at least half DuckDB's
    // throughput.
    print(
        json,
        List.of(
            Figure.plain("gold_silver_rows", silverRows, "rows"),
            Figure.plain("gold_aggregation_duckdb", duckMedian, "s"),
            Figure.plain("gold_aggregation_spark", sparkMedian, "s"),
            new Figure(
                "gold_aggregation_throughput",
                ours,
                "rows/s",
                duckDb,
                ours / duckDb,
                ">= 0.5 x DuckDB",
                ours / duckDb >= 0.5)));
    return 0;
  }

  /**
   * Seconds of the pipeline's gold step for the two KPI tables (reading silver to writing both).
   */
  static double sparkGold(SparkSession spark, String warehouse) {
    Progress progress = Progress.quiet();
    new Pipeline(
            spark,
            new Pipeline.Options("data/none", warehouse),
            Pseudonymizer.fromEnvironment(),
            progress)
        .rebuildGold();
    return PipelineBench.stageSeconds(progress, "gold: reading silver", "gold: service_month");
  }

  /**
   * Seconds of DuckDB computing both KPI tables on a fresh in-memory database (nothing computed
   * before reused).
   */
  static double duckDbGold(DuckDbGold.Inputs inputs) throws java.sql.SQLException {
    try (Connection connection = DuckDbGold.open()) {
      long start = System.nanoTime();
      DuckDbGold.compute(connection, inputs);
      return (System.nanoTime() - start) / 1e9;
    }
  }

  static void print(boolean json, List<Figure> figures) throws java.io.IOException {
    ObjectMapper mapper = new ObjectMapper();
    for (Figure figure : figures) {
      System.out.println(json ? mapper.writeValueAsString(figure.json()) : figure.text());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
