package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_timestamp;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.warehouse.DailyReportStatus;
import vn.da06.warehouse.Metrics;

/**
 * {@code gold.daily_report_check}: per ward and campaign day, whether the ward police reported
 * before 17:00, late, or not at all, and how its reported level-2 figures compare with those
 * counted in eid_applications.
 *
 * <p>The days checked are the days any ward of the province reported on; on such a day every ward
 * valid on that date of the province is expected to report, so a ward that did not appears with
 * status MISSING.
 */
public final class DailyReportCheck {

  private DailyReportCheck() {}

  /**
   * @param reports silver daily reports: ward_code, ward_era, report_date, submitted_at,
   *     l2_applications, l2_activations
   * @param applications silver eid applications
   * @param wards dim rows: ward_code, era, province_code, current_ward_code
   */
  public static Dataset<Row> build(
      Dataset<Row> reports, Dataset<Row> applications, Dataset<Row> wards) {
    Dataset<Row> wardInfo =
        wards.select(col("ward_code"), col("era"), col("province_code"), col("current_ward_code"));
    Dataset<Row> reportDays =
        reports
            .select(col("ward_code").as("_code"), col("ward_era"), col("report_date"))
            .join(
                broadcast(wardInfo),
                col("_code").equalTo(col("ward_code")).and(col("ward_era").equalTo(col("era"))))
            .select(col("province_code"), col("era"), col("report_date"))
            .distinct();
    Dataset<Row> expected =
        reportDays
            .join(broadcast(wardInfo), WardMonthKpis.keys("province_code", "era"))
            .select(col("ward_code"), col("era"), col("report_date"));

    Dataset<Row> level2 = applications.where(col("level").equalTo(2));
    Dataset<Row> received =
        level2.select(
            col("ward_code"),
            col("ward_era"),
            to_date(col("received_at")).as("day"),
            lit(1L).as("system_applications"),
            lit(0L).as("system_activations"));
    Dataset<Row> activated =
        level2
            .where(col("activated_at").isNotNull())
            .select(
                col("ward_code"),
                col("ward_era"),
                to_date(col("activated_at")).as("day"),
                lit(0L).as("system_applications"),
                lit(1L).as("system_activations"));
    Dataset<Row> system =
        received
            .unionByName(activated)
            .join(
                broadcast(
                    wardInfo.select(
                        col("ward_code").as("_code"),
                        col("era").as("_era"),
                        col("current_ward_code"))),
                col("ward_code").equalTo(col("_code")).and(col("ward_era").equalTo(col("_era"))))
            .withColumn("day_era", BronzeTransforms.era(col("day")))
            .withColumn(
                "placed_ward",
                when(col("day_era").equalTo(col("ward_era")), col("ward_code"))
                    .otherwise(col("current_ward_code")))
            .groupBy(
                col("placed_ward").as("ward_code"),
                col("day_era").as("era"),
                col("day").as("report_date"))
            .agg(
                sum("system_applications").as("system_l2_applications"),
                sum("system_activations").as("system_l2_activations"));

    Dataset<Row> reported =
        reports.select(
            col("ward_code"),
            col("ward_era").as("era"),
            col("report_date"),
            col("submitted_at"),
            col("l2_applications").as("reported_l2_applications"),
            col("l2_activations").as("reported_l2_activations"));
    Column deadline =
        make_timestamp(
            year(col("report_date")),
            month(col("report_date")),
            dayofmonth(col("report_date")),
            lit(Metrics.DAILY_REPORT_DEADLINE_HOUR),
            lit(0),
            lit(0));
    Column onTime = col("submitted_at").lt(deadline);
    Column systemApplications = coalesce(col("system_l2_applications"), lit(0L));
    Column systemActivations = coalesce(col("system_l2_activations"), lit(0L));
    return expected
        .join(reported, WardMonthKpis.keys("ward_code", "era", "report_date"), "left")
        .join(system, WardMonthKpis.keys("ward_code", "era", "report_date"), "left")
        .select(
            col("ward_code"),
            col("report_date"),
            date_format(col("report_date"), "yyyy-MM").as("month"),
            col("submitted_at"),
            when(col("submitted_at").isNotNull(), onTime).as("on_time"),
            when(col("submitted_at").isNull(), DailyReportStatus.MISSING.name())
                .when(onTime, DailyReportStatus.ON_TIME.name())
                .otherwise(DailyReportStatus.LATE.name())
                .as("status"),
            col("reported_l2_applications"),
            col("reported_l2_activations"),
            systemApplications.as("system_l2_applications"),
            systemActivations.as("system_l2_activations"),
            col("reported_l2_applications").minus(systemApplications).as("diff_l2_applications"),
            col("reported_l2_activations").minus(systemActivations).as("diff_l2_activations"));
  }
}
