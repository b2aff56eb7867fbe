package vn.da06.bench.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
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
 * {@code ./da06 bench incremental}: one new month of silver onto 48 months of history. Times the
 * gold step for the new month alone, a full gold rebuild of all 49 months, and DuckDB recomputing
 * all 49; checks first that the gold the one-month update left equals DuckDB's full recomputation.
 */
@Command(
    name = "incremental",
    mixinStandardHelpOptions = true,
    description =
        "Gold for one new month onto 48 months of history, against a full rebuild and DuckDB recomputing all.")
public final class IncrementalBench implements Callable<Integer> {
  @Option(
      names = "--rows",
      defaultValue = "10M",
      converter = RowCount.class,
      description =
          "Synthetic national silver of about this many rows over the 48 months of history. Default: ${DEFAULT-VALUE}")
  long rows;

  @Option(
      names = "--dir",
      defaultValue = "data/bench",
      description = "Work folder. Default: ${DEFAULT-VALUE}")
  Path dir;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description =
          "Timed repetitions of the update (after an untimed"
              + " first), the full rebuild and DuckDB (after its first run, for the check); medians are reported. Default: ${DEFAULT-VALUE}")
  int repeat;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-incremental");
    SilverSynth.Size history = SilverSynth.Size.national(rows, GoldBench.FROM, GoldBench.TO);
    // The bench adds a month to its warehouse, so it works on a copy of the 48 months `bench gold`
    // wrote (silver,
    // and gold when that bench left it), or on silver written afresh.
    Path folder = dir.resolve("incremental-" + RowCount.label(rows));
    Path shared = dir.resolve("synthetic-" + RowCount.label(rows));
    if (SyntheticWarehouse.holds(shared, history)) {
      SyntheticWarehouse.copy(shared, folder);
      System.err.printf("bench incremental: copied %s%n", shared);
    } else {
      SyntheticWarehouse.ensure(spark, folder, history, true);
    }
    String warehouse = folder.toString();
    if (!new DeltaIo(spark, warehouse)
        .exists(vn.da06.warehouse.Tables.GOLD, vn.da06.warehouse.Tables.WARD_MONTH_KPIS_CURRENT)) {
      double first = GoldBench.sparkGold(spark, warehouse);
      System.err.printf("bench incremental: gold of the 48 months of history in %.1f s%n", first);
    }

    SilverSynth.Size withMonth =
        new SilverSynth(spark, warehouse, vn.da06.warehouse.admin.AdminUnitsLoader.load(null))
            .appendMonth(history);
    String month = withMonth.to().toString();
    System.err.printf(
        "bench incremental: %s appended to silver (%,d applications, %,d dossiers)%n",
        month,
        withMonth.applications() - history.applications(),
        withMonth.dossiers() - history.dossiers());

    // An untimed first update warms the JVM as the full rebuilds timed below are warm; the update
    // is idempotent.
    new Pipeline(
            spark,
            new Pipeline.Options("data/none", warehouse),
            Pseudonymizer.fromEnvironment(),
            Progress.quiet())
        .updateGold(month);
    double[] updates = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      // Each timed update's stages go to stderr, so a run shows where its time went.
      Progress progress = new Progress(System.err);
      new Pipeline(
              spark,
              new Pipeline.Options("data/none", warehouse),
              Pseudonymizer.fromEnvironment(),
              progress)
          .updateGold(month);
      if (progress.marks().stream()
          .noneMatch(m -> m.line().contains("rows of those months only"))) {
        System.err.println(
            "bench incremental: the update recomputed from all rows, not the new month's: no time reported");
        return 1;
      }
      updates[i] =
          PipelineBench.stageSeconds(progress, "gold: reading silver", "gold: service_month");
      System.err.printf("bench incremental: timed update %.1f s%n", updates[i]);
    }
    double incremental = GoldBench.median(updates);

    DeltaIo io = new DeltaIo(spark, warehouse);
    DuckDbGold.Inputs inputs = GoldReference.inputs(io);
    try (Connection connection = DuckDbGold.open()) {
      DuckDbGold.compute(connection, inputs);
      if (!GoldReference.agree(connection, io, "bench incremental")) {
        return 1;
      }
    }
    double[] duckDbs = new double[repeat];
    double[] fulls = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      duckDbs[i] = GoldBench.duckDbGold(inputs);
      fulls[i] = GoldBench.sparkGold(spark, warehouse);
      System.err.printf(
          "bench incremental: timed DuckDB %.1f s, full rebuild %.1f s%n", duckDbs[i], fulls[i]);
    }
    double duckDb = GoldBench.median(duckDbs);
    double full = GoldBench.median(fulls);
    GoldBench.print(
        json,
        List.of(
            Figure.plain("incremental_history_rows", history.rows(), "rows"),
            Figure.plain("incremental_full_rebuild_49_months", full, "s"),
            Figure.plain("incremental_duckdb_49_months", duckDb, "s"),
            new Figure(
                "incremental_month_vs_full_rebuild",
                incremental,
                "s",
                full,
                incremental / full,
                "<= 0.1 x full rebuild",
                incremental / full <= 0.1),
            new Figure(
                "incremental_month_vs_duckdb_full",
                incremental,
                "s",
                duckDb,
                incremental / duckDb,
                "< DuckDB recomputing all 49 months",
                incremental < duckDb)));
    return 0;
  }
}
