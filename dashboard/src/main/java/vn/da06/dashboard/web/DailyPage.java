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

  /**
   * The days of a ward (or of a unit's wards together) by status: each day counts once, on time
   * when every report of that day came before 17:00 (a ward whose former wards are summed), late
   * when one came after, missing when one did not come; never more days than the month has.
   */
  static final class Days {
    private final Map<java.time.LocalDate, Integer> worst = new TreeMap<>();
    long applicationsDifference;
    long activationsDifference;

    void add(DailyReportRow row) {
      worst.merge(row.reportDate(), TodoList.rank(row), Math::max);
      applicationsDifference += Math.abs(orZero(row.diffL2Applications()));
      activationsDifference += Math.abs(orZero(row.diffL2Activations()));
    }

    private long count(int rank) {
      return worst.values().stream().filter(value -> value == rank).count();
    }

    long onTime() {
      return count(0);
    }

    long late() {
      return count(1);
    }

    long missing() {
      return count(2);
    }

    long total() {
      return worst.size();
    }

    /** The share of the days on record that were on time; null without any. */
    Double onTimeShare() {
      return worst.isEmpty() ? null : (double) onTime() / total();
    }

    /** A missing report weighs twice a late one. */
    long trouble() {
      return late() + 2 * missing();
    }

    long[] byStatus() {
      return new long[] {onTime(), late(), missing()};
    }
  }

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.daily") + " · " + page.unit().name());
    content.raw(todayAndYesterday(page));
    List<DailyReportRow> rows = page.gold().dailyReports(page.unit(), state.month());
    // per day: each ward once, at its worst status of the day
    Map<java.time.LocalDate, Map<String, Integer>> perDay = new TreeMap<>();
    Map<String, Days> perWard = new TreeMap<>();
    for (DailyReportRow row : rows) {
      perDay
          .computeIfAbsent(row.reportDate(), d -> new TreeMap<>())
          .merge(row.wardCode(), TodoList.rank(row), Math::max);
      perWard.computeIfAbsent(row.wardCode(), w -> new Days()).add(row);
    }
    content.heading(lang.t("nav.daily") + " · " + lang.month(state.month()));
    content.raw(gaps(page, perDay.keySet()));
    Map<String, long[]> chartDays = new TreeMap<>();
    perDay.forEach(
        (day, wards) -> {
          long[] counts = new long[3];
          wards.values().forEach(rank -> counts[rank]++);
          chartDays.put(day.toString(), counts);
        });
    content.add(Charts.stackedDays("daily-chart", lang, chartDays));
    List<Column> wardColumns =
        List.of(
            new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
            new Column("ward_name", lang.t("ward"), Kind.TEXT),
            new Column("on_time_share", lang.t("daily.share"), Kind.RATE),
            new Column("on_time_days", lang.t("daily.ontime"), Kind.COUNT),
            new Column("late_days", lang.t("daily.late"), Kind.COUNT),
            new Column("missing_days", lang.t("daily.missing"), Kind.COUNT),
            new Column("days_on_record", lang.t("daily.days.recorded"), Kind.COUNT),
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
      String href = wardHref(page, entry.getKey(), state.month());
      long onTime = days.onTime();
      long late = days.late();
      long missing = days.missing();
      wardCells.add(
          List.of(
              new Cell(entry.getKey(), entry.getKey(), href, null),
              new Cell(name, name, href, null),
              // no target for the share: uncoloured (the late and missing days are marked)
              Cell.of(days.onTimeShare(), lang.rate(days.onTimeShare())),
              Cell.of(onTime, lang.count(onTime)),
              new Cell(late, lang.count(late), null, late > 0 ? late() : null),
              new Cell(missing, lang.count(missing), null, missing > 0 ? missed() : null),
              Cell.of(days.total(), lang.count(days.total())),
              Cell.of(days.applicationsDifference, lang.count(days.applicationsDifference)),
              Cell.of(days.activationsDifference, lang.count(days.activationsDifference))));
    }
    content.raw(
        "<p class=\"note\" data-testid=\"daily-rule\">" + Html.esc(lang.t("daily.rule")) + "</p>");
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
   * Hôm nay / Hôm qua: for each of the two days, how many wards reported before 17:00, late or not
   * at all, the wards that did not report on time (links to their pages), and where the record does
   * not reach the day, up to which date it does.
   */
  static String todayAndYesterday(PageContext page) {
    Lang lang = page.lang();
    java.time.LocalDate today = page.today();
    java.util.Optional<java.time.LocalDate> latest = TodoList.latestReportDay(page, today);
    StringBuilder out =
        new StringBuilder("<section class=\"daily-days\" data-testid=\"daily-days\">");
    for (int back = 0; back <= 1; back++) {
      java.time.LocalDate day = today.minusDays(back);
      String title =
          String.format(lang.t(back == 0 ? "daily.today" : "daily.yesterday"), lang.date(day));
      out.append("<div class=\"todo-group\" data-day=\"").append(day).append("\"><h3>");
      out.append(Html.esc(title)).append("</h3>");
      Map<String, DailyReportRow> wards = TodoList.day(page, day);
      if (wards.isEmpty()) {
        String text =
            latest.isEmpty()
                ? lang.t("todo.daily.none")
                : latest.get().isBefore(day)
                    ? String.format(lang.t("daily.day.notyet"), lang.date(latest.get()))
                    : String.format(lang.t("todo.daily.noday"), lang.date(day));
        out.append("<p class=\"note\" data-testid=\"day-state\">")
            .append(Html.esc(text))
            .append("</p></div>");
        continue;
      }
      long[] counts = new long[3];
      wards.values().forEach(row -> counts[TodoList.rank(row)]++);
      out.append("<p data-testid=\"day-summary\">")
          .append(
              Html.esc(
                  String.format(
                      lang.t("daily.day.summary"),
                      lang.count(counts[0]),
                      lang.count(counts[1]),
                      lang.count(counts[2]))))
          .append("</p><ul class=\"todo-list\">");
      List<DailyReportRow> sorted = new ArrayList<>(wards.values());
      sorted.sort(Comparator.comparing((DailyReportRow row) -> -TodoList.rank(row)));
      List<String> onTime = new ArrayList<>();
      for (DailyReportRow row : sorted) {
        String name =
            page.gold()
                .ward(WardView.AS_REPORTED, row.wardCode(), row.month())
                .map(WardInfo::wardName)
                .orElse(row.wardCode());
        int rank = TodoList.rank(row);
        String link =
            "<a href=\""
                + Html.esc(TodoList.wardHref(page, row))
                + "\">"
                + Html.esc(name + " (" + row.wardCode() + ")")
                + "</a>";
        if (rank == 0) {
          // the wards that reported on time: named, folded beneath the ones to act on
          onTime.add(link + " " + Html.esc(TodoList.time(row)));
          continue;
        }
        String status =
            rank == 2 ? lang.t("status.MISSING") : lang.t("status.LATE") + " " + TodoList.time(row);
        out.append("<li class=\"todo-item ")
            .append(rank == 1 ? late() : missed())
            .append("\" data-ward=\"")
            .append(Html.esc(row.wardCode()))
            .append("\">")
            .append(link)
            .append(" · ")
            .append(Html.esc(status))
            .append("</li>");
      }
      out.append("</ul>");
      if (!onTime.isEmpty()) {
        out.append("<details class=\"on-time\"><summary>")
            .append(
                Html.esc(String.format(lang.t("daily.ontime.wards"), lang.count(onTime.size()))))
            .append("</summary><p class=\"ward-links\">")
            .append(String.join(" · ", onTime))
            .append("</p></details>");
      }
      out.append("</div>");
    }
    return out.append("</section>").toString();
  }

  /**
   * The days of the month shown, up to the last day on record, for which no ward of the unit has a
   * daily-report row: said in words rather than left out of the chart silently.
   */
  static String gaps(PageContext page, java.util.Set<java.time.LocalDate> recorded) {
    Lang lang = page.lang();
    java.time.YearMonth month = java.time.YearMonth.parse(page.state().month());
    java.util.Optional<java.time.LocalDate> latest = TodoList.latestReportDay(page, page.today());
    if (latest.isEmpty()) {
      return "";
    }
    java.time.LocalDate last =
        latest.get().isBefore(month.atEndOfMonth()) ? latest.get() : month.atEndOfMonth();
    List<String> ranges = new ArrayList<>();
    long missingDays = 0;
    java.time.LocalDate from = null;
    for (java.time.LocalDate day = month.atDay(1);
        !day.isAfter(last.plusDays(1));
        day = day.plusDays(1)) {
      boolean gap = !day.isAfter(last) && !recorded.contains(day);
      if (gap) {
        missingDays++;
        if (from == null) {
          from = day;
        }
      } else if (from != null) {
        java.time.LocalDate to = day.minusDays(1);
        ranges.add(
            to.equals(from)
                ? lang.date(from)
                : lang.date(from).substring(0, 5) + "–" + lang.date(to));
        from = null;
      }
    }
    if (missingDays == 0) {
      return "";
    }
    return "<p class=\"note\" data-testid=\"daily-gaps\">"
        + Html.esc(
            String.format(lang.t("daily.gaps"), lang.count(missingDays), String.join(", ", ranges)))
        + "</p>";
  }

  private static String wardHref(PageContext page, String wardCode, String month) {
    PageState ward = page.state().with("unit", wardCode).with("page", "overview");
    if (month.compareTo(vn.da06.goldread.UnitScope.REFORM_MONTH) < 0) {
      ward = ward.with("era", PageState.PRE_REFORM_ERA);
    }
    return ward.with("metric", null).sortedBy(null, false).url();
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
              Cell.of(days.onTime(), lang.count(days.onTime())),
              Cell.of(days.late(), lang.count(days.late())),
              Cell.of(days.missing(), lang.count(days.missing()))));
    }
    return new TableView("daily", lang.t("nav.daily"), columns, cells);
  }
}
