package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.KpiRow;
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
    Bands bands = Bands.of(page);
    PageContent content =
        new PageContent(
            lang.t("nav.ranking") + " · " + lang.label(metric) + " · " + page.unit().name());
    content.heading(lang.t("league") + " · " + lang.month(page.state().month()));
    content.add(leagueTable(page, bands, "league", metricColumn));
    if (metric.isBanded()) {
      PageState state = page.state();
      Set<Reference> references = new LinkedHashSet<>();
      for (KpiRow row : page.gold().kpis(state.view(), page.unit(), state.month(), state.month())) {
        bands.reference(metric, row.wardCode(), state.month()).ifPresent(references::add);
      }
      content.raw(Bands.legend(page, metric, references, "league-legend"));
    }
    content.heading(lang.t("heatmap"));
    content.add(heatmap(page, bands, metric));
    return content;
  }

  /** One row per ward of the unit for the chosen month and view. */
  static TableView leagueTable(PageContext page, String id, String metricColumn) {
    return leagueTable(page, Bands.of(page), id, metricColumn);
  }

  static TableView leagueTable(PageContext page, Bands bands, String id, String metricColumn) {
    Lang lang = page.lang();
    PageState state = page.state();
    Metric metric = Metrics.require(metricColumn);
    List<KpiRow> rows =
        new ArrayList<>(page.gold().kpis(state.view(), page.unit(), state.month(), state.month()));
    Function<KpiRow, Double> value =
        row ->
            row.value(metricColumn) == null
                ? null
                : ((Number) row.value(metricColumn)).doubleValue();
    // Best first: the highest value, or the lowest where lower is better (errors, stale records).
    Comparator<Double> better =
        metric.direction() == Metric.Direction.LOWER_IS_BETTER
            ? Comparator.naturalOrder()
            : Comparator.reverseOrder();
    List<Double> best = rows.stream().map(value).filter(v -> v != null).sorted(better).toList();
    String sort = state.sort() == null ? "value" : state.sort();
    Comparator<KpiRow> order =
        switch (sort) {
          case "code" -> Comparator.comparing(KpiRow::wardCode);
          case "name" -> Comparator.comparing(row -> PageParts.wardName(page, row));
          default -> Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
    if (state.sort() == null) {
      rows.sort(Comparator.comparing(value, Comparator.nullsLast(better)));
    } else {
      rows.sort(state.ascending() ? order : order.reversed());
    }
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
                    "value")));
    if (metric.isRate()) {
      columns.add(new Column(metric.numerator(), lang.t("numerator"), Kind.COUNT));
      columns.add(new Column(metric.denominator(), lang.t("denominator"), Kind.COUNT));
    }
    List<List<Cell>> cells = new ArrayList<>();
    for (KpiRow row : rows) {
      Double v = value.apply(row);
      int rank = v == null ? 0 : best.indexOf(v) + 1;
      Band band = bands.of(metric, row.wardCode(), v);
      String href =
          PageParts.wardState(state, row)
              .with("page", "overview")
              .with("metric", null)
              .sortedBy(null, false)
              .url();
      String name = PageParts.wardName(page, row);
      List<Cell> line =
          new ArrayList<>(
              List.of(
                  Cell.of(rank == 0 ? null : (long) rank, rank == 0 ? "–" : lang.count(rank)),
                  new Cell(row.wardCode(), row.wardCode(), href, null),
                  new Cell(name, name, href, null),
                  new Cell(
                      row.value(metricColumn),
                      lang.value(metric, row.value(metricColumn)),
                      null,
                      band.cssClass())));
      if (metric.isRate()) {
        line.add(Cell.of(row.count(metric.numerator()), lang.count(row.count(metric.numerator()))));
        line.add(
            Cell.of(row.count(metric.denominator()), lang.count(row.count(metric.denominator()))));
      }
      cells.add(line);
    }
    return new TableView(id, lang.t("league") + " · " + lang.label(metric), columns, cells);
  }

  /**
   * Each ward's band month by month (the last 12 months): each cell judged against the reference
   * live in its own month, in the four band colours, with a legend naming the thresholds.
   */
  private static Chart heatmap(PageContext page, Bands bands, Metric metric) {
    PageState state = page.state();
    List<String> months = PageParts.upTo(page.gold().months(state.view()), state.month());
    months = months.subList(Math.max(0, months.size() - 12), months.size());
    List<KpiRow> rows =
        months.isEmpty()
            ? List.of()
            : page.gold()
                .kpis(state.view(), page.unit(), months.get(0), months.get(months.size() - 1));
    Map<String, String> wards = new TreeMap<>();
    for (KpiRow row : rows) {
      wards.putIfAbsent(row.wardCode(), row.wardCode() + " " + PageParts.wardName(page, row));
    }
    List<String> wardCodes = new ArrayList<>(wards.keySet());
    List<List<Object>> data = new ArrayList<>();
    Set<Reference> references = new LinkedHashSet<>();
    for (KpiRow row : rows) {
      Object value = row.value(metric.column());
      if (value != null) {
        bands.reference(metric, row.wardCode(), row.month()).ifPresent(references::add);
        Band band = bands.of(metric, row.wardCode(), row.month(), value);
        data.add(
            List.of(
                months.indexOf(row.month()),
                wardCodes.indexOf(row.wardCode()),
                Charts.number(metric, value),
                band.ordinal()));
      }
    }
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
        "heatmap",
        page.lang().label(metric),
        page.lang(),
        months,
        new ArrayList<>(wards.values()),
        data,
        pieces);
  }
}
