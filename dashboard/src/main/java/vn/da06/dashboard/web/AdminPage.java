package vn.da06.dashboard.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/**
 * {@code GET /admin} (role admin): the users of the administrator's unit (name, unit, role, whether
 * a token was issued; never a hash) and the latest audit entries of those users. Users are still
 * changed with {@code ./da06 users}; this page shows who may see what and what they did.
 */
final class AdminPage {
  static final int AUDIT_ROWS = 200;

  private final UserDirectory users;
  private final AuditLog audit;

  AdminPage(UserDirectory users, AuditLog audit) {
    this.users = users;
    this.audit = audit;
  }

  void show(Context ctx, GoldData gold) {
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
        new StringBuilder("<section class=\"admin\"><p><a href=\"/units/")
            .append(Html.esc(mine.code()))
            .append(lang == Lang.EN ? "?lang=en" : "")
            .append("\">")
            .append(Html.esc(lang.t("back")))
            .append("</a></p>")
            .append("<h1>")
            .append(Html.esc(lang.t("nav.admin") + " · " + mine.name()))
            .append("</h1>")
            .append("<h2>")
            .append(Html.esc(lang.t("admin.users")))
            .append("</h2>")
            .append("<table data-table=\"users\"><thead><tr><th>")
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
    body.append("</tbody></table>");

    List<Map<String, Object>> entries = new ArrayList<>();
    for (Map<String, Object> entry : audit.tail()) {
      if (entry.get("user") instanceof String name && names.contains(name)) {
        entries.add(entry);
      }
    }
    Collections.reverse(entries);
    entries = entries.subList(0, Math.min(AUDIT_ROWS, entries.size()));
    body.append("<h2>")
        .append(Html.esc(lang.t("admin.audit")))
        .append("</h2>")
        .append("<table data-table=\"audit\"><thead><tr><th>")
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
            if (!List.of("ts", "event", "user").contains(key)) {
              detail.append(detail.length() == 0 ? "" : ", ").append(key).append('=').append(value);
            }
          });
      body.append("<tr><td>")
          .append(Html.esc(String.valueOf(entry.get("ts"))))
          .append("</td><td>")
          .append(Html.esc(String.valueOf(entry.get("event"))))
          .append("</td><td>")
          .append(Html.esc(String.valueOf(entry.get("user"))))
          .append("</td><td>")
          .append(Html.esc(detail.toString()))
          .append("</td></tr>");
    }
    body.append("</tbody></table></section>");
    ctx.html(Layout.bare(lang, lang.t("nav.admin"), body.toString(), gold.version()));
  }
}
