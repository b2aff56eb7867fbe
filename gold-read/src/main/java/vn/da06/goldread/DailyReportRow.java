package vn.da06.goldread;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One row of {@code gold.daily_report_check}: a ward's daily report for one day against the system.
 */
public record DailyReportRow(
    String wardCode,
    LocalDate reportDate,
    String month,
    Instant submittedAt,
    Boolean onTime,
    String status,
    Long reportedL2Applications,
    Long reportedL2Activations,
    Long systemL2Applications,
    Long systemL2Activations,
    Long diffL2Applications,
    Long diffL2Activations) {

  static DailyReportRow fromGold(Map<String, Object> row) {
    return new DailyReportRow(
        Values.string(row, "ward_code"),
        Values.date(row, "report_date"),
        Values.string(row, "month"),
        Values.instant(row, "submitted_at"),
        Values.bool(row, "on_time"),
        Values.string(row, "status"),
        Values.count(row, "reported_l2_applications"),
        Values.count(row, "reported_l2_activations"),
        Values.count(row, "system_l2_applications"),
        Values.count(row, "system_l2_activations"),
        Values.count(row, "diff_l2_applications"),
        Values.count(row, "diff_l2_activations"));
  }
}
