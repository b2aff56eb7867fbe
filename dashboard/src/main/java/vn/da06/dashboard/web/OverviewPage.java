package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.dashboard.web.PageContent.Card;
import vn.da06.dashboard.web.PageContent.Cards;
import vn.da06.dashboard.web.PageContent.Fold;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.Scorecard;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Headline;
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
    PageContent content =
        new PageContent(lang.t("nav.overview") + " · " + PageParts.unitName(lang, unit));
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
    if (unit.level() == UnitLevel.WARD) {
      content.raw(compositeRank(page));
    }
    content.raw(HeadlineStrip.html(page, months, series));

    List<Card> cards = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      if (Headline.isHeadline(metric)) {
        continue;
      }
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
    content.add(new Fold(lang.t("headline.all"), "all-indicators", List.of(new Cards(cards))));
    // Việc cần làm: the live targets furthest behind, yesterday's missing daily reports, the
    // monthly reports due.
    content.raw(TodoList.html(page));
    if (unit.level() != UnitLevel.WARD) {
      // Then the scorecard: wards × headline indicators, every cell one click from its ward (the
      // league of one metric is on the ranking page).
      Scorecard card = Standings.scorecard(page);
      content.heading(lang.t("scorecard") + " · " + lang.month(state.month()));
      content.add(ScorecardPage.table(page, card));
      content.raw(
          "<p class=\"note\"><a href=\""
              + Html.esc(state.with("page", "scorecard").sortedBy(null, false).url())
              + "\">"
              + Html.esc(lang.t("scorecard.open"))
              + "</a></p>");
    }

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
            onlineReference.orElse(null),
            online));

    if (unit.level() != UnitLevel.WARD) {
      if (unit.level() == UnitLevel.PROVINCE
          && state.view() == WardView.AS_REPORTED
          && state.month().compareTo(UnitScope.REFORM_MONTH) < 0) {
        content.heading(lang.t("districts"));
        content.add(districtTable(page));
      }
    } else {
      content.raw(PageParts.eraNote(page));
      content.heading(lang.t("nav.targets"));
      content.add(TargetsPage.liveTable(page, "targets", TargetsPage.live(page)));
      content.heading(lang.t("allmetrics"));
      content.add(
          new Fold(
              lang.t("details.show"),
              "metrics-detail",
              List.of(allMetricsTable(page, months, series))));
      content.heading(lang.t("nav.daily"));
      content.add(
          new Fold(
              lang.t("details.show"),
              "daily-detail",
              List.of(DailyPage.dailyByMonthTable(page, months))));
    }
    return content;
  }

  /** "Hạng chung 33/65 ▲3": the ward's composite rank among the province's wards. */
  private static String compositeRank(PageContext page) {
    Scorecard card = Standings.scorecard(page);
    return card.ward(page.unit().code())
        .filter(line -> line.rank() != null)
        .map(
            line ->
                "<p class=\"composite-rank\" data-testid=\"composite-rank\">"
                    + Html.esc(page.t("scorecard.rank"))
                    + ": <strong>"
                    + line.rank()
                    + "/"
                    + card.ranked()
                    + "</strong> "
                    + Html.esc(Standings.movement(line.rankChange()))
                    + " · "
                    + Html.esc(page.t("scorecard.composite"))
                    + " "
                    + Html.esc(page.lang().rate(line.composite()))
                    + "</p>")
        .orElse("");
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

  /**
   * The districts of a province before the reform, with the selected metric's figure of the month
   * (summed over their wards as reported, coloured by its band) and how many wards reported.
   */
  private static TableView districtTable(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    Metric metric =
        Metrics.require(state.metric() == null ? Pages.DEFAULT_RANKING_METRIC : state.metric());
    Bands bands = Bands.of(page);
    List<Column> columns =
        List.of(
            new Column("district_code", lang.t("ward.code"), Kind.TEXT),
            new Column("district_name", lang.t("district"), Kind.TEXT),
            new Column(
                metric.column(), lang.label(metric), metric.isRate() ? Kind.RATE : Kind.COUNT),
            new Column("ward_count", lang.t("district.wards"), Kind.COUNT));
    List<List<Cell>> cells = new ArrayList<>();
    for (UnitScope district : page.gold().districts(page.unit())) {
      String href = state.with("unit", district.code()).sortedBy(null, false).url();
      GoldData.Aggregate figures = page.gold().aggregate(state.view(), district, state.month());
      Object value = figures.values().get(metric.column());
      cells.add(
          List.of(
              new Cell(district.code(), district.code(), href, null),
              new Cell(district.name(), PageParts.unitName(lang, district), href, null),
              new Cell(
                  value,
                  lang.value(metric, value),
                  null,
                  bands.of(metric, district.code(), value).cssClass()),
              Cell.of(figures.wardCount(), lang.count(figures.wardCount()))));
    }
    return new TableView("districts", lang.t("districts"), columns, cells);
  }
}
