package vn.da06.dashboard.web;

import io.javalin.http.Context;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.UnitLevel;
import vn.da06.warehouse.access.User;

/**
 * The unit-scope rule, applied on the server to every page, API call and export: a user may see a
 * unit only when every ward of it is a ward of their own unit.
 */
final class Access {
  static final String USER = "da06.user";

  private Access() {}

  static UnitScope mine(Context ctx, GoldData gold) {
    User user = ctx.attribute(USER);
    return gold.unit(user.unit())
        .orElseThrow(
            () ->
                DashboardException.forbidden(
                    "Cannot show data to "
                        + user.name()
                        + ": their unit "
                        + user.unit()
                        + " has no wards in the warehouse (ask an administrator to correct it with ./da06 users add)",
                    "Đơn vị "
                        + user.unit()
                        + " của "
                        + user.name()
                        + " không có xã nào trong kho dữ liệu (nhờ quản trị viên sửa)."));
  }

  /**
   * The unit of the {@code unitCode} path parameter, if the user may see it; 403 otherwise. With
   * {@code era=pre2025} a 5-digit code names the pre-reform ward of that code alone (a code the
   * reform gave again to a different ward names today's ward without it).
   */
  static UnitScope unit(Context ctx, GoldData gold) {
    String code = ctx.pathParam("unitCode");
    UnitLevel level;
    try {
      level = UnitLevel.of(code);
    } catch (IllegalArgumentException e) {
      throw DashboardException.badRequest(e.getMessage());
    }
    String era = PageState.validEra(ctx.queryParam("era"));
    UnitScope mine = mine(ctx, gold);
    java.util.Optional<UnitScope> unit;
    if (era == null) {
      unit = gold.unit(code);
    } else if (level != UnitLevel.WARD) {
      throw DashboardException.badRequest(
          "Cannot show unit "
              + code
              + " with era="
              + era
              + ": only a ward code (5 digits) names a different unit before July 2025");
    } else {
      unit = gold.preReformWard(code);
      if (unit.isEmpty()) {
        throw DashboardException.notFound(
            "Cannot show ward "
                + code
                + " before July 2025: no ward had that code"
                + " then (open /units/"
                + code
                + " without era for today's ward)");
      }
    }
    return unit.filter(mine::covers)
        .orElseThrow(
            () ->
                DashboardException.forbidden(
                    "Cannot show unit "
                        + code
                        + (era == null ? "" : " (" + era + ")")
                        + ": it is outside your unit "
                        + mine.code()
                        + " "
                        + mine.name(),
                    "Đơn vị "
                        + code
                        + " nằm ngoài đơn vị "
                        + mine.code()
                        + " "
                        + mine.name()
                        + " của bạn."));
  }

  /** Whether the signed-in user has {@code role} or a higher one. */
  static boolean has(Context ctx, Role role) {
    User user = ctx.attribute(USER);
    return user != null && user.role().ordinal() >= role.ordinal();
  }

  /** 403 unless the signed-in user has {@code role} or a higher one. */
  static void require(Context ctx, Role role, String what) {
    if (!has(ctx, role)) {
      User user = ctx.attribute(USER);
      throw DashboardException.forbidden(
          "Cannot show "
              + what
              + " to "
              + user.name()
              + ": it needs the role "
              + role.id()
              + " or higher, and "
              + user.name()
              + " is "
              + user.role().id()
              + " (an administrator can change it with ./da06 users add --role "
              + role.id()
              + ")",
          "Cần vai trò "
              + role.id()
              + " trở lên; "
              + user.name()
              + " có vai trò "
              + user.role().id()
              + " (quản trị viên có thể đổi bằng ./da06 users add --role "
              + role.id()
              + ").");
    }
  }

  /**
   * The month a request means: the one given, else the latest of the view in which the unit has
   * rows (a pre-reform ward's latest month is June 2025).
   */
  static String month(String given, GoldData gold, WardView view, UnitScope unit) {
    String month = PageState.validMonth(given);
    if (month != null) {
      return month;
    }
    java.util.List<String> months = gold.months(view);
    if (unit.currentWards().isEmpty()) {
      months = months.stream().filter(m -> m.compareTo(UnitScope.REFORM_MONTH) < 0).toList();
    }
    return months.isEmpty() ? null : months.get(months.size() - 1);
  }
}
