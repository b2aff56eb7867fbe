package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;

/**
 * Báo cáo ngày: whether each ward sent its daily report on time, day by day and ward by ward, and
 * (for analysts) the reports that were late, missing or differed from the system's figures.
 */
final class DailyPage {
  private DailyPage() {}

  /** Days of each status, and how far the reported figures were from the system's. */
  private static final class Days {
    long onTime;
    long late;
    long missing;
    long applicationsDifference;
    long activationsDifference;

    void add(DailyReportRow row) {
      if ("ON_TIME".equals(row.status())) {
        onTime++;
      } else if ("LATE".equals(row.status())) {
        late++;
      } else {
        missing++;
      }
      applicationsDifference += Math.abs(orZero(row.diffL2Applications()));
      activationsDifference += Math.abs(orZero(row.diffL2Activations()));
    }

    long total() {
      return onTime + late + missing;
    }

    /** A missing report weighs twice a late one. */
    long trouble() {
      return late + 2 * missing;
    }

    long[] byStatus() {
      return new long[] {onTime, late, missing};
    }
  }

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.daily") + " · " + page.unit().name());
    List<DailyReportRow> rows = page.gold().dailyReports(page.unit(), state.month());
    Map<String, Days> perDay = new TreeMap<>();
    Map<String, Days> perWard = new TreeMap<>();
    for (DailyReportRow row : rows) {
      perDay.computeIfAbsent(row.reportDate().toString(), d -> new Days()).add(row);
      perWard.computeIfAbsent(row.wardCode(), w -> new Days()).add(row);
    }
    content.heading(lang.t("nav.daily") + " · " + lang.month(state.month()));
    Map<String, long[]> chartDays = new TreeMap<>();
    perDay.forEach((day, days) -> chartDays.put(day, days.byStatus()));
    content.add(Charts.stackedDays("daily-chart", lang, chartDays));
    List<Column> wardColumns =
        List.of(
            new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
            new Column("ward_name", lang.t("ward"), Kind.TEXT),
            new Column("on_time_days", lang.t("daily.ontime"), Kind.COUNT),
            new Column("late_days", lang.t("daily.late"), Kind.COUNT),
            new Column("missing_days", lang.t("daily.missing"), Kind.COUNT),
            new Column("abs_diff_l2_applications", lang.t("daily.diff.apps"), Kind.COUNT),
            new Column("abs_diff_l2_activations", lang.t("daily.diff.acts"), Kind.COUNT));
    List<List<Cell>> wardCells = new ArrayList<>();
    List<Map.Entry<String, Days>> wards = new ArrayList<>(perWard.entrySet());
    wards.sort(
        Comparator.comparing((Map.Entry<String, Days> e) -> -e.getValue().trouble())
            .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, Days> entry : wards) {
      Days days = entry.getValue();
      String name =
          page.gold()
              .ward(WardView.AS_REPORTED, entry.getKey(), state.month())
              .map(WardInfo::wardName)
              .orElse(entry.getKey());
      wardCells.add(
          List.of(
              Cell.of(entry.getKey(), entry.getKey()),
              Cell.of(name, name),
              Cell.of(days.onTime, lang.count(days.onTime)),
              new Cell(days.late, lang.count(days.late), null, days.late > 0 ? late() : null),
              new Cell(
                  days.missing, lang.count(days.missing), null, days.missing > 0 ? missed() : null),
              Cell.of(days.applicationsDifference, lang.count(days.applicationsDifference)),
              Cell.of(days.activationsDifference, lang.count(days.activationsDifference))));
    }
    content.heading(lang.t("daily.byward"));
    content.add(new TableView("wards", lang.t("daily.byward"), wardColumns, wardCells));
    content.heading(lang.t("daily.problems"));
    if (page.user().role().ordinal() >= Pages.ANALYST_TABLES_ROLE.ordinal()) {
      content.add(
          dailyRows(
              page,
              rows.stream()
                  .filter(
                      row ->
                          !"ON_TIME".equals(row.status())
                              || nonZero(row.diffL2Applications())
                              || nonZero(row.diffL2Activations()))
                  .toList()));
    } else {
      content.raw(
          "<p class=\"note\" data-testid=\"analyst-only\">"
              + Html.esc(lang.t("role.analyst.only"))
              + "</p>");
    }
    return content;
  }

  /**
   * The rule of a daily report is "sent by 17:00 that day": a late report is close to it, a missing
   * one or one whose figures differ from the system's is behind it.
   */
  private static String late() {
    return Band.CLOSE.cssClass();
  }

  private static String missed() {
    return Band.BEHIND.cssClass();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static boolean nonZero(Long value) {
    return value != null && value != 0;
  }

  private static TableView dailyRows(PageContext page, List<DailyReportRow> rows) {
    Lang lang = page.lang();
    List<Column> columns =
        List.of(
            new Column("report_date", lang.t("daily.date"), Kind.DATE),
            new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
            new Column("ward_name", lang.t("ward"), Kind.TEXT),
            new Column("status", lang.t("daily.status"), Kind.TEXT),
            new Column("submitted_at", lang.t("daily.submitted"), Kind.TEXT),
            new Column("reported_l2_applications", lang.t("daily.reported.apps"), Kind.COUNT),
            new Column("system_l2_applications", lang.t("daily.system.apps"), Kind.COUNT),
            new Column("diff_l2_applications", lang.t("daily.diff.apps"), Kind.COUNT),
            new Column("reported_l2_activations", lang.t("daily.reported.acts"), Kind.COUNT),
            new Column("system_l2_activations", lang.t("daily.system.acts"), Kind.COUNT),
            new Column("diff_l2_activations", lang.t("daily.diff.acts"), Kind.COUNT));
    List<List<Cell>> cells = new ArrayList<>();
    for (DailyReportRow row : rows) {
      String name =
          page.gold()
              .ward(WardView.AS_REPORTED, row.wardCode(), row.month())
              .map(WardInfo::wardName)
              .orElse(row.wardCode());
      String status = row.status() == null ? "–" : lang.t("status." + row.status());
      String css =
          "ON_TIME".equals(row.status()) ? null : "LATE".equals(row.status()) ? late() : missed();
      cells.add(
          List.of(
              Cell.of(row.reportDate(), lang.date(row.reportDate())),
              Cell.of(row.wardCode(), row.wardCode()),
              Cell.of(name, name),
              new Cell(row.status(), status, null, css),
              Cell.of(
                  row.submittedAt() == null ? null : row.submittedAt().toString(),
                  lang.timeAndDate(row.submittedAt())),
              Cell.of(row.reportedL2Applications(), lang.count(row.reportedL2Applications())),
              Cell.of(row.systemL2Applications(), lang.count(row.systemL2Applications())),
              new Cell(
                  row.diffL2Applications(),
                  lang.count(row.diffL2Applications()),
                  null,
                  nonZero(row.diffL2Applications()) ? missed() : null),
              Cell.of(row.reportedL2Activations(), lang.count(row.reportedL2Activations())),
              Cell.of(row.systemL2Activations(), lang.count(row.systemL2Activations())),
              new Cell(
                  row.diffL2Activations(),
                  lang.count(row.diffL2Activations()),
                  null,
                  nonZero(row.diffL2Activations()) ? missed() : null)));
    }
    return new TableView("reports", lang.t("daily.problems"), columns, cells);
  }

  /** A ward's daily-report record month by month. */
  static TableView dailyByMonthTable(PageContext page, List<String> months) {
    Lang lang = page.lang();
    List<Column> columns =
        List.of(
            new Column("month", lang.t("month"), Kind.TEXT),
            new Column("on_time_days", lang.t("daily.ontime"), Kind.COUNT),
            new Column("late_days", lang.t("daily.late"), Kind.COUNT),
            new Column("missing_days", lang.t("daily.missing"), Kind.COUNT));
    List<List<Cell>> cells = new ArrayList<>();
    for (int i = months.size() - 1; i >= 0; i--) {
      Days days = new Days();
      page.gold().dailyReports(page.unit(), months.get(i)).forEach(days::add);
      if (days.total() == 0) {
        continue;
      }
      cells.add(
          List.of(
              Cell.of(months.get(i), lang.month(months.get(i))),
              Cell.of(days.onTime, lang.count(days.onTime)),
              Cell.of(days.late, lang.count(days.late)),
              Cell.of(days.missing, lang.count(days.missing))));
    }
    return new TableView("daily", lang.t("nav.daily"), columns, cells);
  }
}
