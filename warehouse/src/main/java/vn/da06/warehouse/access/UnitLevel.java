package vn.da06.warehouse.access;

/** The level of an administrative unit, told by the length of its code. */
public enum UnitLevel {
  /** 2 digits: a province (tỉnh/thành phố). */
  PROVINCE,
  /** 3 digits: a district (huyện/quận) — these existed only before the 1 July 2025 reform. */
  DISTRICT,
  /** 5 digits: a ward or commune (xã/phường/thị trấn). */
  WARD;

  public static UnitLevel of(String code) {
    if (code != null && code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      switch (code.length()) {
        case 2:
          return PROVINCE;
        case 3:
          return DISTRICT;
        case 5:
          return WARD;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "Cannot read unit code '"
            + code
            + "': a unit is a province (2 digits), a pre-reform district (3 digits) or a ward (5 digits)");
  }
}
