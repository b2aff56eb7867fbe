package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code gold.dim_ward}; the key is (ward_code, era) because the reform reused codes.
 */
public record WardInfo(
    String wardCode,
    String era,
    String wardName,
    String wardType,
    String districtCode,
    String districtName,
    String provinceCode,
    String provinceName,
    LocalDate validFrom,
    LocalDate validTo,
    String currentWardCode,
    List<String> currentWardCodes,
    String currentProvinceCode) {

  public static final String PRE_REFORM = "PRE_REFORM";
  public static final String POST_REFORM = "POST_REFORM";

  public WardInfo {
    requireNonNull(wardCode, "wardCode is null");
    requireNonNull(era, "era is null");
    requireNonNull(wardName, "wardName is null");
    currentWardCodes = currentWardCodes == null ? List.of() : List.copyOf(currentWardCodes);
  }

  public boolean preReform() {
    return PRE_REFORM.equals(era);
  }

  static WardInfo fromGold(Map<String, Object> row) {
    return new WardInfo(
        Values.string(row, "ward_code"),
        Values.string(row, "era"),
        Values.string(row, "ward_name"),
        Values.string(row, "ward_type"),
        Values.string(row, "district_code"),
        Values.string(row, "district_name"),
        Values.string(row, "province_code"),
        Values.string(row, "province_name"),
        Values.date(row, "valid_from"),
        Values.date(row, "valid_to"),
        Values.string(row, "current_ward_code"),
        Values.strings(row, "current_ward_codes"),
        Values.string(row, "current_province_code"));
  }
}
