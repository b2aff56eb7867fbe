package vn.da06.jobs.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** gold.target_progress on rows built in memory. */
class TargetProgressTest {

  final SparkSession spark = SharedSpark.get();

  private Dataset<Row> progress() {
    StructType targetSchema =
        new StructType()
            .add("unit_code", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("target_value", DataTypes.DoubleType)
            .add("period_start", DataTypes.DateType)
            .add("deadline", DataTypes.DateType)
            .add("campaign", DataTypes.StringType);
    Date start = Date.valueOf("2025-07-01");
    Date deadline = Date.valueOf("2025-09-30");
    Dataset<Row> targets =
        spark.createDataFrame(
            List.of(
                RowFactory.create("20", "eid_activations_l2_cum", 100.0, start, deadline, "C"),
                RowFactory.create("20", "online_rate", 0.8, start, deadline, "C"),
                RowFactory.create("20", "dq_incorrect", 50.0, start, deadline, "C")),
            targetSchema);
    StructType metricSchema =
        new StructType()
            .add("unit_code", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("metric", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);
    Dataset<Row> unitMetrics =
        spark.createDataFrame(
            List.of(
                RowFactory.create("20", "2025-07", "eid_activations_l2_cum", 40.0),
                RowFactory.create("20", "2025-08", "eid_activations_l2_cum", 70.0),
                RowFactory.create("20", "2025-07", "online_rate", 0.5),
                RowFactory.create("20", "2025-08", "online_rate", 0.9),
                RowFactory.create("20", "2025-07", "dq_incorrect", 120.0),
                RowFactory.create("20", "2025-08", "dq_incorrect", 80.0)),
            metricSchema);
    Dataset<Row> months =
        spark.createDataFrame(
            List.of(RowFactory.create("2025-07"), RowFactory.create("2025-08")),
            new StructType().add("month", DataTypes.StringType));
    return TargetProgress.build(targets, unitMetrics, months);
  }

  @Test
  void aTargetIsProjectedToItsDeadlineAtTheLastMonthsPace() {
    Row august =
        progress()
            .where("metric = 'eid_activations_l2_cum' AND as_of_month = '2025-08'")
            .select(
                "actual",
                "attainment",
                "days_left",
                "projected_at_deadline",
                "on_track",
                "daily_pace_needed")
            .head();

    assertThat(august.getDouble(0)).isEqualTo(70.0);
    assertThat(august.getDouble(1)).isEqualTo(0.7);
    assertThat(august.getInt(2)).isEqualTo(30);
    // 30 more in August's 31 days, for 30 days more.
    assertThat(august.getDouble(3)).isCloseTo(70 + 30.0 / 31 * 30, within(1e-9));
    assertThat(august.getBoolean(4)).isFalse();
    assertThat(august.getDouble(5)).isEqualTo(1.0);
  }

  @Test
  void aRateIsProjectedWithinZeroAndOne() {
    Row august =
        progress()
            .where("metric = 'online_rate' AND as_of_month = '2025-08'")
            .select("projected_at_deadline", "on_track")
            .head();

    assertThat(august.getDouble(0)).isEqualTo(1.0);
    assertThat(august.getBoolean(1)).isTrue();
  }

  @Test
  void aTargetHasARowForEveryMonthFromItsStartToItsDeadlineThatTheWarehouseHolds() {
    assertThat(progress().where("metric = 'online_rate'").count()).isEqualTo(2);
  }

  @Test
  void aTargetOnALowerIsBetterMetricIsMetAtOrBelowItsValue() {
    Row august =
        progress()
            .where("metric = 'dq_incorrect' AND as_of_month = '2025-08'")
            .select("attainment", "projected_at_deadline", "on_track", "daily_pace_needed")
            .head();

    // 80 incorrect records against at most 50: attainment 50 / 80, as Metric.attainment says.
    assertThat(august.getDouble(0)).isEqualTo(50.0 / 80);
    // Falling 40 in August's 31 days: 80 - 40/31 x 30 by the deadline, at or below 50: on track.
    assertThat(august.getDouble(1)).isCloseTo(80 - 40.0 / 31 * 30, within(1e-9));
    assertThat(august.getBoolean(2)).isTrue();
    // 30 still to remove in 30 days.
    assertThat(august.getDouble(3)).isEqualTo(1.0);
  }
}
