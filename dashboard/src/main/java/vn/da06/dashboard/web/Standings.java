package vn.da06.dashboard.web;

import java.util.Optional;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.League;
import vn.da06.goldread.References;
import vn.da06.goldread.Scorecard;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.UnitLevel;

/**
 * Where a unit stands among its province's wards, and which wards a user may see there — one rule
 * for the scorecard, the ranking and services pages, the API and (through the pages' tables) the
 * exports:
 *
 * <ul>
 *   <li>ranks are always among the province's wards (a ward's page says "Hạng 56 / 65", never "1 /
 *       1");
 *   <li>a page lists the wards of its own unit; a ward's page lists the province's other wards too
 *       only when the user's own unit covers the province, or the province lets its ward users see
 *       other wards ({@link Steering#wardUsersSeeOtherWards}); otherwise it shows the ward's own
 *       row and the province's figure beside it.
 * </ul>
 */
final class Standings {
  private Standings() {}

  /** The province a unit lies in (the unit itself for a province). */
  static UnitScope province(GoldData gold, UnitScope unit) {
    if (unit.level() == UnitLevel.PROVINCE || unit.provinceCode() == null) {
      return unit;
    }
    return gold.unit(unit.provinceCode()).orElse(unit);
  }

  static UnitScope province(PageContext page) {
    return province(page.gold(), page.unit());
  }

  /** The wards a table on {@code unit}'s page lists, as a predicate over ward codes. */
  static java.util.function.Predicate<String> listed(
      GoldData gold,
      UnitScope mine,
      UnitScope unit,
      Steering steering,
      WardView view,
      String month) {
    boolean wholeProvince = wholeProvince(unit, province(gold, unit), steering);
    return code -> wholeProvince || unit.includes(view, code, month);
  }

  /**
   * Whether a ward's page lists every ward of its province (beside the ward's own row): only where
   * the province lets its ward users see the other wards. A ward's page shows the same to whoever
   * opens it; a province user has the province's page for the whole list.
   */
  static boolean wholeProvince(UnitScope unit, UnitScope province, Steering steering) {
    return unit.level() == UnitLevel.WARD
        && unit != province
        && steering.wardUsersSeeOtherWards(province.code());
  }

  static java.util.function.Predicate<String> listed(PageContext page) {
    return listed(
        page.gold(),
        page.mine(),
        page.unit(),
        page.steering(),
        page.state().view(),
        page.state().month());
  }

  /** Whether the user may open a ward's own page (a link is drawn only then). */
  static boolean canOpen(GoldData gold, UnitScope mine, String wardCode) {
    Optional<UnitScope> ward = gold.unit(wardCode);
    return ward.isPresent() && mine.covers(ward.get());
  }

  static References references(GoldData gold, UnitScope unit, Goals goals) {
    return new References(gold, province(gold, unit), goals);
  }

  static Scorecard scorecard(
      GoldData gold, UnitScope unit, Goals goals, Steering steering, WardView view, String month) {
    return Scorecard.of(
        gold, references(gold, unit, goals), steering, view, province(gold, unit), month);
  }

  static Scorecard scorecard(PageContext page) {
    return scorecard(
        page.gold(),
        page.unit(),
        page.goals(),
        page.steering(),
        page.state().view(),
        page.state().month());
  }

  static League league(
      GoldData gold, UnitScope unit, Goals goals, WardView view, String month, Metric metric) {
    return League.of(
        gold, references(gold, unit, goals), view, province(gold, unit), month, metric);
  }

  static League league(PageContext page, Metric metric) {
    return league(
        page.gold(), page.unit(), page.goals(), page.state().view(), page.state().month(), metric);
  }

  /** "▲2", "▼1", "–" (no change), "" (no rank the month before). */
  static String movement(Integer change) {
    if (change == null) {
      return "";
    }
    return change > 0 ? "▲" + change : change < 0 ? "▼" + (-change) : "–";
  }

  /** The CSS class of a movement: up is good, down is bad. */
  static String movementClass(Integer change) {
    return change == null || change == 0 ? "move" : change > 0 ? "move up" : "move down";
  }
}
