package vn.da06.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.da06.jobs.gold.GoldRows.at;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;

/** gold.daily_report_check on rows built in memory. */
class DailyReportCheckTest {

  final SparkSession spark = SharedSpark.get();

  @Test
  void everyWardOfAProvinceThatReportedThatDayIsExpectedAndComparedWithTheSystem() {
    StructType reportSchema =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("ward_era", DataTypes.StringType)
            .add("report_date", DataTypes.DateType)
            .add("submitted_at", DataTypes.TimestampType)
            .add("l2_applications", DataTypes.LongType)
            .add("l2_activations", DataTypes.LongType);
    Date day = Date.valueOf("2025-08-04");
    Dataset<Row> reports =
        spark.createDataFrame(
            List.of(
                // 16:00 and 17:30 in Vietnam.
                RowFactory.create("06001", "POST_REFORM", day, at("2025-08-04T09:00:00Z"), 2L, 0L),
                RowFactory.create("06007", "POST_REFORM", day, at("2025-08-04T10:30:00Z"), 0L, 0L)),
            reportSchema);
    Dataset<Row> applications =
        spark.createDataFrame(
            List.of(
                RowFactory.create("06001", "POST_REFORM", 2, at("2025-08-04T02:00:00Z"), null),
                // Level 1: not in the report.
                RowFactory.create("06001", "POST_REFORM", 1, at("2025-08-04T02:00:00Z"), null)),
            GoldRows.APPLICATIONS);
    Dataset<Row> wards =
        Dimensions.wards(spark, vn.da06.jobs.generate.FakeAdminUnits.INSTANCE)
            .where("current_province_code = '20'");

    List<String> rows =
        DailyReportCheck.build(reports, applications, wards)
            .orderBy("ward_code")
            .select(
                "ward_code",
                "month",
                "status",
                "reported_l2_applications",
                "system_l2_applications",
                "diff_l2_applications")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();

    assertThat(rows)
        .containsExactly(
            "[06001,2025-08,ON_TIME,2,1,1]",
            "[06007,2025-08,LATE,0,0,0]",
            "[06010,2025-08,MISSING,null,0,null]");
  }
}
