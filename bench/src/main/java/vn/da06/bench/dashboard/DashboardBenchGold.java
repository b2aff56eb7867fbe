package vn.da06.bench.dashboard;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.gold.Dimensions;
import vn.da06.jobs.gold.WardMonthKpis;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.AdminUnitsLoader;
import vn.da06.warehouse.admin.Era;

/**
 * The gold of {@code ./da06 bench dashboard}: every ward of the country (both lists of the admin
 * units) over 60 months, from synthetic monthly measures put through the pipeline's own gold step
 * ({@link WardMonthKpis#build}, {@link Dimensions#wards}), so the tables have exactly the
 * warehouse's schema. The figures are made up (a hash of ward and month), not generated from feeds:
 * the bench measures the dashboard, not the pipeline. Written once into {@code <warehouse>}; a
 * warehouse already there is kept.
 *
 * <p>{@code gold.service_month}, {@code gold.daily_report_check} and {@code gold.target_progress}
 * are not written (pages that read them show "no data").
 */
public final class DashboardBenchGold {
  public static final YearMonth FIRST = YearMonth.of(2021, 11);
  public static final YearMonth LAST = YearMonth.of(2026, 10);

  private DashboardBenchGold() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("da06: usage: DashboardBenchGold <warehouse folder>");
      System.exit(2);
    }
    Path warehouse = Path.of(args[0]).toAbsolutePath();
    if (Files.isDirectory(
        warehouse.resolve("gold").resolve(Tables.WARD_MONTH_KPIS_CURRENT).resolve("_delta_log"))) {
      System.err.println(
          "da06: bench gold already in " + warehouse + " (delete it to write it again)");
      return;
    }
    long started = System.nanoTime();
    System.setProperty("spark.master", System.getProperty("spark.master", "local[2]"));
    System.setProperty("spark.sql.shuffle.partitions", "4");
    SparkSession spark = SparkSessions.getOrCreate("da06-bench-dashboard-gold");
    try {
      write(spark, AdminUnitsLoader.load(null), warehouse);
    } finally {
      spark.stop();
    }
    System.err.printf(
        "da06: bench gold written to %s in %d s%n",
        warehouse, (System.nanoTime() - started) / 1_000_000_000);
  }

  static void write(SparkSession spark, AdminUnits units, Path warehouse) {
    DeltaIo io = new DeltaIo(spark, warehouse.toString());
    Dataset<Row> dimWard = Dimensions.wards(spark, units).cache();
    // Every ward with a crosswalk link (or a current ward) is in scope, as the pipeline keeps them.
    Dataset<Row> wards =
        dimWard
            .where(
                col("current_ward_code").isNotNull().and(col("current_province_code").isNotNull()))
            .select("ward_code", "era", "current_ward_code", "province_code", "district_code")
            .cache();

    List<Row> calendarRows = new ArrayList<>();
    for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
      java.sql.Date snapshot = java.sql.Date.valueOf(month.atDay(15));
      calendarRows.add(RowFactory.create(month.toString(), snapshot, snapshot));
    }
    Dataset<Row> calendar =
        spark
            .createDataFrame(
                calendarRows,
                new StructType()
                    .add("month", DataTypes.StringType, false)
                    .add("eligible_snapshot", DataTypes.DateType, true)
                    .add("dq_snapshot", DataTypes.DateType, true))
            .cache();

    // A ward gets events in the months of its own era.
    Column era =
        org.apache
            .spark
            .sql
            .functions
            .when(
                col("month").lt(Era.REFORM_DATE.toString().substring(0, 7)),
                lit(Era.PRE_REFORM.name()))
            .otherwise(lit(Era.POST_REFORM.name()));
    Dataset<Row> grid =
        wards
            .select(col("ward_code"), col("era").as("ward_era"))
            .crossJoin(calendar.select("month", "eligible_snapshot"))
            .where(col("ward_era").equalTo(era));

    Dataset<Row> eid =
        grid.select(
            col("ward_code"),
            col("ward_era"),
            col("month"),
            count("a1", 40),
            count("a2", 120),
            count("v1", 35),
            count("v2", 100));
    eid =
        eid.select(
            col("ward_code"),
            col("ward_era"),
            col("month"),
            col("a1").as("eid_applications_l1"),
            col("a2").as("eid_applications_l2"),
            least(col("v1"), col("a1")).as("eid_activations_l1"),
            least(col("v2"), col("a2")).as("eid_activations_l2"));
    Dataset<Row> dossiers =
        grid.select(
                col("ward_code"),
                col("ward_era"),
                col("month"),
                count("t", 300),
                count("o", 300),
                count("et", 150),
                count("eo", 150),
                count("vn", 100),
                count("r", 280),
                count("rt", 280))
            .select(
                col("ward_code"),
                col("ward_era"),
                col("month"),
                col("t").as("dossiers_total"),
                least(col("o"), col("t")).as("dossiers_online"),
                least(col("et"), col("t")).as("essential_dossiers_total"),
                least(col("eo"), col("et"), col("o")).as("essential_dossiers_online"),
                least(col("vn"), col("o")).as("dossiers_online_vneid"),
                col("r").as("dossiers_resolved"),
                least(col("rt"), col("r")).as("dossiers_resolved_on_time"),
                col("r").as("dossiers_resolved_with_due"));
    Dataset<Row> eligible =
        grid.select(
            col("eligible_snapshot").as("snapshot_date"),
            col("ward_code"),
            col("ward_era"),
            count("e", 9000).plus(3000).as("eligible_population"));
    Dataset<Row> quality =
        grid.select(
                col("eligible_snapshot").as("snapshot_date"),
                col("ward_code"),
                col("ward_era"),
                count("n", 9000).plus(4000).as("dq_records"),
                count("i", 200),
                count("c", 200),
                count("u", 200),
                count("s", 400))
            .select(
                col("snapshot_date"),
                col("ward_code"),
                col("ward_era"),
                col("dq_records"),
                col("i").as("dq_incorrect"),
                col("c").as("dq_incomplete"),
                col("u").as("dq_unclean"),
                col("s").as("dq_stale"),
                col("dq_records")
                    .minus(col("i"))
                    .minus(col("c"))
                    .minus(col("u"))
                    .minus(col("s"))
                    .as("dq_clean_records"));

    WardMonthKpis.Result kpis =
        WardMonthKpis.build(eid, dossiers, eligible, quality, calendar, wards, null);
    io.overwrite(dimWard, Tables.GOLD, Tables.DIM_WARD);
    io.overwrite(Dimensions.services(spark, List.of()), Tables.GOLD, Tables.DIM_SERVICE);
    io.overwrite(kpis.asOfTime(), Tables.GOLD, Tables.WARD_MONTH_KPIS, "month");
    io.overwrite(kpis.current(), Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT, "month");
    long asOf = io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS).count();
    long current = io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT).count();
    long currentWards = dimWard.where(col("era").equalTo(Era.POST_REFORM.name())).count();
    System.err.printf(
        "da06: bench gold: %d current wards, %s to %s; gold.ward_month_kpis %d rows,"
            + " gold.ward_month_kpis_current %d rows%n",
        currentWards, FIRST, LAST, asOf, current);
  }

  /** A made-up count in [0, bound): a hash of the ward, the month and the name. */
  private static Column count(String name, int bound) {
    return pmod(abs(hash(col("ward_code"), col("month"), lit(name))), lit(bound))
        .cast("bigint")
        .as(name);
  }
}
