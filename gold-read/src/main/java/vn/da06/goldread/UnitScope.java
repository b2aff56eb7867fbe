package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import vn.da06.warehouse.access.UnitLevel;
import vn.da06.warehouse.admin.Era;

/**
 * An administrative unit resolved to the wards it covers: the pre-reform wards whose rows it
 * includes before July 2025 (as reported) and the current wards it includes from July 2025 and in
 * the "today's wards" view. A ward of today covers the old wards merged into it; a pre-reform
 * district covers today's wards its wards were merged into.
 *
 * @param code the unit code (2, 3 or 5 digits)
 * @param level province, pre-reform district or ward
 * @param name its name as gold has it (Vietnamese)
 * @param provinceCode the (current) province it lies in
 * @param preReformWards pre-reform ward codes covered
 * @param currentWards current ward codes covered
 */
public record UnitScope(
    String code,
    UnitLevel level,
    String name,
    String provinceCode,
    Set<String> preReformWards,
    Set<String> currentWards) {

  /** The first month of the two-level administration (1 July 2025). */
  public static final String REFORM_MONTH = Era.REFORM_DATE.toString().substring(0, 7);

  public UnitScope {
    requireNonNull(code, "code is null");
    requireNonNull(level, "level is null");
    requireNonNull(name, "name is null");
    preReformWards = Set.copyOf(preReformWards);
    currentWards = Set.copyOf(currentWards);
  }

  /** Whether a row of the given view, ward and month belongs to this unit. */
  public boolean includes(WardView view, String wardCode, String month) {
    if (view == WardView.CURRENT || month.compareTo(REFORM_MONTH) >= 0) {
      return currentWards.contains(wardCode);
    }
    return preReformWards.contains(wardCode);
  }

  /** Whether every ward of {@code other} is a ward of this unit: the rule of access. */
  public boolean covers(UnitScope other) {
    if (this == other) {
      return true; // a user's own unit: no pass over its wards on each request
    }
    return preReformWards.containsAll(other.preReformWards)
        && currentWards.containsAll(other.currentWards);
  }

  /** The wards a table of the given view and month lists. */
  public Set<String> wards(WardView view, String month) {
    return view == WardView.CURRENT || month.compareTo(REFORM_MONTH) >= 0
        ? currentWards
        : preReformWards;
  }
}
