package vn.da06.goldread;

import java.time.LocalDate;
import java.util.Map;

/** One row of {@code gold.target_progress}: a target of a unit, as of one month. */
public record TargetRow(
    String unitCode,
    String metric,
    String campaign,
    Double targetValue,
    LocalDate periodStart,
    LocalDate deadline,
    String asOfMonth,
    Double actual,
    Double attainment,
    Double projectedAtDeadline,
    Boolean onTrack,
    Long daysLeft,
    Double dailyPaceNeeded) {

  static TargetRow fromGold(Map<String, Object> row) {
    return new TargetRow(
        Values.string(row, "unit_code"),
        Values.string(row, "metric"),
        Values.string(row, "campaign"),
        Values.number(row, "target_value"),
        Values.date(row, "period_start"),
        Values.date(row, "deadline"),
        Values.string(row, "as_of_month"),
        Values.number(row, "actual"),
        Values.number(row, "attainment"),
        Values.number(row, "projected_at_deadline"),
        Values.bool(row, "on_track"),
        Values.count(row, "days_left"),
        Values.number(row, "daily_pace_needed"));
  }
}
