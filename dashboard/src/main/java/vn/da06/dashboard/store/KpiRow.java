package vn.da06.dashboard.store;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.da06.warehouse.Metrics;

/**
 * One row of {@code gold.ward_month_kpis} (or its {@code _current} twin): a ward, a month, and the value of
 * every metric column and helper count by its gold column name (Long for counts, Double for rates, null
 * where gold has NULL).
 */
public record KpiRow(
    String wardCode, String month, String provinceCode, String districtCode, Map<String, Object> values) {

  public KpiRow {
    requireNonNull(wardCode, "wardCode is null");
    requireNonNull(month, "month is null");
    requireNonNull(values, "values is null");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Object value(String column) {
    return values.get(column);
  }

  public Long count(String column) {
    Object value = values.get(column);
    return value == null ? null : ((Number) value).longValue();
  }

  static KpiRow fromGold(Map<String, Object> row) {
    Map<String, Object> values = new LinkedHashMap<>();
    Metrics.ALL.forEach(metric -> values.put(metric.column(),
        metric.isRate() ? (Object) Values.number(row, metric.column()) : (Object) Values.count(row, metric.column())));
    Metrics.HELPER_COUNTS.forEach(column -> values.put(column, Values.count(row, column)));
    return new KpiRow(Values.string(row, "ward_code"), Values.string(row, "month"),
        Values.string(row, "province_code"), Values.string(row, "district_code"), values);
  }
}
