package vn.da06.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.da06.jobs.gold.GoldRows.at;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;

/** gold.service_month on rows built in memory. */
class ServiceMonthTest {

  final SparkSession spark = SharedSpark.get();

  @Test
  void eachDossierCountsPerServiceAtTheWardOfTheTimeOfItsMonth() {
    // Submitted online in June 2025 at old ward 06004, resolved on time in July (current 06007);
    // one more at current ward 06001 in August, resolved late.
    List<Row> dossiers =
        List.of(
            RowFactory.create(
                "06004",
                "PRE_REFORM",
                "ES01",
                "ONLINE",
                "VNEID",
                at("2025-06-10T03:00:00Z"),
                at("2025-07-02T03:00:00Z"),
                at("2025-07-05T10:00:00Z"),
                null,
                null,
                null),
            RowFactory.create(
                "06001",
                "POST_REFORM",
                "TTHC-1.001234",
                "COUNTER",
                "NONE",
                at("2025-08-01T03:00:00Z"),
                at("2025-08-20T03:00:00Z"),
                at("2025-08-10T10:00:00Z"),
                "",
                "PAID_OFFLINE",
                true));

    List<String> rows =
        ServiceMonth.build(
                spark.createDataFrame(dossiers, GoldRows.DOSSIERS),
                GoldRows.wardsOfProvince20(spark))
            .orderBy("month", "ward_code", "service_code")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();

    // The June dossier came from an export without the portals' 2025 columns: its toàn trình,
    // payment and digitisation counts are NULL in both months it counts in.
    assertThat(rows)
        .containsExactly(
            "[06004,2025-06,ES01,1,1,0,0,null,null,null,null]",
            "[06007,2025-07,ES01,0,0,1,1,null,null,null,null]",
            "[06001,2025-08,TTHC-1.001234,1,0,1,0,0,0,1,1]");
  }
}
