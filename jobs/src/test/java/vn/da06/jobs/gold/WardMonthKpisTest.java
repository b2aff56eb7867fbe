package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.da06.jobs.gold.GoldRows.at;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;

/** gold.ward_month_kpis and gold.ward_month_kpis_current on rows built in memory. */
class WardMonthKpisTest {

  final SparkSession spark = SharedSpark.get();

  /**
   * An application received in June 2025 at old ward 06004 and activated in August, and one
   * received in August at current ward 06001; no dossier, no snapshot.
   */
  private WardMonthKpis.Result kpis() {
    return kpis(List.of());
  }

  private WardMonthKpis.Result kpis(List<Row> dossierRows) {
    Dataset<Row> applications =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "06004",
                    "PRE_REFORM",
                    1,
                    at("2025-06-10T03:00:00Z"),
                    at("2025-08-02T03:00:00Z")),
                RowFactory.create("06001", "POST_REFORM", 2, at("2025-08-20T03:00:00Z"), null)),
            GoldRows.APPLICATIONS);
    Dataset<Row> dossiers =
        Measures.dossiers(spark.createDataFrame(dossierRows, GoldRows.DOSSIERS), false);
    StructType snapshot =
        new StructType()
            .add("snapshot_date", DataTypes.DateType)
            .add("ward_code", DataTypes.StringType)
            .add("ward_era", DataTypes.StringType);
    StructType eligible = snapshot.add("eligible_population", DataTypes.LongType);
    StructType quality = snapshot;
    for (String count : Measures.DQ_COUNTS) {
      quality = quality.add(count, DataTypes.LongType);
    }
    StructType calendarSchema =
        new StructType()
            .add("month", DataTypes.StringType)
            .add("eligible_snapshot", DataTypes.DateType)
            .add("dq_snapshot", DataTypes.DateType);
    List<Row> months = new ArrayList<>();
    for (String month : List.of("2025-06", "2025-07", "2025-08")) {
      months.add(RowFactory.create(month, null, null));
    }
    return WardMonthKpis.build(
        Measures.eid(applications),
        dossiers,
        spark.createDataFrame(List.of(), eligible),
        spark.createDataFrame(List.of(), quality),
        spark.createDataFrame(months, calendarSchema),
        GoldRows.wardsOfProvince20(spark),
        null);
  }

  private static List<String> counts(Dataset<Row> kpis) {
    return kpis
        .where(
            col("eid_applications_l1")
                .plus(col("eid_applications_l2"))
                .plus(col("eid_activations_l1"))
                .gt(0))
        .orderBy("month", "ward_code")
        .select(
            "month",
            "ward_code",
            "eid_applications_l1",
            "eid_applications_l2",
            "eid_activations_l1")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  @Test
  void anEventOfAMonthOfTheOtherEraCountsAtTheCurrentWardItsOldWardsPrimaryLinkNames() {
    WardMonthKpis.Result kpis = kpis();

    assertThat(counts(kpis.asOfTime()))
        .containsExactly("[2025-06,06004,1,0,0]", "[2025-08,06001,0,1,0]", "[2025-08,06007,0,0,1]");
    kpis.release();
  }

  @Test
  void theCurrentTableReExpressesEveryMonthOnTodaysWardsWithTheSameNationalTotals() {
    WardMonthKpis.Result kpis = kpis();

    assertThat(counts(kpis.current()))
        .containsExactly("[2025-06,06007,1,0,0]", "[2025-08,06001,0,1,0]", "[2025-08,06007,0,0,1]");
    Row cumulative =
        kpis.current()
            .where("month = '2025-08' AND ward_code = '06007'")
            .select("eid_applications_l1_cum", "eid_activations_l1_cum", "eid_activation_rate")
            .head();
    assertThat(cumulative.getLong(0)).isEqualTo(1);
    assertThat(cumulative.getLong(1)).isEqualTo(1);
    assertThat(cumulative.getDouble(2)).isEqualTo(1.0);
    kpis.release();
  }

  @Test
  void everyWardOfTheMonthsListIsInTheGridAlsoWithNoEvents() {
    WardMonthKpis.Result kpis = kpis();

    assertThat(
            kpis
                .asOfTime()
                .where("month = '2025-06'")
                .select("ward_code")
                .orderBy("ward_code")
                .collectAsList()
                .stream()
                .map(row -> row.getString(0)))
        .containsExactly("06001", "06004", "06007", "06010", "06013", "06016");
    assertThat(
            kpis
                .current()
                .where("month = '2025-06'")
                .select("ward_code")
                .orderBy("ward_code")
                .collectAsList()
                .stream()
                .map(row -> row.getString(0)))
        .containsExactly("06001", "06007", "06010");
    kpis.release();
  }

  @Test
  void aRateIsNullWhereItsDenominatorIsZero() {
    Row row =
        kpis()
            .current()
            .where("month = '2025-06' AND ward_code = '06010'")
            .select("eid_activation_rate", "online_rate")
            .head();
    assertThat(row.isNullAt(0)).isTrue();
    assertThat(row.isNullAt(1)).isTrue();
  }

  /** A dossier of August 2025 at a current ward, resolved the same month. */
  private static Row august(String ward, String channel, String scope, Boolean digitized) {
    return RowFactory.create(
        ward,
        "POST_REFORM",
        "ES01",
        channel,
        channel.equals("ONLINE") ? "PORTAL" : "NONE",
        at("2025-08-04T03:00:00Z"),
        at("2025-08-06T03:00:00Z"),
        null,
        scope,
        scope == null ? null : "NONE",
        digitized);
  }

  @Test
  void aMonthWhoseExportsLackTheNewColumnsHasNullNotZeroAndAProvinceCountsOnlyWardsWithAValue() {
    // 06001: two dossiers from a 2025 export, one toàn trình, one result digitised; 06007: three
    // dossiers from an old export.
    WardMonthKpis.Result kpis =
        kpis(
            List.of(
                august("06001", "ONLINE", "FULL", false),
                august("06001", "COUNTER", "", true),
                august("06007", "ONLINE", null, null),
                august("06007", "ONLINE", null, null),
                august("06007", "COUNTER", null, null)));
    Dataset<Row> august = kpis.current().where("month = '2025-08'");
    Row known = august.where("ward_code = '06001'").head();
    assertThat(known.<Long>getAs("dossiers_online_full")).isEqualTo(1);
    assertThat(known.<Double>getAs("online_full_rate")).isEqualTo(0.5);
    assertThat(known.<Long>getAs("dossiers_total_with_scope")).isEqualTo(2);
    assertThat(known.<Double>getAs("digitized_result_rate")).isEqualTo(0.5);
    // No fee charged: a known 0 of 0, so the count is 0 and the rate NULL.
    assertThat(known.<Long>getAs("dossiers_fee_paid")).isZero();
    assertThat(known.<Double>getAs("online_payment_rate")).isNull();
    Row unknown = august.where("ward_code = '06007'").head();
    assertThat(unknown.<Long>getAs("dossiers_total")).isEqualTo(3);
    for (String column :
        List.of(
            "dossiers_online_full",
            "online_full_rate",
            "dossiers_total_with_scope",
            "dossiers_fee_paid",
            "online_payment_rate",
            "dossiers_resolved_digitized",
            "digitized_result_rate")) {
      assertThat(unknown.isNullAt(unknown.fieldIndex(column))).as(column).isTrue();
    }
    // A ward with no dossier at all has no value either.
    Row empty = august.where("ward_code = '06010'").head();
    assertThat(empty.isNullAt(empty.fieldIndex("dossiers_online_full"))).isTrue();
    // The province: Σ numerators / Σ denominators over the wards with a value (06001's 2
    // dossiers), not over all 5 dossiers of the province.
    Row province = UnitMetrics.provinces(kpis.asOfTime().where("month = '2025-08'")).head();
    assertThat(province.<Long>getAs("dossiers_total")).isEqualTo(5);
    assertThat(province.<Long>getAs("dossiers_online_full")).isEqualTo(1);
    assertThat(province.<Double>getAs("online_full_rate")).isEqualTo(0.5);
    assertThat(province.<Double>getAs("digitized_result_rate")).isEqualTo(0.5);
    kpis.release();
  }
}
