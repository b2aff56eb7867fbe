package vn.da06.dashboard.web;

import io.javalin.http.Context;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.access.User;

/**
 * One request to a unit's page or export, after access was checked: the unit is within the user's.
 */
record PageContext(
    Context ctx, User user, GoldData gold, UnitScope mine, UnitScope unit, PageState state) {
  Lang lang() {
    return state.lang();
  }

  PageContext withState(PageState newState) {
    return new PageContext(ctx, user, gold, mine, unit, newState);
  }

  String t(String key) {
    return state.lang().t(key);
  }
}
