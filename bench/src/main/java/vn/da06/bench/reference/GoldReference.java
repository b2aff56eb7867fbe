package vn.da06.bench.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Tables;

/**
 * Runs {@link DuckDbGold} on a warehouse's silver files and compares its result with the gold Spark
 * wrote.
 */
public final class GoldReference {

  /** Rows one engine has and the other does not, for one table (a few of each, for the message). */
  public record Difference(
      String table, long onlyInGold, long onlyInReference, List<String> samples) {
    public boolean none() {
      return onlyInGold == 0 && onlyInReference == 0;
    }
  }

  private GoldReference() {}

  /**
   * The Parquet files of the current Delta snapshot of every input of the reference computation.
   */
  public static DuckDbGold.Inputs inputs(DeltaIo io) {
    return new DuckDbGold.Inputs(
        files(io, Tables.SILVER, Feed.EID_APPLICATIONS.folder()),
        files(io, Tables.SILVER, Feed.SERVICE_DOSSIERS.folder()),
        files(io, Tables.SILVER, Feed.POPULATION.folder()),
        files(io, Tables.GOLD, Tables.DIM_WARD));
  }

  /**
   * Local paths of the data files of a table's current version (never files that later versions
   * removed).
   */
  public static List<String> files(DeltaIo io, String layer, String table) {
    return Arrays.stream(io.read(layer, table).inputFiles())
        .sorted()
        .map(file -> new org.apache.hadoop.fs.Path(file).toUri().getPath())
        .toList();
  }

  /**
   * Compares gold's {@code ward_month_kpis} and {@code ward_month_kpis_current} (their current
   * Parquet files) with the reference tables already computed in {@code connection}, cell for cell,
   * doubles exactly.
   */
  public static List<Difference> compare(Connection connection, DeltaIo io) throws SQLException {
    List<Difference> differences = new ArrayList<>();
    differences.add(
        compare(
            connection,
            files(io, Tables.GOLD, Tables.WARD_MONTH_KPIS),
            Tables.WARD_MONTH_KPIS,
            DuckDbGold.AS_OF));
    differences.add(
        compare(
            connection,
            files(io, Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT),
            Tables.WARD_MONTH_KPIS_CURRENT,
            DuckDbGold.CURRENT));
    return differences;
  }

  /**
   * Whether gold equals the reference already computed in {@code connection}; if not, says so on
   * stderr with samples, prefixed by {@code who}, and a bench reports no time.
   */
  public static boolean agree(Connection connection, DeltaIo io, String who) throws SQLException {
    List<Difference> differences = compare(connection, io);
    if (differences.stream().allMatch(Difference::none)) {
      return true;
    }
    System.err.println(who + ": the engines disagree, no time reported:");
    differences.forEach(
        d -> {
          System.err.printf(
              "  %s: %,d rows only in gold, %,d only in the reference%n",
              d.table(), d.onlyInGold(), d.onlyInReference());
          d.samples().forEach(sample -> System.err.println("    " + sample));
        });
    return false;
  }

  private static Difference compare(
      Connection connection, List<String> goldFiles, String table, String reference)
      throws SQLException {
    List<String> columns =
        new ArrayList<>(List.of("ward_code", "month", "province_code", "district_code"));
    Metrics.ALL.stream().map(Metric::column).forEach(columns::add);
    columns.addAll(Metrics.HELPER_COUNTS);
    String select = String.join(", ", columns);
    String gold =
        "read_parquet(["
            + goldFiles.stream()
                .map(f -> "'" + f.replace("'", "''") + "'")
                .collect(Collectors.joining(", "))
            + "], hive_partitioning = true, hive_types_autocast = false)";
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE TEMP VIEW gold_" + table + " AS SELECT " + select + " FROM " + gold);
      String onlyGold =
          "SELECT "
              + select
              + " FROM gold_"
              + table
              + " EXCEPT ALL SELECT "
              + select
              + " FROM "
              + reference;
      String onlyReference =
          "SELECT "
              + select
              + " FROM "
              + reference
              + " EXCEPT ALL SELECT "
              + select
              + " FROM gold_"
              + table;
      List<String> samples = new ArrayList<>();
      long inGold = count(statement, onlyGold, "gold", samples);
      long inReference = count(statement, onlyReference, "reference", samples);
      return new Difference(table, inGold, inReference, List.copyOf(samples));
    }
  }

  private static long count(Statement statement, String query, String side, List<String> samples)
      throws SQLException {
    long count;
    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM (" + query + ")")) {
      result.next();
      count = result.getLong(1);
    }
    if (count > 0) {
      try (ResultSet result =
          statement.executeQuery(query + " ORDER BY ward_code, month LIMIT 3")) {
        int width = result.getMetaData().getColumnCount();
        while (result.next()) {
          StringBuilder row = new StringBuilder("only in " + side + ":");
          for (int i = 1; i <= width; i++) {
            row.append(' ')
                .append(result.getMetaData().getColumnName(i))
                .append('=')
                .append(result.getObject(i));
          }
          samples.add(row.toString());
        }
      }
    }
    return count;
  }
}
