package vn.da06.warehouse;

/**
 * The status of a ward's daily report for a day ({@code gold.daily_report_check.status}): sent
 * before {@link Metrics#DAILY_REPORT_DEADLINE_HOUR}:00 that day, sent later, or not sent.
 */
public enum DailyReportStatus {
  ON_TIME("Đúng hạn", "On time"),
  LATE("Muộn", "Late"),
  MISSING("Chưa gửi", "Missing");

  private final String labelVi;
  private final String labelEn;

  DailyReportStatus(String labelVi, String labelEn) {
    this.labelVi = labelVi;
    this.labelEn = labelEn;
  }

  public String label(boolean vietnamese) {
    return vietnamese ? labelVi : labelEn;
  }

  /** The status a gold row holds; an error naming the value for anything else. */
  public static DailyReportStatus of(String value) {
    for (DailyReportStatus status : values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "Cannot read daily report status '" + value + "' (expected ON_TIME, LATE or MISSING)");
  }
}
