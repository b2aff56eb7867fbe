package vn.da06.goldread;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code gold.anomalies}: a figure of a ward (today's list) that looks wrong, with the
 * method that found it and the sentence a chair reads.
 *
 * @param period {@code yyyy-MM}, or {@code yyyy-MM-dd} for a daily report
 * @param metric a gold column, or {@code daily_report}
 * @param month the month of the period ({@code yyyy-MM})
 */
public record AnomalyRow(
    String unitCode,
    String period,
    String periodType,
    String metric,
    Double value,
    Double expectedLow,
    Double expectedHigh,
    String method,
    Double score,
    String reasonVi,
    String reasonEn,
    Instant detectedAt,
    String month) {

  /** The reason in the reader's language. */
  public String reason(boolean vietnamese) {
    return vietnamese ? reasonVi : reasonEn;
  }

  static AnomalyRow fromGold(Map<String, Object> row) {
    String period = Values.string(row, "period");
    String month = Values.string(row, "month");
    return new AnomalyRow(
        Values.string(row, "unit_code"),
        period,
        Values.string(row, "period_type"),
        Values.string(row, "metric"),
        Values.number(row, "value"),
        Values.number(row, "expected_low"),
        Values.number(row, "expected_high"),
        Values.string(row, "method"),
        Values.number(row, "score"),
        Values.string(row, "reason_vi"),
        Values.string(row, "reason_en"),
        Values.instant(row, "detected_at"),
        month != null ? month : period == null ? null : period.substring(0, 7));
  }
}
