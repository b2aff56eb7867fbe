package vn.da06.dashboard.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.User;

/**
 * One request to a unit's page or export, after access was checked: the unit is within the user's.
 * {@code goals} are the configured goals and band margins the page's colours use ({@link Bands});
 * {@code clock} says what time it is (tests set it): which targets are live and which reports are
 * due is judged by today's date in Vietnam, while figures come from the latest month of data;
 * {@code steering} holds the scorecard's weights and whether ward users see other wards; {@code
 * reports} are the monthly reports due and made ({@link MonthlyReports}).
 */
record PageContext(
    Context ctx,
    User user,
    GoldData gold,
    UnitScope mine,
    UnitScope unit,
    PageState state,
    Goals goals,
    Clock clock,
    Steering steering,
    MonthlyReports reports) {
  /** A page with the default steering settings (equal weights, ward users see their own ward). */
  PageContext(
      Context ctx,
      User user,
      GoldData gold,
      UnitScope mine,
      UnitScope unit,
      PageState state,
      Goals goals,
      Clock clock) {
    this(ctx, user, gold, mine, unit, state, goals, clock, Steering.DEFAULT, MonthlyReports.NONE);
  }

  /** A page with the default steering settings and the given monthly reports. */
  PageContext(
      Context ctx,
      User user,
      GoldData gold,
      UnitScope mine,
      UnitScope unit,
      PageState state,
      Goals goals,
      Clock clock,
      MonthlyReports reports) {
    this(ctx, user, gold, mine, unit, state, goals, clock, Steering.DEFAULT, reports);
  }

  /** Vietnam's time zone: deadlines, "hôm nay", the 17:00 daily report. */
  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  Lang lang() {
    return state.lang();
  }

  PageContext withState(PageState newState) {
    return new PageContext(ctx, user, gold, mine, unit, newState, goals, clock, steering, reports);
  }

  /** Today's date in Vietnam. */
  LocalDate today() {
    return LocalDate.now(clock.withZone(VIETNAM));
  }

  /** The time now in Vietnam. */
  ZonedDateTime now() {
    return ZonedDateTime.now(clock.withZone(VIETNAM));
  }

  /** The same request about another unit (a card's target of a ward or its province). */
  PageContext withUnit(UnitScope newUnit) {
    return new PageContext(ctx, user, gold, mine, newUnit, state, goals, clock, steering, reports);
  }

  String t(String key) {
    return state.lang().t(key);
  }
}
