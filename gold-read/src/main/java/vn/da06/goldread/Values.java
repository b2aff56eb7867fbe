package vn.da06.goldread;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Typed access to the loosely typed rows {@link DeltaTableReader} returns. */
final class Values {
  private Values() {}

  static String string(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  static Long count(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : ((Number) value).longValue();
  }

  static Double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  static Boolean bool(Map<String, Object> row, String column) {
    return (Boolean) row.get(column);
  }

  static LocalDate date(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null
        ? null
        : value instanceof LocalDate date ? date : LocalDate.parse(value.toString());
  }

  static Instant instant(Map<String, Object> row, String column) {
    return (Instant) row.get(column);
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? List.of() : List.copyOf((List<String>) value);
  }
}
