package vn.da06.dashboard.web;

import io.javalin.http.Context;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.access.User;

/**
 * One request to a unit's page or export, after access was checked: the unit is within the user's.
 * {@code goals} are the configured goals and band margins the page's colours use ({@link Bands}).
 */
record PageContext(
    Context ctx,
    User user,
    GoldData gold,
    UnitScope mine,
    UnitScope unit,
    PageState state,
    Goals goals) {
  Lang lang() {
    return state.lang();
  }

  PageContext withState(PageState newState) {
    return new PageContext(ctx, user, gold, mine, unit, newState, goals);
  }

  String t(String key) {
    return state.lang().t(key);
  }
}
