package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/** Every metric of every unit in long form, provinces from their wards. */
class UnitMetricsTest {

  final SparkSession spark = SharedSpark.get();

  /** A wide gold row of a ward of province 20: every count 0 but those given, rates NULL. */
  private Dataset<Row> ward(String code, Map<String, Long> counts) {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                lit(code).as("ward_code"),
                lit("2025-08").as("month"),
                lit("20").as("province_code"),
                lit(null).cast("string").as("district_code")));
    for (Metric metric : Metrics.ALL) {
      columns.add(
          metric.isRate()
              ? lit(null).cast("double").as(metric.column())
              : lit(counts.getOrDefault(metric.column(), 0L)).as(metric.column()));
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      columns.add(lit(counts.getOrDefault(helper, 0L)).as(helper));
    }
    return spark.range(1).select(columns.toArray(Column[]::new));
  }

  private Dataset<Row> twoWards() {
    return ward("06001", Map.of("dossiers_online", 3L, "dossiers_total", 4L))
        .unionByName(ward("06007", Map.of("dossiers_online", 1L, "dossiers_total", 6L)));
  }

  @Test
  void aProvincesRateIsRecomputedFromItsWardsSumsNeverAveraged() {
    Row province =
        UnitMetrics.provinces(twoWards())
            .select("ward_code", "dossiers_total", "online_rate")
            .head();

    assertThat(province.getString(0)).isEqualTo("20");
    assertThat(province.getLong(1)).isEqualTo(10);
    assertThat(province.getDouble(2)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void eachMetricOfAUnitAndMonthIsOneLongRow() {
    Dataset<Row> longForm = UnitMetrics.longForm(UnitMetrics.provinces(twoWards()));

    assertThat(longForm.count()).isEqualTo(Metrics.ALL.size());
    Row online = longForm.where(col("metric").equalTo("online_rate")).head();
    assertThat(online.getString(0)).isEqualTo("20");
    assertThat(online.getString(1)).isEqualTo("2025-08");
    assertThat(online.getDouble(3)).isCloseTo(0.4, within(1e-12));
  }
}
