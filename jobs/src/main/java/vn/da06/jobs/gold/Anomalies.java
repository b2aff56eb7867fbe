package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.warehouse.AnomalyReasons;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.admin.Era;

/**
 * {@code gold.anomalies}: the figures that look wrong, on today's wards, each with a sentence a
 * chair can read. Methods ({@link AnomalyRules} holds every threshold):
 *
 * <ul>
 *   <li>{@code ward_history}: a monthly count far from the ward's own last {@code history_months}
 *       (median and MAD, modified z-score 0.6745·(x − median)/MAD), also by a factor;
 *   <li>{@code peer}: the ward's growth against its median, ln((x+1)/(median+1)), far from that of
 *       the province's other wards the same month (median and MAD of the growths);
 *   <li>{@code drop_to_zero}: 0 after {@code drop_months} months each above 0;
 *   <li>{@code cumulative_decrease}: a cumulative count lower than the month before;
 *   <li>{@code population_shift}: the eligible population moving more than a share between two
 *       snapshots;
 *   <li>{@code daily_mismatch}: the days a ward's daily report differs from the system's count
 *       beyond a tolerance, in a month with several such days.
 * </ul>
 *
 * A surge (upwards) of a metric inside a campaign that targets it — a live target of the ward or
 * its province on that metric (targets feed) — is expected, not flagged.
 *
 * <p>Incremental: a month's rows read only its history ({@code history_months} before it) from
 * {@code gold.ward_month_kpis_current}; {@link #historyFrom} says from which month to read.
 */
public final class Anomalies {

  /** Columns of the candidates {@link #candidates} returns, before the reasons. */
  static final List<String> CANDIDATE_COLUMNS =
      List.of(
          "unit_code",
          "period",
          "period_type",
          "month",
          "metric",
          "method",
          "value",
          "expected_low",
          "expected_high",
          "score",
          "reference",
          "reference2",
          "detail");

  /** The table's schema, in contract order, then {@code month} (the partition). */
  public static final StructType SCHEMA =
      new StructType()
          .add("unit_code", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, false)
          .add("period_type", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, true)
          .add("expected_low", DataTypes.DoubleType, true)
          .add("expected_high", DataTypes.DoubleType, true)
          .add("method", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, true)
          .add("reason_vi", DataTypes.StringType, false)
          .add("reason_en", DataTypes.StringType, false)
          .add("detected_at", DataTypes.TimestampType, false)
          .add("month", DataTypes.StringType, false);

  private static final double Z = 0.6745;

  private Anomalies() {}

  /** The first month whose gold rows the anomalies of months from {@code fromMonth} on read. */
  public static String historyFrom(String fromMonth, AnomalyRules rules) {
    return YearMonth.parse(fromMonth).minusMonths(rules.historyMonths()).toString();
  }

  /**
   * Expected surges: where a campaign targets a metric. One row per (current ward, metric, from
   * month, to month).
   *
   * @param targets silver targets: unit_code, metric, period_start, deadline
   * @param dimWard gold.dim_ward rows (ward_code of either era, current_ward_code,
   *     current_province_code)
   */
  public static Dataset<Row> expectedSurges(
      SparkSession spark, Dataset<Row> targets, Dataset<Row> dimWard, AnomalyRules rules) {
    List<Row> rows = new ArrayList<>();
    for (Row target :
        targets
            .select(
                col("unit_code"),
                col("metric"),
                date_format(col("period_start"), "yyyy-MM"),
                date_format(col("deadline"), "yyyy-MM"))
            .distinct()
            .collectAsList()) {
      // A ward code names the ward of the list in force when the campaign started.
      String era =
          target.getString(2).compareTo(YearMonth.from(Era.REFORM_DATE).toString()) < 0
              ? Era.PRE_REFORM.name()
              : Era.POST_REFORM.name();
      for (String metric : rules.expectedBy(target.getString(1))) {
        rows.add(
            RowFactory.create(
                target.getString(0), era, metric, target.getString(2), target.getString(3)));
      }
    }
    Dataset<Row> byUnit =
        spark.createDataFrame(
            rows,
            new StructType()
                .add("target_unit", DataTypes.StringType)
                .add("target_era", DataTypes.StringType)
                .add("metric", DataTypes.StringType)
                .add("from_month", DataTypes.StringType)
                .add("to_month", DataTypes.StringType));
    Dataset<Row> wards =
        dimWard
            .where(col("current_ward_code").isNotNull())
            .select("ward_code", "era", "current_ward_code", "current_province_code");
    Dataset<Row> ofWard =
        byUnit.join(
            broadcast(wards),
            col("target_unit")
                .equalTo(col("ward_code"))
                .and(col("target_era").equalTo(col("era"))));
    Dataset<Row> ofProvince =
        byUnit.join(broadcast(wards), col("target_unit").equalTo(col("current_province_code")));
    return ofWard
        .unionByName(ofProvince)
        .select(
            col("current_ward_code").as("ward_code"),
            col("metric"),
            col("from_month"),
            col("to_month"))
        .distinct();
  }

  /**
   * The anomalies of the months from {@code fromMonth} on (every month when NULL), before their
   * reasons: {@link #CANDIDATE_COLUMNS}.
   *
   * @param kpisCurrent gold.ward_month_kpis_current from {@link #historyFrom} on (or all)
   * @param daily gold.daily_report_check from {@code fromMonth} on (or all)
   * @param expected {@link #expectedSurges}
   * @param wards ward_code, era, current_ward_code (gold.dim_ward)
   */
  public static Dataset<Row> candidates(
      Dataset<Row> kpisCurrent,
      Dataset<Row> daily,
      Dataset<Row> expected,
      Dataset<Row> wards,
      String fromMonth,
      AnomalyRules rules) {
    Column inScope = fromMonth == null ? lit(true) : col("month").geq(fromMonth);
    Dataset<Row> counts = longForm(kpisCurrent, rules.metrics());
    Dataset<Row> monthly =
        history(counts, rules)
            .where(inScope)
            .join(
                expected.withColumnRenamed("ward_code", "_w").withColumnRenamed("metric", "_m"),
                col("ward_code")
                    .equalTo(col("_w"))
                    .and(col("metric").equalTo(col("_m")))
                    .and(col("month").between(col("from_month"), col("to_month"))),
                "left")
            .withColumn("expected_surge", col("_w").isNotNull())
            .drop("_w", "_m", "from_month", "to_month")
            .dropDuplicates("ward_code", "metric", "month")
            // Materialised for the five methods below, outside Spark's cache manager: a cached plan
            // over gold's tables would be re-analysed (and fail) when the caller unpersists dimWard
            // after a later write changed those tables.
            .localCheckpoint();
    List<Dataset<Row>> found = new ArrayList<>();
    found.add(wardHistory(monthly, rules));
    found.add(peer(monthly, rules));
    found.add(dropToZero(monthly, rules));
    found.add(
        cumulativeDecrease(
            longForm(
                kpisCurrent,
                rules.metrics().stream()
                    .map(m -> m + "_cum")
                    .filter(WardMonthKpis.CUMULATIVE::contains)
                    .toList()),
            inScope));
    found.add(
        populationShift(longForm(kpisCurrent, List.of("eligible_population")), inScope, rules));
    found.add(dailyMismatch(daily.where(inScope), wards, rules));
    Dataset<Row> all = found.get(0);
    for (Dataset<Row> more : found.subList(1, found.size())) {
      all = all.unionByName(more);
    }
    return all;
  }

  /** ward_code, province_code, month, metric, value (DOUBLE) of the columns named. */
  static Dataset<Row> longForm(Dataset<Row> kpis, List<String> metrics) {
    List<Column> columns =
        new ArrayList<>(List.of(col("ward_code"), col("province_code"), col("month")));
    metrics.forEach(m -> columns.add(col(m).cast("double").as(m)));
    return kpis.select(columns.toArray(Column[]::new))
        .unpivot(
            new Column[] {col("ward_code"), col("province_code"), col("month")},
            metrics.stream().map(m -> col(m)).toArray(Column[]::new),
            "metric",
            "value");
  }

  /** The median of an array column (SQL), averaging the two middle values of an even count. */
  static Column median(String array) {
    String sorted = "array_sort(" + array + ")";
    String n = "size(" + array + ")";
    String half = "CAST(" + n + " div 2 AS INT)";
    return expr(
        "CASE WHEN "
            + n
            + " <= 0 THEN NULL WHEN "
            + n
            + " % 2 = 1 THEN element_at("
            + sorted
            + ", "
            + half
            + " + 1) ELSE (element_at("
            + sorted
            + ", "
            + half
            + ") + element_at("
            + sorted
            + ", "
            + half
            + " + 1)) / 2 END");
  }

  /** Each row with its history: hist_n, hist_median, hist_mad, and the drop window's figures. */
  private static Dataset<Row> history(Dataset<Row> counts, AnomalyRules rules) {
    WindowSpec series = Window.partitionBy("ward_code", "metric").orderBy("month");
    WindowSpec window = series.rowsBetween(-rules.historyMonths(), -1);
    WindowSpec dropWindow = series.rowsBetween(-rules.dropMonths(), -1);
    return counts
        .where(col("value").isNotNull())
        .withColumn("_hist", collect_list(col("value")).over(window))
        .withColumn("_drop", collect_list(col("value")).over(dropWindow))
        .withColumn("hist_n", size(col("_hist")))
        .withColumn("hist_median", median("_hist"))
        .withColumn("_dev", expr("transform(_hist, v -> abs(v - hist_median))"))
        .withColumn("hist_mad", median("_dev"))
        .withColumn("drop_n", size(col("_drop")))
        .withColumn("drop_min", array_min(col("_drop")))
        .withColumn("drop_max", array_max(col("_drop")))
        .withColumn("drop_median", median("_drop"))
        .drop("_hist", "_dev", "_drop");
  }

  private static Dataset<Row> wardHistory(Dataset<Row> monthly, AnomalyRules rules) {
    Column scale = greatest(col("hist_mad"), lit(rules.madFloor()));
    Column z = lit(Z).multiply(col("value").minus(col("hist_median"))).divide(scale);
    Column spread = lit(rules.historyZ()).multiply(scale).divide(Z);
    Dataset<Row> scored =
        monthly
            .where(col("hist_n").geq(rules.minHistoryMonths()))
            .withColumn("score", z)
            .where(flagged(col("score"), rules.historyZ(), rules));
    return candidate(
        scored,
        AnomalyRules.WARD_HISTORY,
        greatest(col("hist_median").minus(spread), lit(0.0)),
        col("hist_median").plus(spread),
        col("hist_median"),
        lit(null).cast("double"));
  }

  /** High: z ≥ threshold, a surge by min_change and min_ratio, not expected; low: mirrored. */
  private static Column flagged(Column z, double threshold, AnomalyRules rules) {
    Column high =
        z.geq(threshold)
            .and(col("value").minus(col("hist_median")).geq(rules.minChange()))
            .and(col("value").geq(col("hist_median").multiply(rules.minRatio())))
            .and(col("expected_surge").equalTo(false));
    Column low =
        z.leq(-threshold)
            .and(col("hist_median").minus(col("value")).geq(rules.minChange()))
            .and(col("value").multiply(rules.minRatio()).leq(col("hist_median")));
    return high.or(low);
  }

  private static Dataset<Row> peer(Dataset<Row> monthly, AnomalyRules rules) {
    Column growth = log(col("value").plus(1)).minus(log(col("hist_median").plus(1)));
    Dataset<Row> withGrowth =
        monthly.where(col("hist_n").geq(rules.minHistoryMonths())).withColumn("growth", growth);
    Dataset<Row> peers =
        withGrowth
            .groupBy("province_code", "metric", "month")
            .agg(collect_list(col("growth")).as("_g"), count("*").as("peer_n"))
            .withColumn("peer_median", median("_g"))
            .withColumn("_gdev", expr("transform(_g, v -> abs(v - peer_median))"))
            .withColumn("peer_mad", median("_gdev"))
            .drop("_g", "_gdev")
            .where(col("peer_n").geq(rules.peerMinWards()));
    Column scale = greatest(col("peer_mad"), lit(rules.peerMadFloor()));
    Column spread = lit(rules.peerZ()).multiply(scale).divide(Z);
    Column base = col("hist_median").plus(1);
    Dataset<Row> scored =
        withGrowth
            .join(peers, WardMonthKpis.keys("province_code", "metric", "month"))
            .withColumn(
                "score", lit(Z).multiply(col("growth").minus(col("peer_median"))).divide(scale))
            .where(flagged(col("score"), rules.peerZ(), rules));
    return candidate(
        scored,
        AnomalyRules.PEER,
        greatest(base.multiply(exp(col("peer_median").minus(spread))).minus(1), lit(0.0)),
        base.multiply(exp(col("peer_median").plus(spread))).minus(1),
        col("hist_median"),
        exp(col("peer_median")));
  }

  private static Dataset<Row> dropToZero(Dataset<Row> monthly, AnomalyRules rules) {
    Dataset<Row> dropped =
        monthly
            .where(col("value").equalTo(0))
            .where(col("drop_n").equalTo(rules.dropMonths()))
            .where(col("drop_min").gt(0))
            .where(col("drop_median").geq(rules.dropMinMedian()))
            .withColumn("score", lit(null).cast("double"));
    return candidate(
        dropped,
        AnomalyRules.DROP_TO_ZERO,
        col("drop_min"),
        col("drop_max"),
        col("drop_median"),
        lit(null).cast("double"));
  }

  private static Dataset<Row> cumulativeDecrease(Dataset<Row> cumulative, Column inScope) {
    WindowSpec series = Window.partitionBy("ward_code", "metric").orderBy("month");
    Dataset<Row> down =
        cumulative
            .withColumn("previous", lag(col("value"), 1).over(series))
            .where(inScope)
            .where(col("previous").isNotNull().and(col("value").lt(col("previous"))))
            .withColumn("score", col("value").minus(col("previous")));
    return candidate(
        down,
        AnomalyRules.CUMULATIVE_DECREASE,
        col("previous"),
        lit(null).cast("double"),
        col("previous"),
        lit(null).cast("double"));
  }

  private static Dataset<Row> populationShift(
      Dataset<Row> eligible, Column inScope, AnomalyRules rules) {
    WindowSpec series = Window.partitionBy("ward_code", "metric").orderBy("month");
    Column change = col("value").minus(col("previous"));
    Dataset<Row> shifted =
        eligible
            .where(col("value").isNotNull())
            .withColumn("previous", lag(col("value"), 1).over(series))
            .where(inScope)
            .where(col("previous").gt(0))
            .where(abs(change).gt(col("previous").multiply(rules.populationShare())))
            .where(abs(change).geq(rules.populationMinChange()))
            .withColumn("score", change.divide(col("previous")));
    return candidate(
        shifted,
        AnomalyRules.POPULATION_SHIFT,
        col("previous").multiply(1 - rules.populationShare()),
        col("previous").multiply(1 + rules.populationShare()),
        col("previous"),
        lit(null).cast("double"));
  }

  private static Dataset<Row> dailyMismatch(
      Dataset<Row> daily, Dataset<Row> wards, AnomalyRules rules) {
    Dataset<Row> crosswalk =
        wards.select(col("ward_code").as("_code"), col("era").as("_era"), col("current_ward_code"));
    Dataset<Row> byDay =
        daily
            .where(col("submitted_at").isNotNull())
            .join(
                broadcast(crosswalk),
                col("ward_code")
                    .equalTo(col("_code"))
                    .and(WardMonthKpis.monthEra(col("month")).equalTo(col("_era"))))
            .groupBy(col("current_ward_code").as("unit_code"), col("report_date"), col("month"))
            .agg(
                sum("reported_l2_applications").cast("double").as("rep_app"),
                sum("reported_l2_activations").cast("double").as("rep_act"),
                sum("system_l2_applications").cast("double").as("sys_app"),
                sum("system_l2_activations").cast("double").as("sys_act"));
    Column appTolerance =
        greatest(lit(rules.dailyTolerance()), col("sys_app").multiply(rules.dailyShare()));
    Column actTolerance =
        greatest(lit(rules.dailyTolerance()), col("sys_act").multiply(rules.dailyShare()));
    Column appOff = abs(col("rep_app").minus(col("sys_app"))).gt(appTolerance);
    Column actOff = abs(col("rep_act").minus(col("sys_act"))).gt(actTolerance);
    Dataset<Row> off = byDay.withColumn("_app_off", appOff).where(appOff.or(actOff));
    WindowSpec month = Window.partitionBy("unit_code", "month");
    Dataset<Row> flagged =
        off.withColumn("days", count("*").over(month)).where(col("days").geq(rules.dailyMinDays()));
    Column app = col("_app_off");
    Column system = when(app, col("sys_app")).otherwise(col("sys_act"));
    Column tolerance = when(app, appTolerance).otherwise(actTolerance);
    return flagged.select(
        col("unit_code"),
        date_format(col("report_date"), "yyyy-MM-dd").as("period"),
        lit("day").as("period_type"),
        col("month"),
        lit(AnomalyRules.DAILY_REPORT).as("metric"),
        lit(AnomalyRules.DAILY_MISMATCH).as("method"),
        when(app, col("rep_app")).otherwise(col("rep_act")).as("value"),
        greatest(system.minus(tolerance), lit(0.0)).as("expected_low"),
        system.plus(tolerance).as("expected_high"),
        col("days").cast("double").as("score"),
        system.as("reference"),
        col("days").cast("double").as("reference2"),
        when(app, lit("l2_applications")).otherwise(lit("l2_activations")).as("detail"));
  }

  private static Dataset<Row> candidate(
      Dataset<Row> rows,
      String method,
      Column low,
      Column high,
      Column reference,
      Column reference2) {
    return rows.select(
        col("ward_code").as("unit_code"),
        col("month").as("period"),
        lit("month").as("period_type"),
        col("month"),
        col("metric"),
        lit(method).as("method"),
        col("value").cast("double").as("value"),
        low.cast("double").as("expected_low"),
        high.cast("double").as("expected_high"),
        col("score").cast("double").as("score"),
        reference.cast("double").as("reference"),
        reference2.cast("double").as("reference2"),
        lit(null).cast("string").as("detail"));
  }

  /**
   * The table's rows ({@link #SCHEMA}) of the candidates, each with its reasons: few rows, built on
   * the driver.
   */
  public static List<Row> withReasons(List<Row> candidates, AnomalyRules rules, Instant detected) {
    Timestamp at = Timestamp.from(detected);
    List<Row> rows = new ArrayList<>();
    for (Row c : candidates) {
      AnomalyReasons.Finding finding =
          new AnomalyReasons.Finding(
              c.getAs("unit_code"),
              c.getAs("period"),
              c.getAs("period_type"),
              c.getAs("metric"),
              c.getAs("method"),
              c.<Double>getAs("value"),
              c.getAs("expected_low"),
              c.getAs("expected_high"),
              c.getAs("score"),
              c.getAs("reference"),
              c.getAs("reference2"),
              c.getAs("detail"),
              c.<String>getAs("method").equals(AnomalyRules.DROP_TO_ZERO)
                  ? rules.dropMonths()
                  : rules.historyMonths());
      rows.add(
          new GenericRowWithSchema(
              new Object[] {
                finding.unitCode(),
                finding.period(),
                finding.periodType(),
                finding.metric(),
                finding.value(),
                finding.expectedLow(),
                finding.expectedHigh(),
                finding.method(),
                finding.score(),
                AnomalyReasons.vi(finding),
                AnomalyReasons.en(finding),
                at,
                c.<String>getAs("month")
              },
              SCHEMA));
    }
    return rows;
  }
}
