package vn.da06.warehouse.admin;

import static java.util.Objects.requireNonNull;

/**
 * One link of the old → new crosswalk of the 2025 reform. A split old commune has several links,
 * exactly one of them {@code primary}: the ward that receives its counts so that no count is lost
 * or doubled.
 *
 * @param oldWardCode pre-reform ward code
 * @param newWardCode post-reform ward code
 * @param primary whether counts of the old ward go to this new ward
 * @param share the resolution's wording ("full", "part", "remainder", ...; "unknown" when the
 *     source has none)
 */
public record CrosswalkLink(String oldWardCode, String newWardCode, boolean primary, String share) {
  public CrosswalkLink {
    requireNonNull(oldWardCode, "oldWardCode is null");
    requireNonNull(newWardCode, "newWardCode is null");
    requireNonNull(share, "share is null");
  }
}
