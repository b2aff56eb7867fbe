package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.League;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

/**
 * Xếp hạng: the league table of a unit's wards for one metric and month, best first in the metric's
 * direction, coloured by band, and the ward × month heatmap of the same bands.
 */
final class RankingPage {
  /** Heatmap colours of the four bands, in {@link Band} order (met, close, behind, none). */
  static final List<String> BAND_COLOURS = List.of("#1a9850", "#f2b01e", "#d73027", "#e4e7eb");

  private RankingPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    String metricColumn =
        page.state().metric() == null ? Pages.DEFAULT_RANKING_METRIC : page.state().metric();
    Metric metric = Metrics.require(metricColumn);
    UnitScope province = Standings.province(page);
    Bands bands = Bands.over(page, province);
    PageContent content =
        new PageContent(
            lang.t("nav.ranking") + " · " + lang.label(metric) + " · " + page.unit().name());
    content.heading(lang.t("league") + " · " + lang.month(page.state().month()));
    content.add(leagueTable(page, bands, "league", metricColumn));
    if (metric.isBanded()) {
      PageState state = page.state();
      Set<Reference> references = new LinkedHashSet<>();
      java.util.function.Predicate<String> listed = Standings.listed(page);
      for (KpiRow row : page.gold().kpis(state.view(), province, state.month(), state.month())) {
        if (listed.test(row.wardCode())) {
          bands.reference(metric, row.wardCode(), state.month()).ifPresent(references::add);
        }
      }
      content.raw(Bands.legend(page, metric, references, "league-legend"));
    }
    content.heading(lang.t("heatmap"));
    content.add(heatmap(page, bands, metric));
    return content;
  }

  /**
   * The wards the page may list (its own unit's; for a ward user the province's too only where the
   * province allows it: {@link Standings}), each with its rank among the province's wards, its
   * change and rank movement since last month; a ward's or district's page leads with the
   * province's own figure.
   */
  static TableView leagueTable(PageContext page, String id, String metricColumn) {
    return leagueTable(page, Bands.over(page, Standings.province(page)), id, metricColumn);
  }

  static TableView leagueTable(PageContext page, Bands bands, String id, String metricColumn) {
    Lang lang = page.lang();
    PageState state = page.state();
    Metric metric = Metrics.require(metricColumn);
    League league = Standings.league(page, metric);
    java.util.function.Predicate<String> listed = Standings.listed(page);
    List<League.Entry> entries =
        new ArrayList<>(
            league.entries().stream().filter(entry -> listed.test(entry.wardCode())).toList());
    boolean subset = entries.size() < league.entries().size();
    String sort = state.sort() == null ? "value" : state.sort();
    Comparator<League.Entry> order =
        switch (sort) {
          case "code" -> Comparator.comparing(League.Entry::wardCode);
          case "name" -> Comparator.comparing(League.Entry::wardName);
          case "change" ->
              Comparator.comparing(
                  League.Entry::change, Comparator.nullsFirst(Comparator.naturalOrder()));
          case "rank_change" ->
              Comparator.comparing(
                  League.Entry::rankChange, Comparator.nullsFirst(Comparator.naturalOrder()));
          // By value: the worst rank is the "lowest" value in the metric's own direction.
          default ->
              Comparator.comparing(
                  League.Entry::rank,
                  Comparator.nullsFirst(Comparator.<Integer>naturalOrder().reversed()));
        };
    if (state.sort() != null) {
      entries.sort(state.ascending() ? order : order.reversed());
    } // else: best first, as the league has them
    List<Column> columns =
        new ArrayList<>(
            List.of(
                new Column("rank", lang.t("rank"), Kind.COUNT),
                new Column("ward_code", lang.t("ward.code"), Kind.TEXT, "code"),
                new Column("ward_name", lang.t("ward"), Kind.TEXT, "name"),
                new Column(
                    metricColumn,
                    lang.label(metric),
                    metric.isRate() ? Kind.RATE : Kind.COUNT,
                    "value"),
                new Column(
                    metricColumn + "_change",
                    lang.t("league.change"),
                    metric.isRate() ? Kind.RATE : Kind.DECIMAL,
                    "change"),
                new Column("rank_change", lang.t("scorecard.move"), Kind.TEXT, "rank_change")));
    if (metric.isRate()) {
      columns.add(new Column(metric.numerator(), lang.t("numerator"), Kind.COUNT));
      columns.add(new Column(metric.denominator(), lang.t("denominator"), Kind.COUNT));
    }
    List<List<Cell>> cells = new ArrayList<>();
    UnitScope province = Standings.province(page);
    if (page.unit() != province) {
      cells.add(provinceRow(page, bands, metric, province));
    }
    for (League.Entry entry : entries) {
      KpiRow row = entry.row();
      String href =
          Standings.canOpen(page.gold(), page.mine(), entry.wardCode())
              ? PageParts.wardState(state, row)
                  .with("page", "overview")
                  .with("metric", null)
                  .sortedBy(null, false)
                  .url()
              : null;
      Integer rank = entry.rank();
      String rankText =
          rank == null
              ? "–"
              : subset ? lang.count(rank) + " / " + lang.count(league.ranked()) : lang.count(rank);
      Double change = entry.change();
      List<Cell> line =
          new ArrayList<>(
              List.of(
                  new Cell(
                      rank == null ? null : (long) rank,
                      rankText,
                      null,
                      subset ? entry.band().cssClass() : null),
                  new Cell(entry.wardCode(), entry.wardCode(), href, null),
                  new Cell(
                      entry.wardName(),
                      entry.wardName(),
                      href,
                      entry.wardCode().equals(page.unit().code()) ? "own" : null),
                  new Cell(
                      row.value(metricColumn),
                      lang.value(metric, row.value(metricColumn)),
                      null,
                      entry.band().cssClass(),
                      ScorecardPage.title(
                          lang,
                          metric,
                          new vn.da06.goldread.Scorecard.Cell(
                              metric, entry.value(), entry.reference(), entry.band(), null, rank))),
                  new Cell(
                      change, changeText(lang, metric, change), null, changeClass(metric, change)),
                  new Cell(
                      entry.rankChange(),
                      Standings.movement(entry.rankChange()),
                      null,
                      Standings.movementClass(entry.rankChange()))));
      if (metric.isRate()) {
        line.add(Cell.of(row.count(metric.numerator()), lang.count(row.count(metric.numerator()))));
        line.add(
            Cell.of(row.count(metric.denominator()), lang.count(row.count(metric.denominator()))));
      }
      cells.add(line);
    }
    return new TableView(id, lang.t("league") + " · " + lang.label(metric), columns, cells);
  }

  /** The province's own figure, the first line of a ward's or district's league table. */
  private static List<Cell> provinceRow(
      PageContext page, Bands bands, Metric metric, UnitScope province) {
    Lang lang = page.lang();
    PageState state = page.state();
    java.util.Map<String, Object> values =
        page.gold().aggregate(state.view(), province, state.month()).values();
    Object value = values.get(metric.column());
    vn.da06.warehouse.Reference reference =
        bands.references().reference(metric, province.code(), state.month()).orElse(null);
    Band band = bands.against(metric, reference, value);
    String name = lang.t("scorecard.province") + " " + province.name();
    String href =
        page.mine().covers(province)
            ? state.with("unit", province.code()).with("era", null).sortedBy(null, false).url()
            : null;
    List<Cell> line =
        new ArrayList<>(
            List.of(
                Cell.of(null, ""),
                new Cell(province.code(), province.code(), href, null),
                new Cell(name, name, href, "province"),
                new Cell(
                    value,
                    lang.value(metric, value),
                    null,
                    band.cssClass(),
                    band.label(lang == Lang.VI)
                        + (reference == null
                            ? ""
                            : " · " + Bands.describe(lang, metric, reference))),
                Cell.of(null, ""),
                Cell.of(null, "")));
    if (metric.isRate()) {
      Object numerator = values.get(metric.numerator());
      Object denominator = values.get(metric.denominator());
      line.add(Cell.of(numerator, lang.count((Number) numerator)));
      line.add(Cell.of(denominator, lang.count((Number) denominator)));
    }
    return line;
  }

  /** "+2,5 điểm %" for a rate, "+120" for a count; empty where last month is unknown. */
  private static String changeText(Lang lang, Metric metric, Double change) {
    if (change == null) {
      return "";
    }
    String sign = change > 0 ? "+" : change == 0 ? "±" : "";
    return metric.isRate()
        ? sign + lang.decimal(change * 100) + " " + (lang == Lang.VI ? "điểm %" : "pp")
        : sign + lang.count(change);
  }

  /** Up in the metric's good direction is good, the other way bad. */
  private static String changeClass(Metric metric, Double change) {
    if (change == null || change == 0 || !metric.isBanded()) {
      return null;
    }
    boolean better =
        metric.direction() == Metric.Direction.LOWER_IS_BETTER ? change < 0 : change > 0;
    return better ? "move up" : "move down";
  }

  /**
   * Each ward's band month by month (the last 12 months): each cell judged against the reference
   * live in its own month, in the four band colours, with a legend naming the thresholds.
   */
  private static Chart heatmap(PageContext page, Bands bands, Metric metric) {
    PageState state = page.state();
    // Never former and current wards in one picture: a month from July 2025 on is shown in today's
    // wards (restated back in time); an earlier month as reported stays before the reform.
    WardView view =
        state.month().compareTo(UnitScope.REFORM_MONTH) >= 0 ? WardView.CURRENT : state.view();
    List<String> months = PageParts.upTo(page.gold().months(view), state.month());
    if (view == WardView.AS_REPORTED) {
      months = months.stream().filter(m -> m.compareTo(UnitScope.REFORM_MONTH) < 0).toList();
    }
    months = months.subList(Math.max(0, months.size() - 12), months.size());
    java.util.function.Predicate<String> listed =
        Standings.listed(
            page.gold(), page.mine(), page.unit(), page.steering(), view, state.month());
    UnitScope scope =
        Standings.wholeProvince(page.unit(), Standings.province(page), page.steering())
            ? Standings.province(page)
            : page.unit();
    List<KpiRow> rows =
        months.isEmpty()
            ? List.of()
            : page.gold().kpis(view, scope, months.get(0), months.get(months.size() - 1)).stream()
                .filter(row -> listed.test(row.wardCode()))
                .toList();
    // Rows sorted by the latest month's value, best at the top (ECharts draws y from the bottom).
    Map<String, Double> latest = new java.util.HashMap<>();
    Map<String, String> names = new java.util.HashMap<>();
    for (KpiRow row : rows) {
      names.put(
          row.wardCode(),
          row.wardCode()
              + " "
              + page.gold()
                  .ward(view, row.wardCode(), row.month())
                  .map(vn.da06.goldread.WardInfo::wardName)
                  .orElse(row.wardCode()));
      if (row.month().equals(state.month())) {
        Object value = row.value(metric.column());
        latest.put(row.wardCode(), value == null ? null : ((Number) value).doubleValue());
      }
    }
    Map<String, Integer> ranks = vn.da06.goldread.Scorecard.rankByValue(latest, metric);
    List<String> wardCodes = new ArrayList<>(names.keySet());
    wardCodes.sort(
        Comparator.comparing(
                (String code) -> ranks.get(code),
                Comparator.nullsFirst(Comparator.<Integer>naturalOrder().reversed()))
            .thenComparing(Comparator.<String>reverseOrder()));
    List<List<Object>> data = new ArrayList<>();
    Set<Reference> references = new LinkedHashSet<>();
    for (KpiRow row : rows) {
      Object value = row.value(metric.column());
      if (value != null) {
        Optional<Reference> reference = bands.reference(metric, row.wardCode(), row.month());
        reference.ifPresent(references::add);
        Band band = bands.against(metric, reference.orElse(null), value);
        data.add(
            List.of(
                months.indexOf(row.month()),
                wardCodes.indexOf(row.wardCode()),
                Charts.number(metric, value),
                band.ordinal()));
      }
    }
    List<String> wardLabels = wardCodes.stream().map(names::get).toList();
    List<String> labels = Bands.thresholds(page.lang(), metric, references, page.goals().margins());
    List<Map<String, Object>> pieces = new ArrayList<>();
    for (Band band : Band.values()) {
      pieces.add(
          Charts.map(
              "value",
              band.ordinal(),
              "label",
              labels.get(band.ordinal()),
              "color",
              BAND_COLOURS.get(band.ordinal())));
    }
    return Charts.heatmap(
        "heatmap", page.lang().label(metric), page.lang(), months, wardLabels, data, pieces);
  }
}
