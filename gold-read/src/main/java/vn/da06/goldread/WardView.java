package vn.da06.goldread;

import vn.da06.warehouse.Tables;

/** Which ward list the figures are expressed on. */
public enum WardView {
  /**
   * Wards as they were at the time: pre-reform codes before 2025-07 ({@code gold.ward_month_kpis}).
   */
  AS_REPORTED("reported", Tables.WARD_MONTH_KPIS),
  /** Today's wards for every month, so a series runs unbroken across July 2025. */
  CURRENT("current", Tables.WARD_MONTH_KPIS_CURRENT);

  private final String parameter;
  private final String table;

  WardView(String parameter, String table) {
    this.parameter = parameter;
    this.table = table;
  }

  /** The value of the {@code wards} URL parameter. */
  public String parameter() {
    return parameter;
  }

  public String table() {
    return table;
  }

  public static WardView parse(String value) {
    if (value == null || value.isEmpty() || value.equals("reported")) {
      return AS_REPORTED;
    }
    if (value.equals("current")) {
      return CURRENT;
    }
    throw new IllegalArgumentException(
        "Cannot show wards '" + value + "': use wards=reported or wards=current");
  }
}
