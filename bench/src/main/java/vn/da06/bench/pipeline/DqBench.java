package vn.da06.bench.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.bench.reference.DuckDbGold;
import vn.da06.bench.reference.GoldReference;
import vn.da06.bench.reference.SilverSynth;
import vn.da06.jobs.gold.Measures;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * {@code ./da06 bench dq}: the four data-quality rules ("đúng, đủ, sạch, sống") per ward over one
 * population snapshot, by the pipeline's rules ({@link Measures#dataQualityBySnapshot}) and by
 * DuckDB's plain SQL, on the same Parquet files; the per-ward counts are compared first.
 */
@Command(
    name = "dq",
    mixinStandardHelpOptions = true,
    description =
        "Data-quality rules over one population snapshot: Spark against DuckDB, results checked identical first.")
public final class DqBench implements Callable<Integer> {
  private static final String[] COLUMNS = {
    "snapshot_date",
    "ward_code",
    "ward_era",
    "dq_records",
    "dq_incorrect",
    "dq_incomplete",
    "dq_unclean",
    "dq_stale",
    "dq_clean_records"
  };

  @Option(
      names = "--rows",
      defaultValue = "10M",
      converter = RowCount.class,
      description = "Rows of the synthetic national snapshot. Default: ${DEFAULT-VALUE}")
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
          "Timed repetitions of each engine after an untimed first run (the median). Default: ${DEFAULT-VALUE}")
  int repeat;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-dq");
    SilverSynth.Size size =
        new SilverSynth.Size(
            1, 1, rows, GoldBench.TO, GoldBench.TO, List.of(GoldBench.TO.atEndOfMonth()));
    Path folder =
        SyntheticWarehouse.ensure(
            spark, dir.resolve("synthetic-dq-" + RowCount.label(rows)), size, false);
    DeltaIo io = new DeltaIo(spark, folder.toString());
    List<String> files = GoldReference.files(io, Tables.SILVER, Feed.POPULATION.folder());

    // Each engine runs once untimed first (warm-up); the first results are the ones compared.
    List<Row> sparkRows = null;
    double[] sparkSeconds = new double[repeat];
    for (int i = -1; i < repeat; i++) {
      long start = System.nanoTime();
      List<Row> result =
          Measures.dataQualityBySnapshot(io.read(Tables.SILVER, Feed.POPULATION.folder()))
              .selectExpr(COLUMNS)
              .collectAsList();
      double seconds = (System.nanoTime() - start) / 1e9;
      // Each time as soon as measured, as bench gold does: the median alone hides a run-to-run
      // spread.
      System.err.printf(
          "bench dq: %s Spark run %.1f s%n", i < 0 ? "first (warm-up)" : "timed", seconds);
      if (i < 0) {
        sparkRows = result;
      } else {
        sparkSeconds[i] = seconds;
      }
    }
    double[] duckSeconds = new double[repeat];
    for (int i = -1; i < repeat; i++) {
      try (Connection connection = DuckDbGold.open()) {
        long start = System.nanoTime();
        DuckDbGold.quality(connection, files);
        if (i < 0) {
          if (!same(connection, sparkRows)) {
            return 1;
          }
        } else {
          duckSeconds[i] = (System.nanoTime() - start) / 1e9;
          System.err.printf("bench dq: timed DuckDB run %.1f s%n", duckSeconds[i]);
        }
      }
    }
    double ours = rows / GoldBench.median(sparkSeconds);
    double duckDb = rows / GoldBench.median(duckSeconds);
    GoldBench.print(
        json,
        List.of(
            Figure.plain("dq_snapshot_rows", rows, "rows"),
            Figure.plain("dq_rules_duckdb", GoldBench.median(duckSeconds), "s"),
            Figure.plain("dq_rules_spark", GoldBench.median(sparkSeconds), "s"),
            new Figure(
                "dq_rules_throughput",
                ours,
                "rows/s",
                duckDb,
                ours / duckDb,
                ">= 0.5 x DuckDB",
                ours / duckDb >= 0.5)));
    return 0;
  }

  /**
   * Spark's per-ward counts against DuckDB's {@code m_quality}, both ways; differences go to
   * stderr.
   */
  private static boolean same(Connection connection, List<Row> sparkRows)
      throws java.sql.SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE spark_quality (snapshot_date DATE, ward_code VARCHAR, ward_era VARCHAR, dq_records BIGINT,"
              + " dq_incorrect BIGINT, dq_incomplete BIGINT, dq_unclean BIGINT, dq_stale BIGINT, dq_clean_records BIGINT)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO spark_quality VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row row : sparkRows) {
        insert.setObject(1, ((java.sql.Date) row.get(0)).toLocalDate());
        insert.setString(2, row.getString(1));
        insert.setString(3, row.getString(2));
        for (int c = 3; c < COLUMNS.length; c++) {
          insert.setLong(c + 1, row.getLong(c));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
    String columns = String.join(", ", COLUMNS);
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM (SELECT "
                    + columns
                    + " FROM spark_quality EXCEPT ALL"
                    + " SELECT "
                    + columns
                    + " FROM m_quality)), (SELECT count(*) FROM (SELECT "
                    + columns
                    + " FROM m_quality EXCEPT ALL"
                    + " SELECT "
                    + columns
                    + " FROM spark_quality)), (SELECT count(*) FROM m_quality)")) {
      result.next();
      if (result.getLong(1) == 0
          && result.getLong(2) == 0
          && result.getLong(3) == sparkRows.size()) {
        return true;
      }
      System.err.printf(
          "bench dq: the engines disagree, no time reported: %,d ward rows only in Spark's, %,d only in DuckDB's%n",
          result.getLong(1), result.getLong(2));
      return false;
    }
  }
}
