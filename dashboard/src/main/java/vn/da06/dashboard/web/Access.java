package vn.da06.dashboard.web;

import io.javalin.http.Context;
import vn.da06.dashboard.store.GoldData;
import vn.da06.dashboard.store.UnitScope;
import vn.da06.warehouse.access.UnitLevel;
import vn.da06.warehouse.access.User;

/**
 * The unit-scope rule, applied on the server to every page, API call and export: a user may see a unit only
 * when every ward of it is a ward of their own unit.
 */
final class Access {
  static final String USER = "da06.user";

  private Access() {}

  static UnitScope mine(Context ctx, GoldData gold) {
    User user = ctx.attribute(USER);
    return gold.unit(user.unit()).orElseThrow(() -> DashboardException.forbidden(
        "Cannot show data to " + user.name() + ": their unit " + user.unit()
            + " has no wards in the warehouse (ask an administrator to correct it with ./da06 users add)"));
  }

  /** The unit of the {@code unitCode} path parameter, if the user may see it; 403 otherwise. */
  static UnitScope unit(Context ctx, GoldData gold) {
    String code = ctx.pathParam("unitCode");
    try {
      UnitLevel.of(code);
    } catch (IllegalArgumentException e) {
      throw DashboardException.badRequest(e.getMessage());
    }
    UnitScope mine = mine(ctx, gold);
    return gold.unit(code).filter(mine::covers).orElseThrow(() -> DashboardException.forbidden(
        "Cannot show unit " + code + ": it is outside your unit " + mine.code() + " " + mine.name()));
  }
}
