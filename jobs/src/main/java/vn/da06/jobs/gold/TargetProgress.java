package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * {@code gold.target_progress}: each target (chỉ tiêu) against the actual figure of its unit, for
 * every month from the target's start to its deadline (or the last month the warehouse holds).
 *
 * <p>The pace is that of the last month of data (the gold grain is the month, so "the last 4 weeks"
 * is the month's change spread over its days): {@code projected_at_deadline = actual + pace × days
 * left}, rates kept within [0, 1]. {@code daily_pace_needed} is what is still missing per remaining
 * day. Attainment and on_track honour the metric's direction ({@link Metric#attainment}): a target
 * on a lower-is-better metric is met at or below its value.
 */
public final class TargetProgress {

  private TargetProgress() {}

  /**
   * @param targets silver targets: unit_code, metric, target_value, period_start, deadline,
   *     campaign
   * @param unitMetrics {@link UnitMetrics#longForm} of wards and provinces: unit_code, month,
   *     metric, value
   * @param months the months the warehouse holds: month
   */
  public static Dataset<Row> build(
      Dataset<Row> targets, Dataset<Row> unitMetrics, Dataset<Row> months) {
    Column start = date_format(col("period_start"), "yyyy-MM");
    Column end = date_format(col("deadline"), "yyyy-MM");
    Dataset<Row> perMonth =
        targets
            .crossJoin(months.select(col("month").as("as_of_month")))
            .where(col("as_of_month").geq(start).and(col("as_of_month").leq(end)));
    Dataset<Row> now =
        unitMetrics.select(
            col("unit_code"),
            col("month").as("as_of_month"),
            col("metric"),
            col("value").as("actual"));
    Dataset<Row> before =
        unitMetrics.select(
            col("unit_code"),
            col("month").as("previous_month"),
            col("metric"),
            col("value").as("previous"));
    Column asOfDate =
        least(last_day(concat(col("as_of_month"), lit("-01")).cast("date")), col("deadline"));
    Column daysLeft = greatest(datediff(col("deadline"), asOfDate), lit(0));
    Column daysInMonth = dayofmonth(last_day(concat(col("as_of_month"), lit("-01")).cast("date")));
    Column pace = col("actual").minus(coalesce(col("previous"), lit(0.0))).divide(daysInMonth);
    Column isRate = col("metric").isin(Metrics.rates().stream().map(Metric::column).toArray());
    // A target on a lower-is-better metric (dq_incorrect …) is met at or below its value.
    Column lowerIsBetter =
        col("metric")
            .isin(
                Metrics.ALL.stream()
                    .filter(metric -> metric.direction() == Metric.Direction.LOWER_IS_BETTER)
                    .map(Metric::column)
                    .toArray());
    Column projected = col("actual").plus(pace.multiply(daysLeft));
    Column projectedBounded =
        when(isRate, least(greatest(projected, lit(0.0)), lit(1.0))).otherwise(projected);
    return perMonth
        .withColumn(
            "previous_month",
            date_format(
                add_months(concat(col("as_of_month"), lit("-01")).cast("date"), -1), "yyyy-MM"))
        .join(now, WardMonthKpis.keys("unit_code", "metric", "as_of_month"), "left")
        .join(before, WardMonthKpis.keys("unit_code", "metric", "previous_month"), "left")
        .withColumn("days_left", daysLeft)
        .withColumn("projected_at_deadline", when(col("actual").isNotNull(), projectedBounded))
        .select(
            col("unit_code"),
            col("metric"),
            col("campaign"),
            col("target_value"),
            col("period_start"),
            col("deadline"),
            col("as_of_month"),
            col("actual"),
            when(
                    lowerIsBetter,
                    when(col("actual").equalTo(0), lit(1.0))
                        .otherwise(WardMonthKpis.rate(col("target_value"), col("actual"))))
                .otherwise(WardMonthKpis.rate(col("actual"), col("target_value")))
                .as("attainment"),
            col("projected_at_deadline"),
            when(lowerIsBetter, col("projected_at_deadline").leq(col("target_value")))
                .otherwise(col("projected_at_deadline").geq(col("target_value")))
                .as("on_track"),
            col("days_left"),
            when(
                    col("days_left").gt(0),
                    greatest(
                            when(lowerIsBetter, col("actual").minus(col("target_value")))
                                .otherwise(col("target_value").minus(col("actual"))),
                            lit(0.0))
                        .divide(col("days_left")))
                .as("daily_pace_needed"));
  }
}
