package vn.da06.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.da06.jobs.gold.UnitMetrics;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Tables;

/** Prints a province's KPIs for the last month gold holds, as a committee reads them. */
final class ProvinceReport {
  private static final DecimalFormatSymbols VI = symbols();
  private final SparkSession spark;
  private final String warehouse;

  ProvinceReport(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  void print(PrintStream out, String province) {
    DeltaIo io = new DeltaIo(spark, warehouse);
    Dataset<Row> kpis =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS).where(col("province_code").equalTo(province));
    String month = kpis.agg(org.apache.spark.sql.functions.max("month")).head().getString(0);
    if (month == null) {
      out.println("No gold figures for province " + province + " yet.");
      return;
    }
    Row row = UnitMetrics.provinces(kpis.where(col("month").equalTo(month))).head();
    String name =
        io.read(Tables.GOLD, Tables.DIM_WARD)
            .where(col("province_code").equalTo(province).and(col("era").equalTo("POST_REFORM")))
            .select("province_name")
            .head()
            .getString(0);
    out.println();
    out.printf(
        "%s (%s) — tháng %s, dữ liệu phiên bản %d%n",
        name, province, month, io.version(Tables.GOLD, Tables.WARD_MONTH_KPIS));
    for (Metric metric : Metrics.ALL) {
      Object value = row.getAs(metric.column());
      out.printf("  %-34s %-28s %14s%n", metric.labelVi(), metric.column(), format(metric, value));
    }
    // Every metric with a national goal, judged by the metric's own direction.
    for (Metric metric : Metrics.ALL) {
      Object value = row.getAs(metric.column());
      if (metric.goal() != null && value != null) {
        double figure = ((Number) value).doubleValue();
        out.printf(
            "%nMục tiêu %s %s: %s (%s)%n",
            metric.labelVi().toLowerCase(java.util.Locale.forLanguageTag("vi")),
            metric.format(metric.goal(), true),
            metric.meets(figure, metric.goal()) ? "ĐẠT" : "CHƯA ĐẠT",
            format(metric, value));
      }
    }
    // The province's own targets and those of its wards of that month.
    Object[] units =
        kpis.where(col("month").equalTo(month))
            .select("ward_code")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList()
            .toArray();
    List<Row> behind =
        io.read(Tables.GOLD, Tables.TARGET_PROGRESS)
            .where(
                col("as_of_month")
                    .equalTo(month)
                    .and(col("unit_code").equalTo(province).or(col("unit_code").isin(units))))
            .where(col("on_track").equalTo(false))
            .orderBy(col("attainment"))
            .limit(5)
            .collectAsList();
    if (!behind.isEmpty()) {
      out.println("Chỉ tiêu có nguy cơ không đạt (thấp nhất):");
      for (Row target : behind) {
        out.printf(
            "  %-6s %-24s đạt %s / %s%n",
            target.getAs("unit_code"),
            target.getAs("metric"),
            percent(target.getAs("attainment")),
            number(((Double) target.getAs("target_value"))));
      }
    }
  }

  static String format(Metric metric, Object value) {
    if (value == null) {
      return "—";
    }
    return metric.isRate() ? percent((Double) value) : number(((Number) value).doubleValue());
  }

  static String number(Double value) {
    if (value == null) {
      return "—";
    }
    return new DecimalFormat("#,##0.##", VI).format(value);
  }

  static String percent(Double value) {
    if (value == null) {
      return "—";
    }
    return new DecimalFormat("0.0", VI).format(value * 100) + " %";
  }

  private static DecimalFormatSymbols symbols() {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(java.util.Locale.ROOT);
    symbols.setGroupingSeparator('.');
    symbols.setDecimalSeparator(',');
    return symbols;
  }
}
