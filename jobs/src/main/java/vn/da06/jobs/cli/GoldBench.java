package vn.da06.jobs.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.jobs.bench.DuckDbGold;
import vn.da06.jobs.bench.GoldReference;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.bench.Figure;

/**
 * {@code ./da06 bench gold}: the gold KPIs ({@code ward_month_kpis} and {@code ward_month_kpis_current}) from
 * the same silver Parquet files, by the pipeline (Spark) and by the reference engine (DuckDB, plain SQL). The
 * two results are compared cell for cell first; a time is reported only when they are identical.
 */
@Command(name = "gold", mixinStandardHelpOptions = true,
    description = "Gold aggregation from silver: Spark against DuckDB on the same Parquet files, results checked identical first.")
final class GoldBench implements Callable<Integer> {
  @Option(names = "--warehouse", defaultValue = "data/warehouse", description = "A warehouse the pipeline has written. Default: ${DEFAULT-VALUE}")
  String warehouse;

  @Option(names = "--repeat", defaultValue = "3", description = "Timed repetitions of each engine (the median is reported). Default: ${DEFAULT-VALUE}")
  int repeat;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-gold");
    DeltaIo io = new DeltaIo(spark, warehouse);
    DuckDbGold.Inputs inputs = GoldReference.inputs(io);
    long silverRows = spark.read().parquet(inputs.applications().toArray(String[]::new)).count()
        + spark.read().parquet(inputs.dossiers().toArray(String[]::new)).count()
        + spark.read().parquet(inputs.population().toArray(String[]::new)).count();

    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      // Correctness first, on the gold the pipeline wrote: no time is reported for results that differ.
      DuckDbGold.compute(connection, inputs);
      List<GoldReference.Difference> differences = GoldReference.compare(connection, io);
      if (differences.stream().anyMatch(d -> !d.none())) {
        System.err.println("bench gold: the engines disagree, no time reported:");
        differences.forEach(d -> {
          System.err.printf("  %s: %,d rows only in gold, %,d only in the reference%n", d.table(), d.onlyInGold(), d.onlyInReference());
          d.samples().forEach(sample -> System.err.println("    " + sample));
        });
        return 1;
      }
    }
    double[] sparkSeconds = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      Progress progress = Progress.quiet();
      new Pipeline(spark, new Pipeline.Options("data/none", warehouse), Pseudonymizer.fromEnvironment(), progress).rebuildGold();
      sparkSeconds[i] = PipelineBench.stageSeconds(progress, "gold: measuring", "gold: service_month");
    }
    double[] duckSeconds = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      // A fresh database each time, so nothing computed before is reused.
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
        long start = System.nanoTime();
        DuckDbGold.compute(connection, inputs);
        duckSeconds[i] = (System.nanoTime() - start) / 1e9;
      }
    }
    double sparkMedian = median(sparkSeconds);
    double duckMedian = median(duckSeconds);
    double ours = silverRows / sparkMedian;
    double duckDb = silverRows / duckMedian;
    // Throughput ratio ours / DuckDB's = DuckDB's time / ours; the goal is at least half DuckDB's throughput.
    List<Figure> figures = List.of(
        Figure.plain("silver_rows", silverRows, "rows"),
        Figure.plain("gold_aggregation_duckdb", duckMedian, "s"),
        Figure.plain("gold_aggregation_spark", sparkMedian, "s"),
        new Figure("gold_aggregation_throughput", ours, "rows/s", duckDb, ours / duckDb, ">= 0.5 x DuckDB",
            ours / duckDb >= 0.5));
    ObjectMapper mapper = new ObjectMapper();
    for (Figure figure : figures) {
      System.out.println(json ? mapper.writeValueAsString(figure.json()) : figure.text());
    }
    return 0;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
