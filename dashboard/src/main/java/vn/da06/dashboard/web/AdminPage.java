package vn.da06.dashboard.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/**
 * {@code GET /admin} (role admin): the users of the administrator's unit (name, unit, role, whether
 * a token was issued; never a hash) and the latest {@value #PER_USER} audit entries of each of
 * them, from the log and its rotated files (so a flood of anonymous entries cannot push them out of
 * view). Users are still changed with {@code ./da06 users}; this page shows who may see what and
 * what they did. Times are Vietnam's, dd/MM/yyyy HH:mm.
 */
final class AdminPage {
  static final int PER_USER = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  private static final List<String> NOT_DETAIL = List.of("ts", "event", "user");

  private final UserDirectory users;
  private final AuditLog audit;

  AdminPage(UserDirectory users, AuditLog audit) {
    this.users = users;
    this.audit = audit;
  }

  void show(Context ctx, GoldData gold, String csrf, Goals goals, Clock clock) {
    Access.require(ctx, Role.ADMIN, "the users and audit page");
    Lang lang = Lang.parse(ctx.queryParam("lang"));
    UnitScope mine = Access.mine(ctx, gold);
    List<User> inScope = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (User user : users.all()) {
      Optional<UnitScope> unit = gold.unit(user.unit());
      if (unit.isPresent() && mine.covers(unit.get())) {
        inScope.add(user);
        names.add(user.name());
      }
    }
    StringBuilder body =
        new StringBuilder("<section class=\"admin\">")
            .append("<h1>")
            .append(Html.esc(lang.t("nav.admin") + " · " + mine.name()))
            .append("</h1>")
            .append("<h2>")
            .append(Html.esc(lang.t("admin.users")))
            .append("</h2>")
            .append("<div class=\"scroll\"><table data-table=\"users\"><thead><tr><th>")
            .append(Html.esc(lang.t("login.name")))
            .append("</th><th>")
            .append(Html.esc(lang.t("unit")))
            .append("</th><th>")
            .append(Html.esc(lang.t("admin.role")))
            .append("</th><th>")
            .append(Html.esc(lang.t("admin.token")))
            .append("</th></tr></thead><tbody>");
    for (User user : inScope) {
      String unitName = gold.unit(user.unit()).map(UnitScope::name).orElse("");
      body.append("<tr><td>")
          .append(Html.esc(user.name()))
          .append("</td><td>")
          .append(Html.esc(user.unit() + " " + unitName))
          .append("</td><td>")
          .append(Html.esc(user.role().id()))
          .append("</td><td>")
          .append(Html.esc(lang.t(user.tokenHash() == null ? "admin.token.no" : "admin.token.yes")))
          .append("</td></tr>");
    }
    body.append("</tbody></table></div>");

    List<Map<String, Object>> entries = audit.latest(names, PER_USER);
    body.append("<h2>")
        .append(Html.esc(lang.t("admin.audit")))
        .append("</h2><p class=\"note\">")
        .append(Html.esc(String.format(lang.t("admin.audit.per.user"), PER_USER)))
        .append("</p>")
        .append("<div class=\"scroll\"><table data-table=\"audit\"><thead><tr><th>")
        .append(Html.esc(lang.t("admin.time")))
        .append("</th><th>")
        .append(Html.esc(lang.t("admin.event")))
        .append("</th><th>")
        .append(Html.esc(lang.t("login.name")))
        .append("</th><th>")
        .append(Html.esc(lang.t("admin.detail")))
        .append("</th></tr></thead><tbody>");
    for (Map<String, Object> entry : entries) {
      StringBuilder detail = new StringBuilder();
      entry.forEach(
          (key, value) -> {
            if (!NOT_DETAIL.contains(key)) {
              detail
                  .append(detail.length() == 0 ? "" : " · ")
                  .append(label(lang, "audit.key." + key, key))
                  .append(' ')
                  .append(key.equals("month") ? lang.month(String.valueOf(value)) : value);
            }
          });
      String event = String.valueOf(entry.get("event"));
      body.append("<tr><td class=\"time\">")
          .append(Html.esc(time(entry.get("ts"))))
          .append("</td><td data-event=\"")
          .append(Html.esc(event))
          .append("\">")
          .append(Html.esc(label(lang, "audit.event." + event, event)))
          .append("</td><td>")
          .append(Html.esc(String.valueOf(entry.get("user"))))
          .append("</td><td class=\"detail\">")
          .append(Html.esc(detail.toString()))
          .append("</td></tr>");
    }
    body.append("</tbody></table></div></section>");

    User user = ctx.attribute(Access.USER);
    PageState state =
        new PageState(mine.code(), "overview", null, WardView.parse(null), null, null, false, lang);
    PageContext page = new PageContext(ctx, user, gold, mine, mine, state, goals, clock);
    String otherLang = lang == Lang.VI ? "/admin?lang=en" : "/admin";
    ctx.html(Layout.plain(page, lang.t("nav.admin"), body.toString(), csrf, otherLang));
  }

  /** An ISO instant as dd/MM/yyyy HH:mm in Vietnam's time zone. */
  static String time(Object ts) {
    try {
      return TIME.format(Instant.parse(String.valueOf(ts)).atZone(Lang.ZONE));
    } catch (DateTimeParseException e) {
      return String.valueOf(ts);
    }
  }

  private static String label(Lang lang, String key, String fallback) {
    try {
      return lang.t(key);
    } catch (IllegalArgumentException e) {
      return fallback; // an event or detail of a newer version
    }
  }
}
