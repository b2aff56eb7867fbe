package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.dashboard.web.PageContent.Card;
import vn.da06.dashboard.web.PageContent.Cards;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.access.UnitLevel;

/**
 * Tổng quan: a unit's figures of the month against last month and its targets, trends, and the
 * units below it; on a ward, every metric month by month, its targets and daily reports.
 */
final class OverviewPage {
  private OverviewPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    UnitScope unit = page.unit();
    List<String> months = PageParts.upTo(page.gold().months(state.view()), state.month());
    Map<String, Map<String, Object>> series = PageParts.monthly(page, months);
    PageContent content = new PageContent(lang.t("nav.overview") + " · " + unit.name());
    Map<String, Object> now = series.getOrDefault(state.month(), Map.of());
    Map<String, Object> before =
        months.size() >= 2 ? series.get(months.get(months.size() - 2)) : null;
    Map<String, TargetRow> targetsNow = new LinkedHashMap<>();
    for (TargetRow target : page.gold().targets(unit)) {
      if (target.unitCode().equals(unit.code()) && state.month().equals(target.asOfMonth())) {
        targetsNow.merge(target.metric(), target, (a, b) -> attainment(a) <= attainment(b) ? a : b);
      }
    }

    Metric online = Metrics.require("online_rate");
    Optional<Reference> onlineReference =
        Bands.of(page).reference(online, unit.code(), state.month());
    content.raw(onlineGoal(page, online, onlineReference, now.get(online.column())));

    List<Card> cards = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      Object value = now.get(metric.column());
      String change =
          PageParts.change(
              lang, metric, value, before == null ? null : before.get(metric.column()));
      TargetRow target = targetsNow.get(metric.column());
      String status =
          target == null
              ? null
              : (Boolean.TRUE.equals(target.onTrack())
                      ? lang.t("target.ontrack")
                      : lang.t("target.atrisk"))
                  + " ("
                  + lang.rate(target.attainment())
                  + ")";
      cards.add(
          new Card(
              lang.label(metric),
              lang.value(metric, value),
              change,
              status,
              target == null ? null : Boolean.TRUE.equals(target.onTrack()) ? "good" : "bad"));
    }
    content.add(new Cards(cards));
    content.raw(TodoList.html(page)); // h-tgt: the lead places it under the headline strip

    content.heading(lang.t("trend"));
    content.add(
        Charts.lines(
            "trend-eid",
            lang.label(Metrics.require("eid_l2_coverage_rate"))
                + ", "
                + lang.label(Metrics.require("eid_activation_rate")),
            lang,
            months,
            series,
            List.of("eid_activation_rate", "eid_l2_coverage_rate"),
            null));
    content.add(
        Charts.bars(
            "trend-l2",
            lang.label(Metrics.require("eid_applications_l2"))
                + ", "
                + lang.label(Metrics.require("eid_activations_l2")),
            lang,
            months,
            series,
            List.of("eid_applications_l2", "eid_activations_l2")));
    content.add(
        Charts.lines(
            "trend-online",
            lang.t("online.goal"),
            lang,
            months,
            series,
            List.of("online_rate", "essential_online_rate"),
            onlineReference.map(Reference::value).orElse(null)));

    if (unit.level() != UnitLevel.WARD) {
      if (unit.level() == UnitLevel.PROVINCE
          && state.view() == WardView.AS_REPORTED
          && state.month().compareTo(UnitScope.REFORM_MONTH) < 0) {
        content.heading(lang.t("districts"));
        content.add(districtTable(page));
      }
      content.heading(lang.t("subunits"));
      content.add(
          RankingPage.leagueTable(
              page,
              "subunits",
              state.metric() == null ? Pages.DEFAULT_RANKING_METRIC : state.metric()));
    } else {
      content.raw(PageParts.eraNote(page));
      content.heading(lang.t("allmetrics"));
      content.add(allMetricsTable(page, months, series));
      content.heading(lang.t("nav.targets"));
      content.add(TargetsPage.liveTable(page, "targets", TargetsPage.live(page)));
      content.heading(lang.t("nav.daily"));
      content.add(DailyPage.dailyByMonthTable(page, months));
    }
    return content;
  }

  /**
   * The unit's online rate of the month against the reference that applies to it (its live target,
   * else its province's, else the goal), coloured by its band.
   */
  private static String onlineGoal(
      PageContext page, Metric online, Optional<Reference> reference, Object value) {
    Lang lang = page.lang();
    Band band = Bands.of(page).against(online, reference.orElse(null), value);
    String verdict =
        value == null
            ? lang.t("nodata")
            : band.label(lang == Lang.VI)
                + reference.map(r -> " (" + Bands.describe(lang, online, r) + ")").orElse("");
    return "<p class=\"goal "
        + band.cssClass()
        + "\" data-testid=\"online-goal\" data-band=\""
        + band.apiName()
        + "\">"
        + Html.esc(lang.t("online.goal"))
        + " · "
        + Html.esc(lang.month(page.state().month()))
        + ": <strong>"
        + Html.esc(lang.rate((Number) value))
        + "</strong> — "
        + Html.esc(verdict)
        + "</p>";
  }

  private static double attainment(TargetRow row) {
    return row.attainment() == null ? Double.MAX_VALUE : row.attainment();
  }

  private static TableView allMetricsTable(
      PageContext page, List<String> months, Map<String, Map<String, Object>> series) {
    Lang lang = page.lang();
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("month", lang.t("month"), Kind.TEXT));
    for (Metric metric : Metrics.ALL) {
      columns.add(
          new Column(
              metric.column(), lang.label(metric), metric.isRate() ? Kind.RATE : Kind.COUNT));
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (int i = months.size() - 1; i >= 0; i--) {
      String month = months.get(i);
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(month, lang.month(month)));
      for (Metric metric : Metrics.ALL) {
        Object value = series.get(month).get(metric.column());
        row.add(Cell.of(value, lang.value(metric, value)));
      }
      rows.add(row);
    }
    return new TableView("metrics", lang.t("allmetrics"), columns, rows);
  }

  private static TableView districtTable(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    List<Column> columns =
        List.of(
            new Column("district_code", lang.t("ward.code"), Kind.TEXT),
            new Column("district_name", lang.t("district"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    for (UnitScope district : page.gold().districts(page.unit())) {
      String href = state.with("unit", district.code()).sortedBy(null, false).url();
      cells.add(
          List.of(
              new Cell(district.code(), district.code(), href, null),
              new Cell(district.name(), district.name(), href, null)));
    }
    return new TableView("districts", lang.t("districts"), columns, cells);
  }
}
