package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * Every metric of every unit (ward or province) and month in long form: {@code unit_code, month,
 * metric, value}. A province's counts are the sums of its wards' counts; its rates are recomputed
 * from those sums, never averaged.
 */
public final class UnitMetrics {

  private UnitMetrics() {}

  /** Province rows: ward rows summed by province_code, with rates recomputed. */
  public static Dataset<Row> provinces(Dataset<Row> wardMonthKpis) {
    Set<String> counts = new LinkedHashSet<>();
    for (Metric metric : Metrics.counts()) {
      counts.add(metric.column());
    }
    counts.addAll(Metrics.HELPER_COUNTS);
    List<Column> sums = new ArrayList<>();
    for (String count : counts) {
      sums.add(sum(col(count)).as(count));
    }
    Dataset<Row> summed =
        wardMonthKpis
            .groupBy(col("province_code").as("ward_code"), col("month"))
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
    List<Column> columns =
        new ArrayList<>(
            List.of(
                col("ward_code"),
                col("month"),
                col("ward_code").as("province_code"),
                lit(null).cast("string").as("district_code")));
    for (Metric metric : Metrics.ALL) {
      columns.add(metric.isRate() ? Rates.of(metric.column()) : col(metric.column()));
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      columns.add(col(helper));
    }
    return summed.select(columns.toArray(Column[]::new));
  }

  /** Wide rows (one column per metric) → long rows {@code unit_code, month, metric, value}. */
  public static Dataset<Row> longForm(Dataset<Row> wide) {
    List<Column> entries = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      entries.add(lit(metric.column()));
      entries.add(col(metric.column()).cast("double"));
    }
    return wide.select(
        col("ward_code").as("unit_code"),
        col("month"),
        explode(map(entries.toArray(Column[]::new))).as(new String[] {"metric", "value"}));
  }
}
