package vn.da06.goldread;

import java.util.Map;

/** One row of {@code gold.dim_service}. */
public record ServiceInfo(String serviceCode, String nameVi, boolean essential) {
  static ServiceInfo fromGold(Map<String, Object> row) {
    Boolean essential = Values.bool(row, "is_essential");
    return new ServiceInfo(
        Values.string(row, "service_code"),
        Values.string(row, "name_vi"),
        essential != null && essential);
  }
}
