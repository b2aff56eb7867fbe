package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.KpiRow;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

/**
 * Chất lượng dữ liệu: the share of clean records month by month, the month's anomalies by ward
 * ({@link AnomalyList}), and the wards of the latest snapshot, worst first.
 */
final class QualityPage {
  private static final List<String> COLUMNS =
      List.of(
          "dq_records",
          "dq_incorrect",
          "dq_incomplete",
          "dq_unclean",
          "dq_stale",
          "dq_clean_records",
          "dq_clean_rate");

  private QualityPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.quality") + " · " + page.unit().name());
    List<String> months = PageParts.upTo(page.gold().months(state.view()), state.month());
    Map<String, Map<String, Object>> series = PageParts.monthly(page, months);
    List<String> snapshotMonths =
        months.stream().filter(m -> series.get(m).get("dq_records") != null).toList();
    content.add(
        Charts.lines(
            "quality-trend",
            lang.label(Metrics.require("dq_clean_rate")),
            lang,
            snapshotMonths,
            series,
            List.of("dq_clean_rate"),
            null));
    AnomalyList.addTo(page, content); // issue 24: the month's anomalies, by ward
    if (snapshotMonths.isEmpty()) {
      content.note(lang.t("quality.none"));
      return content;
    }
    String month = snapshotMonths.get(snapshotMonths.size() - 1);
    content.note(String.format(lang.t("quality.month"), lang.month(month)));
    List<KpiRow> rows = new ArrayList<>(page.gold().kpis(state.view(), page.unit(), month, month));
    rows.removeIf(row -> row.count("dq_records") == null);
    rows.sort(
        Comparator.comparing(
                (KpiRow row) -> (Double) row.value("dq_clean_rate"),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(KpiRow::wardCode));
    List<Column> columns =
        new ArrayList<>(
            List.of(
                new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
                new Column("ward_name", lang.t("ward"), Kind.TEXT)));
    for (String name : COLUMNS) {
      Metric metric = Metrics.require(name);
      columns.add(new Column(name, lang.label(metric), metric.isRate() ? Kind.RATE : Kind.COUNT));
    }
    // Each figure is judged against the reference live in the snapshot's month.
    Bands bands = Bands.of(page);
    Map<Metric, Set<Reference>> references = new LinkedHashMap<>();
    List<List<Cell>> cells = new ArrayList<>();
    for (KpiRow row : rows) {
      String href =
          PageParts.wardState(state, row).with("page", "overview").sortedBy(null, false).url();
      String wardName = PageParts.wardName(page, row);
      List<Cell> line =
          new ArrayList<>(
              List.of(
                  new Cell(row.wardCode(), row.wardCode(), href, null),
                  new Cell(wardName, wardName, href, null)));
      for (String name : COLUMNS) {
        Metric metric = Metrics.require(name);
        Object value = row.value(name);
        bands
            .reference(metric, row.wardCode(), month)
            .ifPresent(
                reference ->
                    references.computeIfAbsent(metric, m -> new LinkedHashSet<>()).add(reference));
        line.add(
            new Cell(
                value,
                lang.value(metric, value),
                null,
                bands.of(metric, row.wardCode(), month, value).cssClass()));
      }
      cells.add(line);
    }
    content.heading(lang.t("quality.worst"));
    content.add(new TableView("quality", lang.t("quality.worst"), columns, cells));
    references.forEach(
        (metric, used) ->
            content.raw(Bands.legend(page, metric, used, "quality-legend-" + metric.column())));
    return content;
  }
}
