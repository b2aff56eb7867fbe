package vn.da06.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import vn.da06.goldread.DataVersion;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.UnitLevel;

/**
 * The HTML around a page's content: navigation, choices, breadcrumbs, data version, language
 * switch.
 */
final class Layout {
  /**
   * The ECharts bundle of the chart modules the pages use (dashboard/npm, built at
   * generate-resources), named after its content's hash.
   */
  static final String ECHARTS = "/static/vendor/" + echartsBundle();

  private static final ObjectMapper JSON = new ObjectMapper();

  private Layout() {}

  private static String echartsBundle() {
    try (java.io.InputStream in = Layout.class.getResourceAsStream("/static/vendor/echarts.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot find the ECharts bundle: static/vendor/echarts.txt is not on the class path"
                + " (build the dashboard with Maven, which runs dashboard/npm/build.sh)");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read static/vendor/echarts.txt", e);
    }
  }

  /** A bare page (login, errors): no navigation, the version if known. */
  static String bare(Lang lang, String title, String body, DataVersion version) {
    return head(lang, title, false)
        + "<body class=\"bare\"><main>"
        + body
        + "</main>"
        + footer(lang, version, null)
        + "</body></html>";
  }

  static String page(PageContext page, PageContent content, String csrf) {
    Lang lang = page.lang();
    PageState state = page.state();
    StringBuilder out = new StringBuilder(head(lang, content.title(), true));
    out.append("<body>")
        .append(header(page, csrf, state.with("lang", other(lang).code()).url(), false));

    out.append("<main>");
    out.append(breadcrumbs(page));
    out.append("<h1>").append(Html.esc(content.title())).append("</h1>");
    out.append(Freshness.line(page));
    out.append(controls(page));
    for (Object block : content.blocks()) {
      block(page, out, block);
    }
    out.append("</main>")
        .append(footer(lang, page.gold().version(), null))
        .append("</body></html>");
    return out.toString();
  }

  private static void block(PageContext page, StringBuilder out, Object block) {
    if (block instanceof PageContent.Raw raw) {
      out.append(raw.html());
    } else if (block instanceof PageContent.Cards cards) {
      out.append("<section class=\"cards\">");
      for (PageContent.Card card : cards.cards()) {
        out.append("<div class=\"card\"><div class=\"label\">")
            .append(Html.esc(card.label()))
            .append("</div><div class=\"value\">")
            .append(Html.esc(card.value()))
            .append("</div>");
        if (card.change() != null) {
          out.append("<div class=\"change\">").append(Html.esc(card.change())).append("</div>");
        }
        if (card.status() != null) {
          out.append("<div class=\"status ")
              .append(Html.esc(card.statusClass()))
              .append("\">")
              .append(Html.esc(card.status()))
              .append("</div>");
        }
        out.append("</div>");
      }
      out.append("</section>");
    } else if (block instanceof Chart chart) {
      out.append(chart(chart));
    } else if (block instanceof TableView table) {
      out.append(table(page, table));
    } else if (block instanceof PageContent.Fold fold) {
      out.append("<details class=\"fold\" data-testid=\"")
          .append(Html.esc(fold.testId()))
          .append("\"><summary>")
          .append(Html.esc(fold.summary()))
          .append("</summary>");
      fold.blocks().forEach(inside -> block(page, out, inside));
      out.append("</details>");
    }
  }

  /**
   * The header of a signed-in page: menu, admin link, language switch (to {@code langHref}), user
   * and sign-out.
   */
  static String header(PageContext page, String csrf, String langHref, boolean adminActive) {
    Lang lang = page.lang();
    PageState state = page.state();
    StringBuilder out = new StringBuilder("<header><div class=\"brand\"><a href=\"");
    out.append("")
        .append(
            Html.esc(
                state
                    .with("page", "overview")
                    .with("unit", page.mine().code())
                    .sortedBy(null, false)
                    .with("metric", null)
                    .url()))
        .append("\">")
        .append(Html.esc(lang.t("app.title")))
        .append("</a></div>");
    // On a phone the menu folds behind one button (app.js opens it; without script it stays open).
    out.append("<button type=\"button\" class=\"menu-toggle\" aria-controls=\"menu\"")
        .append(" aria-expanded=\"false\" data-menu-toggle>☰ ")
        .append(Html.esc(lang.t("menu")))
        .append("</button>");
    out.append("<nav aria-label=\"menu\" id=\"menu\">");
    for (String name : Pages.PAGES) {
      PageState target = state.with("page", name).sortedBy(null, false);
      out.append("<a href=\"")
          .append(Html.esc(target.url()))
          .append("\"")
          .append(
              !adminActive && name.equals(state.page())
                  ? " class=\"active\" aria-current=\"page\""
                  : "")
          .append(" data-page=\"")
          .append(name)
          .append("\">")
          .append(Html.esc(lang.t("nav." + name)))
          .append("</a>");
    }
    if (page.user().role() == vn.da06.warehouse.access.Role.ADMIN) {
      out.append("<a href=\"/admin")
          .append(lang == Lang.EN ? "?lang=en" : "")
          .append("\"")
          .append(adminActive ? " class=\"active\" aria-current=\"page\"" : "")
          .append(" data-page=\"admin\">")
          .append(Html.esc(lang.t("nav.admin")))
          .append("</a>");
    }
    out.append("</nav><div class=\"session\">");
    Lang other = lang == Lang.VI ? Lang.EN : Lang.VI;
    out.append("<a class=\"lang\" id=\"lang-switch\" hreflang=\"")
        .append(other.code())
        .append("\" href=\"")
        .append(Html.esc(langHref))
        .append("\">")
        .append(other == Lang.EN ? "English" : "Tiếng Việt")
        .append("</a>");
    out.append("<span class=\"user\">").append(Html.esc(page.user().name())).append("</span>");
    out.append(
            "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"")
        .append(Html.esc(csrf))
        .append("\"><button type=\"submit\">")
        .append(Html.esc(lang.t("logout")))
        .append("</button></form></div></header>");
    return out.toString();
  }

  private static Lang other(Lang lang) {
    return lang == Lang.VI ? Lang.EN : Lang.VI;
  }

  /** A signed-in page outside a unit's pages (administration): the header, no unit controls. */
  static String plain(PageContext page, String title, String body, String csrf, String langHref) {
    Lang lang = page.lang();
    return head(lang, title, false)
        + "<body>"
        + header(page, csrf, langHref, true)
        + "<main>"
        + body
        + "</main>"
        + footer(lang, page.gold().version(), null)
        + "</body></html>";
  }

  private static String head(Lang lang, String title, boolean charts) {
    return "<!doctype html><html lang=\""
        + lang.code()
        + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Html.esc(title)
        + " · "
        + Html.esc(lang.t("app.title"))
        + "</title>"
        + "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\">"
        + (charts ? "<script src=\"" + ECHARTS + "\" defer></script>" : "")
        + "<script src=\"/static/app.js\" defer></script></head>";
  }

  static String footer(Lang lang, DataVersion version, String extra) {
    String text =
        version == null
            ? ""
            : String.format(
                lang.t("version"), version.version(), lang.timeAndDate(version.updatedAt()));
    return "<footer><span class=\"version\" data-version=\""
        + (version == null ? "" : version.version())
        + "\">"
        + Html.esc(text)
        + "</span>"
        + (extra == null ? "" : extra)
        + "</footer>";
  }

  private static String breadcrumbs(PageContext page) {
    List<UnitScope> trail = new ArrayList<>();
    UnitScope unit = page.unit();
    if (unit.level() != UnitLevel.PROVINCE && unit.provinceCode() != null) {
      page.gold().unit(unit.provinceCode()).ifPresent(trail::add);
    }
    if (unit.level() == UnitLevel.WARD && unit.currentWards().isEmpty()) {
      // a pre-reform ward: its district existed then
      page.gold()
          .ward(WardView.AS_REPORTED, unit.code(), "2000-01")
          .flatMap(ward -> page.gold().unit(ward.districtCode() == null ? "" : ward.districtCode()))
          .ifPresent(trail::add);
    }
    trail.add(unit);
    StringBuilder out =
        new StringBuilder("<nav class=\"breadcrumbs\" aria-label=\"breadcrumbs\"><ol>");
    for (int i = 0; i < trail.size(); i++) {
      UnitScope crumb = trail.get(i);
      String text = PageParts.unitName(page.lang(), crumb);
      out.append("<li>");
      if (i < trail.size() - 1 && page.mine().covers(crumb)) {
        out.append("<a href=\"")
            .append(Html.esc(page.state().with("unit", crumb.code()).sortedBy(null, false).url()))
            .append("\">")
            .append(Html.esc(text))
            .append("</a>");
      } else {
        out.append("<span>").append(Html.esc(text)).append("</span>");
      }
      out.append("</li>");
    }
    return out.append("</ol></nav>").toString();
  }

  private static String controls(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    StringBuilder out =
        new StringBuilder("<form class=\"controls\" method=\"get\" action=\"")
            .append(Html.esc(state.path()))
            .append("\">");
    out.append("<label>")
        .append(Html.esc(lang.t("month")))
        .append(" <select name=\"month\" data-autosubmit>");
    List<String> months = new ArrayList<>(page.gold().months(state.view()));
    java.util.Collections.reverse(months);
    for (String month : months) {
      out.append("<option value=\"")
          .append(month)
          .append("\"")
          .append(month.equals(state.month()) ? " selected" : "")
          .append(">")
          .append(Html.esc(lang.month(month)))
          .append("</option>");
    }
    out.append("</select></label>");
    out.append("<label>")
        .append(Html.esc(lang.t("wards")))
        .append(" <select name=\"wards\" data-autosubmit>");
    for (WardView view : WardView.values()) {
      out.append("<option value=\"")
          .append(view.parameter())
          .append("\"")
          .append(view == state.view() ? " selected" : "")
          .append(">")
          .append(Html.esc(lang.t("wards." + view.parameter())))
          .append("</option>");
    }
    out.append("</select></label>");
    if (List.of("ranking", "overview", "targets", "map").contains(state.page())) {
      out.append("<label>")
          .append(Html.esc(lang.t("metric")))
          .append(" <select name=\"metric\" data-autosubmit>");
      String selected =
          state.metric() == null && !state.page().equals("targets")
              ? Pages.DEFAULT_RANKING_METRIC
              : state.metric();
      if (state.page().equals("targets")) {
        out.append("<option value=\"\"")
            .append(selected == null ? " selected" : "")
            .append(">–</option>");
      }
      for (Metric metric : Metrics.ALL) {
        out.append("<option value=\"")
            .append(metric.column())
            .append("\"")
            .append(metric.column().equals(selected) ? " selected" : "")
            .append(">")
            .append(Html.esc(lang.label(metric)))
            .append("</option>");
      }
      out.append("</select></label>");
    }
    if (lang == Lang.EN) {
      out.append("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    }
    if (state.era() != null) {
      out.append("<input type=\"hidden\" name=\"era\" value=\"")
          .append(Html.esc(state.era()))
          .append("\">");
    }
    out.append("<button type=\"submit\">").append(Html.esc(lang.t("show"))).append("</button>");
    out.append("<button type=\"button\" class=\"print\" data-print>")
        .append(Html.esc(lang.t("print")))
        .append("</button></form>");
    return out.toString();
  }

  private static String chart(Chart chart) {
    try {
      return "<figure class=\"chart-box\"><figcaption>"
          + Html.esc(chart.title())
          + "</figcaption><div class=\"chart\" id=\""
          + Html.esc(chart.id())
          + "\" data-height=\""
          + chart.height()
          + "\" data-chart=\""
          + Html.esc(JSON.writeValueAsString(chart.option()))
          + "\"></div></figure>";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart " + chart.id() + " cannot be written as JSON", e);
    }
  }

  private static String table(PageContext page, TableView table) {
    Lang lang = page.lang();
    PageState state = page.state();
    StringBuilder out =
        new StringBuilder("<section class=\"table-view\" id=\"table-")
            .append(Html.esc(table.id()))
            .append("\"><div class=\"exports\">")
            .append(Html.esc(lang.t("export")))
            .append(": ");
    for (Exports.Format format : Exports.Format.values()) {
      out.append("<a class=\"export\" data-format=\"")
          .append(format.id())
          .append("\" href=\"")
          .append(Html.esc(state.exportUrl(table.id(), format.id())))
          .append("\" download>")
          .append(Html.esc(lang.t(format.labelKey())))
          .append("</a> ");
    }
    out.append("</div>");
    if (table.rows().isEmpty()) {
      return out.append("<p class=\"note\">")
          .append(Html.esc(lang.t("nodata")))
          .append("</p></section>")
          .toString();
    }
    out.append("<div class=\"scroll\"><table data-table=\"")
        .append(Html.esc(table.id()))
        .append("\"><thead><tr>");
    for (TableView.Column column : table.columns()) {
      out.append("<th scope=\"col\" class=\"")
          .append(column.kind().name().toLowerCase())
          .append("\">");
      if (column.sortKey() != null) {
        boolean current = column.sortKey().equals(state.sort() == null ? "value" : state.sort());
        boolean ascending =
            current
                ? !(state.sort() == null ? false : state.ascending())
                : !column.sortKey().equals("value");
        out.append("<a href=\"")
            .append(Html.esc(state.sortedBy(column.sortKey(), ascending).url()))
            .append("#table-")
            .append(Html.esc(table.id()))
            .append("\">")
            .append(Html.esc(column.label()))
            .append(current ? (state.sort() != null && state.ascending() ? " ▲" : " ▼") : "")
            .append("</a>");
      } else {
        out.append(Html.esc(column.label()));
      }
      out.append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (List<TableView.Cell> row : table.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        TableView.Cell cell = row.get(i);
        String kind = table.columns().get(i).kind().name().toLowerCase();
        // data-label: the column's name, shown beside the value where a phone stacks rows as cards.
        out.append("<td class=\"")
            .append(kind)
            .append(cell.cssClass() == null ? "" : " " + Html.esc(cell.cssClass()))
            .append("\"")
            .append(cell.title() == null ? "" : " title=\"" + Html.esc(cell.title()) + "\"")
            .append(" data-label=\"")
            .append(Html.esc(table.columns().get(i).label()))
            .append("\">");
        if (cell.href() != null) {
          out.append("<a href=\"")
              .append(Html.esc(cell.href()))
              .append("\">")
              .append(Html.esc(cell.text()))
              .append("</a>");
        } else {
          out.append(Html.esc(cell.text()));
        }
        out.append("</td>");
      }
      out.append("</tr>");
    }
    return out.append("</tbody></table></div></section>").toString();
  }
}
