package vn.da06.warehouse.admin;

import static java.util.Objects.requireNonNull;

/**
 * One commune-level unit (xã, phường, thị trấn, đặc khu) of one era.
 *
 * @param code 5-digit GSO code
 * @param name name with its type prefix, as GSO writes it ("Phường Phúc Xá")
 * @param type "Xã", "Phường", "Thị trấn" or "Đặc khu"
 * @param districtCode 3-digit district code; null after the reform (no districts)
 * @param districtName district name with its type prefix; null after the reform
 * @param provinceCode 2-digit province code of that era
 * @param provinceName province name with its type prefix
 * @param era the list this unit belongs to
 */
public record Ward(
    String code,
    String name,
    String type,
    String districtCode,
    String districtName,
    String provinceCode,
    String provinceName,
    Era era) {

  public Ward {
    requireNonNull(code, "code is null");
    requireNonNull(name, "name is null");
    requireNonNull(provinceCode, "provinceCode is null");
    requireNonNull(era, "era is null");
    if (!code.matches("\\d{5}")) {
      throw new IllegalArgumentException("ward code is not 5 digits: '" + code + "'");
    }
    if (era == Era.POST_REFORM && districtCode != null) {
      throw new IllegalArgumentException("ward " + code + " has a district after the reform");
    }
  }
}
