package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.admin.Era;

/**
 * Assembles {@code gold.ward_month_kpis} (wards as they were at the time) and {@code
 * gold.ward_month_kpis_current} (today's wards) from the monthly measures.
 *
 * <p>An event keeps the ward code it was recorded with, read against the list of its own date. In a
 * month of the other era (an activation in August 2025 of an application received in May 2025, a
 * June snapshot read in July) it counts at the current ward its old ward's primary crosswalk link
 * names. The current table maps every event that way, so for every month and count column both
 * tables hold the same national total.
 *
 * <p>Grain: one row per (ward_code, month); every ward valid in the month of every province in
 * scope, also with no events. Cumulative columns run from the first month given.
 */
public final class WardMonthKpis {

  /** Counts summed over events. */
  static final List<String> EVENT_COUNTS =
      Stream.concat(Measures.EID_COUNTS.stream(), Measures.DOSSIER_COUNTS.stream()).toList();

  static final List<String> CUMULATED =
      List.of(
          "eid_applications_l1", "eid_applications_l2", "eid_activations_l1", "eid_activations_l2");

  /**
   * The cumulative columns of gold, which an update's seeds carry: {@link #CUMULATED} suffixed
   * {@code _cum}.
   */
  public static final List<String> CUMULATIVE =
      CUMULATED.stream().map(count -> count + "_cum").toList();

  static final List<String> DQ_COUNTS = Measures.DQ_COUNTS;

  /**
   * The helper sums gold carries so that rates over several wards can be recomputed ({@link
   * Metrics#HELPER_COUNTS} but {@code dossiers_resolved_with_due}, a {@link Measures#dossiers}
   * count), each by name.
   */
  static final Map<String, Column> HELPER_SUMS =
      Map.of(
          "eid_applications_cum",
          col("eid_applications_l1_cum").plus(col("eid_applications_l2_cum")),
          "eid_activations_cum",
          col("eid_activations_l1_cum").plus(col("eid_activations_l2_cum")),
          // The denominators of online_full_rate and digitized_result_rate, NULL where their
          // numerators are: a unit's rate then sums only the wards that have a value.
          "dossiers_total_with_scope",
          when(col("dossiers_online_full").isNotNull(), col("dossiers_total")),
          "dossiers_resolved_with_digitization",
          when(col("dossiers_resolved_digitized").isNotNull(), col("dossiers_resolved")));

  /**
   * The two tables; both read the current wards' cumulative counts, which are cached once for the
   * two writes ({@link #release()} frees them).
   */
  public record Result(Dataset<Row> asOfTime, Dataset<Row> current, Dataset<Row> shared) {
    public void release() {
      shared.unpersist();
    }
  }

  private WardMonthKpis() {}

  /**
   * @param eid {@link Measures#eid} output
   * @param dossiers {@link Measures#dossiers} output (not per service)
   * @param eligible {@link Measures#eligibleBySnapshot} output
   * @param dataQuality {@link Measures#dataQualityBySnapshot} output
   * @param calendar one row per month: {@code month, eligible_snapshot} (latest snapshot on or
   *     before the month's end, or NULL) and {@code dq_snapshot} (latest snapshot in the month, or
   *     NULL)
   * @param wards the wards in scope: {@code ward_code, era, current_ward_code, province_code,
   *     district_code}
   * @param seeds NULL to cumulate from the calendar's first month; else, when the calendar starts
   *     after the reform and gold already holds the month before, that month's cumulative counts of
   *     each current ward ({@code ward_code} and the {@link #CUMULATED} columns suffixed {@code
   *     _cum}), which the new months continue
   */
  public static Result build(
      Dataset<Row> eid,
      Dataset<Row> dossiers,
      Dataset<Row> eligible,
      Dataset<Row> dataQuality,
      Dataset<Row> calendar,
      Dataset<Row> wards,
      Dataset<Row> seeds) {
    Dataset<Row> monthly =
        eid.unionByName(dossiers, true)
            .unionByName(
                eligible
                    .join(
                        calendar.select(col("month"), col("eligible_snapshot").as("snapshot_date")),
                        "snapshot_date")
                    .drop("snapshot_date"),
                true)
            .unionByName(
                dataQuality
                    .join(
                        calendar.select(col("month"), col("dq_snapshot").as("snapshot_date")),
                        "snapshot_date")
                    .drop("snapshot_date"),
                true);
    Dataset<Row> placed = placed(monthly, wards);

    List<String> measures = new ArrayList<>(EVENT_COUNTS);
    measures.add("eligible_population");
    measures.addAll(DQ_COUNTS);

    Dataset<Row> currentMonthly = sumMeasures(placed, "current_ward_code", measures);

    Dataset<Row> months = calendar.select("month");
    Dataset<Row> currentWards = wards.where(col("era").equalTo(Era.POST_REFORM.name()));
    Dataset<Row> currentGrid =
        fill(
            months.crossJoin(currentWards.select("ward_code", "province_code", "district_code")),
            currentMonthly,
            calendar);
    Dataset<Row> current = cumulate(currentGrid);
    if (seeds != null) {
      Map<String, Column> continued = new LinkedHashMap<>();
      for (String count : CUMULATED) {
        continued.put(
            count + "_cum", col(count + "_cum").plus(coalesce(col("_seed_" + count), lit(0L))));
      }
      current =
          current
              .join(broadcast(seeds.select(seedColumns())), keys("ward_code"), "left")
              .withColumns(continued)
              .drop(CUMULATED.stream().map(count -> "_seed_" + count).toArray(String[]::new));
    }
    current = current.cache();

    // From July 2025 the wards of the time are today's wards, and every event of such a month (also
    // one
    // recorded with an old ward) counts at its current ward: the as-of rows of those months are the
    // current
    // rows, cumulative figures included (the history of the old wards merged into them). Only the
    // months
    // before the reform are computed apart; an incremental update (seeds given) has none.
    Dataset<Row> afterReform =
        current.where(monthEra(col("month")).equalTo(Era.POST_REFORM.name()));
    Dataset<Row> asOf = afterReform;
    if (seeds == null) {
      Dataset<Row> asOfGrid =
          months
              .crossJoin(wards.select("ward_code", "era", "province_code", "district_code"))
              .where(monthEra(col("month")).equalTo(Era.PRE_REFORM.name()))
              .where(col("era").equalTo(Era.PRE_REFORM.name()))
              .drop("era");
      asOf =
          cumulate(fill(asOfGrid, sumMeasures(placed, "asof_ward", measures), calendar))
              .unionByName(afterReform);
    }
    return new Result(finish(asOf), finish(current), current);
  }

  /**
   * The one rule that places a measure on wards: each row of {@code measures} ({@code ward_code,
   * ward_era, month} and counts) with {@code current_ward_code}, the current ward its ward's
   * primary crosswalk link names (today's wards), and {@code asof_ward}, the ward of the time: its
   * own ward in a month of its ward's era, else that current ward. Rows of wards not in {@code
   * wards} are dropped.
   *
   * @param wards the wards in scope: {@code ward_code, era, current_ward_code}
   */
  public static Dataset<Row> placed(Dataset<Row> measures, Dataset<Row> wards) {
    Dataset<Row> crosswalk =
        wards.select(col("ward_code").as("_code"), col("era").as("_era"), col("current_ward_code"));
    return measures
        .join(
            broadcast(crosswalk),
            col("ward_code").equalTo(col("_code")).and(col("ward_era").equalTo(col("_era"))))
        .withColumn(
            "asof_ward",
            when(monthEra(col("month")).equalTo(col("ward_era")), col("ward_code"))
                .otherwise(col("current_ward_code")));
  }

  /** Join keys as Spark's Scala API wants them. */
  public static scala.collection.immutable.Seq<String> keys(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  /** The era of a month written yyyy-MM. */
  static Column monthEra(Column month) {
    return BronzeTransforms.era(concat(month, lit("-01")).cast("date"));
  }

  private static Dataset<Row> sumMeasures(
      Dataset<Row> placed, String wardColumn, List<String> measures) {
    List<Column> sums = new ArrayList<>();
    for (String measure : measures) {
      sums.add(sum(col(measure)).as(measure));
    }
    return placed
        .where(col(wardColumn).isNotNull())
        .groupBy(col(wardColumn).as("ward_code"), col("month"))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  /**
   * Grid ⟕ measures: event counts 0 where nothing happened (the exported-only counts NULL);
   * snapshot figures NULL where no snapshot applies.
   */
  private static Dataset<Row> fill(Dataset<Row> grid, Dataset<Row> monthly, Dataset<Row> calendar) {
    // One projection, not one withColumn per count (each withColumn analyses the whole plan again).
    Map<String, Column> filled = new LinkedHashMap<>();
    for (String count : EVENT_COUNTS) {
      // A month without dossiers from an export carrying the column stays NULL (not 0).
      filled.put(
          count,
          Measures.EXPORTED_ONLY_COUNTS.contains(count)
              ? col(count)
              : coalesce(col(count), lit(0L)));
    }
    filled.put(
        "eligible_population",
        when(col("eligible_snapshot").isNotNull(), coalesce(col("eligible_population"), lit(0L))));
    for (String count : DQ_COUNTS) {
      filled.put(count, when(col("dq_snapshot").isNotNull(), coalesce(col(count), lit(0L))));
    }
    return grid.join(monthly, keys("ward_code", "month"), "left")
        .join(calendar, "month")
        .withColumns(filled)
        .drop("eligible_snapshot", "dq_snapshot");
  }

  private static Dataset<Row> cumulate(Dataset<Row> filled) {
    WindowSpec toDate =
        Window.partitionBy("ward_code")
            .orderBy("month")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Map<String, Column> cumulative = new LinkedHashMap<>();
    for (String count : CUMULATED) {
      cumulative.put(count + "_cum", sum(col(count)).over(toDate));
    }
    return filled.withColumns(cumulative);
  }

  private static Column[] seedColumns() {
    List<Column> columns = new ArrayList<>(List.of(col("ward_code")));
    for (String count : CUMULATED) {
      columns.add(col(count + "_cum").as("_seed_" + count));
    }
    return columns.toArray(Column[]::new);
  }

  /**
   * Helper sums, every rate from its numerator and denominator, and the contract's column order.
   */
  public static Dataset<Row> finish(Dataset<Row> kpis) {
    Dataset<Row> withHelpers = kpis.withColumns(HELPER_SUMS);
    List<Column> columns =
        new ArrayList<>(
            List.of(col("ward_code"), col("month"), col("province_code"), col("district_code")));
    for (Metric metric : Metrics.ALL) {
      columns.add(
          metric.isRate()
              ? Rates.of(metric.column())
              : col(metric.column()).cast("bigint").as(metric.column()));
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      columns.add(col(helper).cast("bigint").as(helper));
    }
    return withHelpers.select(columns.toArray(Column[]::new));
  }

  /** A rate: NULL where the denominator is 0 or unknown ({@link Rates#rate}). */
  public static Column rate(Column numerator, Column denominator) {
    return Rates.rate(numerator, denominator);
  }
}
