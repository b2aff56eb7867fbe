package vn.da06.goldread;

import java.util.Map;

/** One row of {@code gold.service_month}: a ward's dossiers of one service in one month. */
public record ServiceMonthRow(
    String wardCode,
    String month,
    String serviceCode,
    long dossiersTotal,
    long dossiersOnline,
    long dossiersResolved,
    long dossiersResolvedOnTime) {

  static ServiceMonthRow fromGold(Map<String, Object> row) {
    return new ServiceMonthRow(
        Values.string(row, "ward_code"),
        Values.string(row, "month"),
        Values.string(row, "service_code"),
        zero(Values.count(row, "dossiers_total")),
        zero(Values.count(row, "dossiers_online")),
        zero(Values.count(row, "dossiers_resolved")),
        zero(Values.count(row, "dossiers_resolved_on_time")));
  }

  private static long zero(Long value) {
    return value == null ? 0 : value;
  }
}
