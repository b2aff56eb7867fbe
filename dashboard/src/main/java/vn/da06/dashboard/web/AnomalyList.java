package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.AnomalyRow;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.AnomalyReasons;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Metrics;

/**
 * The quality page's list of the month's anomalies ({@code gold.anomalies}) of the unit's wards, by
 * ward, each ward linking to its own page.
 */
final class AnomalyList {

  private AnomalyList() {}

  static void addTo(PageContext page, PageContent content) {
    Lang lang = page.lang();
    String month = page.state().month();
    if (month == null) {
      return;
    }
    List<AnomalyRow> all = page.gold().anomalies(page.unit(), month);
    // A ward's daily mismatches are one line (the days counted), not one line a day: a month of
    // daily rows would bury every other finding.
    List<AnomalyRow> rows = new ArrayList<>();
    java.util.Map<String, List<AnomalyRow>> daily = new java.util.LinkedHashMap<>();
    for (AnomalyRow row : all) {
      if (row.metric().equals(AnomalyRules.DAILY_REPORT)) {
        List<AnomalyRow> days = daily.computeIfAbsent(row.unitCode(), code -> new ArrayList<>());
        if (days.isEmpty()) {
          rows.add(row);
        }
        days.add(row);
      } else {
        rows.add(row);
      }
    }
    String title = String.format(lang.t("anomaly.title"), lang.month(month), rows.size());
    content.heading(title);
    if (rows.isEmpty()) {
      content.note(lang.t("anomaly.none"));
      return;
    }
    content.note(lang.t("anomaly.explain"));
    List<Column> columns =
        List.of(
            new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
            new Column("ward_name", lang.t("ward"), Kind.TEXT),
            new Column("period", lang.t("anomaly.period"), Kind.TEXT),
            new Column("metric", lang.t("anomaly.metric"), Kind.TEXT),
            new Column("value", lang.t("anomaly.value"), Kind.COUNT),
            new Column("expected", lang.t("anomaly.expected"), Kind.TEXT),
            new Column("method", lang.t("anomaly.method"), Kind.TEXT),
            new Column("reason", lang.t("anomaly.reason"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    boolean vi = lang == Lang.VI;
    for (AnomalyRow row : rows) {
      String href =
          page.state()
              .with("unit", row.unitCode())
              .with("wards", WardView.CURRENT.parameter())
              .with("page", "overview")
              .with("month", row.month())
              .sortedBy(null, false)
              .url();
      String name =
          page.gold()
              .ward(WardView.CURRENT, row.unitCode(), row.month())
              .map(WardInfo::wardName)
              .orElse(row.unitCode());
      String metric =
          row.metric().equals(AnomalyRules.DAILY_REPORT)
              ? lang.t("nav.daily")
              : Metrics.byColumn(row.metric()).map(lang::label).orElse(row.metric());
      String expected =
          row.expectedLow() == null || row.expectedHigh() == null
              ? "–"
              : lang.count(Math.round(row.expectedLow()))
                  + " – "
                  + lang.count(Math.round(row.expectedHigh()));
      List<AnomalyRow> days =
          row.metric().equals(AnomalyRules.DAILY_REPORT)
              ? daily.getOrDefault(row.unitCode(), List.of(row))
              : List.of(row);
      String period =
          days.size() == 1
              ? AnomalyReasons.period(row.period(), vi)
              : days.size()
                  + (vi ? " ngày: " : " days: ")
                  + AnomalyReasons.period(days.get(0).period(), vi)
                  + " – "
                  + AnomalyReasons.period(days.get(days.size() - 1).period(), vi);
      cells.add(
          List.of(
              new Cell(row.unitCode(), row.unitCode(), href, null),
              new Cell(name, name, href, null),
              Cell.of(row.period(), period),
              Cell.of(row.metric(), metric),
              Cell.of(row.value(), row.value() == null ? "–" : lang.count(Math.round(row.value()))),
              Cell.of(expected, expected),
              Cell.of(row.method(), AnomalyMarks.method(lang, row.method())),
              Cell.of(row.reason(vi), "⚠ " + row.reason(vi))));
    }
    content.add(new TableView("anomalies", title, columns, cells));
  }
}
