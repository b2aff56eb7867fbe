package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.warehouse.AnomalyRules;

/**
 * gold.anomalies on ward-month rows built in memory: eight wards of one province with steady
 * activations (a little noise), and one anomaly of each kind planted at a known place.
 */
class AnomaliesTest {

  final SparkSession spark = SharedSpark.get();
  final AnomalyRules rules = AnomalyRules.DEFAULT;

  static final YearMonth FIRST = YearMonth.of(2025, 1);
  static final YearMonth LAST = YearMonth.of(2026, 10);

  static final List<String> OTHER_CUMULATIVE =
      List.of("eid_applications_l1_cum", "eid_applications_l2_cum", "eid_activations_l1_cum");

  static int base(int ward) {
    return 130 + 15 * ward;
  }

  /** The month's level-2 activations of ward W0{ward}, with what is planted. */
  static long activations(int ward, YearMonth month, boolean campaignSurge) {
    long value =
        base(ward) + (ward == 1 ? 0 : Math.floorMod(month.getMonthValue() * 7 + ward * 3, 9) - 4);
    if (ward == 1 && month.equals(YearMonth.of(2026, 6))) {
      value = 9L * base(1); // a surge: ward_history and peer
    }
    if (ward == 2 && month.equals(YearMonth.of(2026, 8))) {
      value = 0; // a drop to zero
    }
    if (campaignSurge && ward == 5 && !month.isBefore(YearMonth.of(2026, 9))) {
      value = 5L * base(5); // inside a campaign that targets it
    }
    return value;
  }

  Dataset<Row> kpis() {
    StructType schema =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("province_code", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("eid_activations_l2", DataTypes.LongType)
            .add("eid_activations_l2_cum", DataTypes.LongType)
            .add("eligible_population", DataTypes.LongType);
    for (String metric : rules.metrics()) {
      if (!metric.equals("eid_activations_l2")) {
        schema = schema.add(metric, DataTypes.LongType);
      }
    }
    for (String cumulative : OTHER_CUMULATIVE) {
      schema = schema.add(cumulative, DataTypes.LongType);
    }
    List<Row> rows = new ArrayList<>();
    for (int ward = 1; ward <= 8; ward++) {
      long cum = 0;
      for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
        long value = activations(ward, month, true);
        cum += value;
        long shownCum = cum;
        if (ward == 4 && month.equals(YearMonth.of(2026, 9))) {
          shownCum = cum - value - 5; // lower than the month before
        }
        long eligible = 5000;
        if (ward == 3
            && !month.isBefore(YearMonth.of(2026, 3))
            && month.isBefore(YearMonth.of(2026, 6))) {
          eligible = 3000; // a snapshot that lost 40 % of the ward, then the next one back
        }
        List<Object> values =
            new ArrayList<>(
                List.of("W0" + ward, "20", month.toString(), value, shownCum, eligible));
        for (String metric : rules.metrics()) {
          if (!metric.equals("eid_activations_l2")) {
            values.add(200L + 10 * ward);
          }
        }
        for (int i = 0; i < OTHER_CUMULATIVE.size(); i++) {
          values.add(
              (200L + 10 * ward) * (FIRST.until(month, java.time.temporal.ChronoUnit.MONTHS) + 1));
        }
        rows.add(RowFactory.create(values.toArray()));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  Dataset<Row> daily() {
    StructType schema =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("report_date", DataTypes.DateType)
            .add("month", DataTypes.StringType)
            .add("submitted_at", DataTypes.TimestampType)
            .add("reported_l2_applications", DataTypes.LongType)
            .add("reported_l2_activations", DataTypes.LongType)
            .add("system_l2_applications", DataTypes.LongType)
            .add("system_l2_activations", DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    for (int day = 1; day <= 30; day++) {
      LocalDate date = LocalDate.of(2026, 9, day);
      Timestamp sent = Timestamp.from(Instant.parse(date + "T03:00:00Z"));
      for (int ward = 1; ward <= 8; ward++) {
        long reported = 5;
        if (ward == 1 && day <= 6) {
          reported = 15; // six days far off: flagged
        }
        if (ward == 6 && day <= 2) {
          reported = 15; // two days: not "several"
        }
        rows.add(
            RowFactory.create(
                "W0" + ward, Date.valueOf(date), "2026-09", sent, reported, 3L, 5L, 3L));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  Dataset<Row> dimWard() {
    List<Row> rows = new ArrayList<>();
    for (int ward = 1; ward <= 8; ward++) {
      rows.add(RowFactory.create("W0" + ward, "POST_REFORM", "W0" + ward, "20"));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("era", DataTypes.StringType)
            .add("current_ward_code", DataTypes.StringType)
            .add("current_province_code", DataTypes.StringType));
  }

  Dataset<Row> targets(boolean any) {
    List<Row> rows = new ArrayList<>();
    if (any) {
      rows.add(
          RowFactory.create(
              "W05",
              "eid_activations_l2_cum",
              Date.valueOf("2026-09-01"),
              Date.valueOf("2026-12-31")));
    }
    return spark.createDataFrame(
        rows,
        new StructType()
            .add("unit_code", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("period_start", DataTypes.DateType)
            .add("deadline", DataTypes.DateType));
  }

  private static List<Row> full;

  /** Every month, with the targets (computed once: Spark is slow on a shared machine). */
  List<Row> full() {
    if (full == null) {
      full = found(null, true);
    }
    return full;
  }

  List<Row> found(String from, boolean targets) {
    Dataset<Row> kpis = kpis();
    Dataset<Row> daily = daily();
    if (from != null) {
      kpis = kpis.where(col("month").geq(Anomalies.historyFrom(from, rules)));
      daily = daily.where(col("month").geq(from));
    }
    Dataset<Row> expected = Anomalies.expectedSurges(spark, targets(targets), dimWard(), rules);
    return Anomalies.candidates(
            kpis,
            daily,
            expected,
            dimWard().select("ward_code", "era", "current_ward_code"),
            from,
            rules)
        .collectAsList();
  }

  static Set<String> keys(List<Row> rows) {
    Set<String> keys = new TreeSet<>();
    for (Row row : rows) {
      keys.add(
          row.getAs("unit_code")
              + " "
              + row.getAs("period")
              + " "
              + row.getAs("metric")
              + " "
              + row.getAs("method"));
    }
    return keys;
  }

  @Test
  void findsEachPlantedAnomalyAndNothingElse() {
    Set<String> expected =
        new TreeSet<>(
            List.of(
                "W01 2026-06 eid_activations_l2 ward_history",
                "W01 2026-06 eid_activations_l2 peer",
                "W02 2026-08 eid_activations_l2 ward_history",
                "W02 2026-08 eid_activations_l2 peer",
                "W02 2026-08 eid_activations_l2 drop_to_zero",
                "W03 2026-03 eligible_population population_shift",
                "W03 2026-06 eligible_population population_shift",
                "W04 2026-09 eid_activations_l2_cum cumulative_decrease"));
    for (int day = 1; day <= 6; day++) {
      expected.add("W01 2026-09-0" + day + " daily_report daily_mismatch");
    }
    assertThat(keys(full())).isEqualTo(expected);
  }

  @Test
  void aSurgeInsideACampaignThatTargetsItIsExpected() {
    Set<String> without = keys(found(null, false));
    assertThat(without)
        .contains(
            "W05 2026-09 eid_activations_l2 ward_history", "W05 2026-09 eid_activations_l2 peer");
    assertThat(keys(full())).noneMatch(key -> key.startsWith("W05"));
  }

  @Test
  void aMonthReadsOnlyItsHistoryAndFindsWhatAFullRunFinds() {
    Set<String> full = keys(full());
    full.removeIf(key -> key.split(" ")[1].compareTo("2026-06") < 0);
    assertThat(keys(found("2026-06", true))).isEqualTo(full).isNotEmpty();
  }

  @Test
  void everyRowHasAReasonAChairCanRead() {
    List<Row> rows = Anomalies.withReasons(full(), rules, Instant.now());
    Row surge =
        rows.stream()
            .filter(
                row ->
                    row.getAs("unit_code").equals("W01")
                        && row.getAs("period").equals("2026-06")
                        && row.getAs("method").equals("ward_history"))
            .findFirst()
            .orElseThrow();
    assertThat(surge.<String>getAs("reason_vi"))
        .isEqualTo(
            "Kích hoạt mức 2 tháng 06/2026: "
                + vn.da06.warehouse.Metric.formatCount(9 * base(1), true)
                + ", gấp 9 lần trung vị 12 tháng ("
                + base(1)
                + ")");
    assertThat(surge.<Double>getAs("expected_high")).isLessThan(9.0 * base(1));
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.<String>getAs("reason_vi")).isNotBlank();
              assertThat(row.<String>getAs("reason_en")).isNotBlank();
            });
    assertThat(spark.createDataFrame(rows, Anomalies.SCHEMA).count()).isEqualTo(rows.size());
  }
}
