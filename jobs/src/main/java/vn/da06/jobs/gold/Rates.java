package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * Every rate column of gold, by name. A rate is computed from the count columns of its own row,
 * never averaged; its numerator and denominator are the ones {@link Metrics} defines for it, read
 * from there, so they are defined once.
 */
public final class Rates {

  /**
   * The rate columns gold computes, in no particular order (gold's order is {@link Metrics#ALL}).
   */
  static final List<String> COLUMNS =
      List.of(
          "eid_activation_rate",
          "eid_l2_coverage_rate",
          "online_rate",
          "essential_online_rate",
          "vneid_login_rate",
          "on_time_rate",
          "online_full_rate",
          "online_payment_rate",
          "digitized_result_rate",
          "dq_clean_rate");

  private Rates() {}

  /** The rate named, over the numerator and denominator columns of the same row. */
  static Column of(String column) {
    if (!COLUMNS.contains(column)) {
      throw new IllegalArgumentException(
          "Cannot compute rate "
              + column
              + ": gold has no Spark rate of that name (add it to Rates.COLUMNS)");
    }
    Metric metric =
        Metrics.byColumn(column)
            .filter(Metric::isRate)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Cannot compute rate "
                            + column
                            + ": Metrics defines no rate of that name (define it in"
                            + " vn.da06.warehouse.Metrics)"));
    return rate(col(metric.numerator()), col(metric.denominator())).as(column);
  }

  /** A rate: NULL where the denominator is 0 or unknown. */
  public static Column rate(Column numerator, Column denominator) {
    return when(
        denominator.isNotNull().and(denominator.notEqual(0)),
        numerator.cast("double").divide(denominator));
  }
}
