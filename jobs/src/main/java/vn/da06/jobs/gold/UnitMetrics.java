package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.RollUp;

/**
 * Every metric of every unit (ward or province) and month in long form: {@code unit_code, month,
 * metric, value}. A province's counts are the sums of its wards' counts; its rates are recomputed
 * from those sums, never averaged.
 */
public final class UnitMetrics {

  private UnitMetrics() {}

  /**
   * Province rows: ward rows summed by province_code, with rates recomputed — the roll-up rule of
   * {@link RollUp}, applied to Spark columns.
   */
  public static Dataset<Row> provinces(Dataset<Row> wardMonthKpis) {
    List<Column> sums = RollUp.SUMMED.stream().map(count -> sum(col(count)).as(count)).toList();
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
    RollUp.figures(column -> col(column), Rates::rate)
        .forEach((name, figure) -> columns.add(figure.as(name)));
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
