package vn.da06.dashboard.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;

/**
 * Việc cần làm: what a chair acts on this week, for a province or a ward. (a) The live targets
 * furthest behind: the ward, the indicator, the gap in people or points, the pace needed against
 * the pace of the latest month of data ("the last 4 weeks"), the days left. (b) Yesterday's wards
 * with no daily report by 17:00, or up to which date the daily reports are in. (c) The monthly
 * reports due this month (the 8th, the 15th) and their state. Rendered as cards in a list, which
 * stack on a phone.
 */
final class TodoList {
  /** How many targets the list names (the rest are one click away, on the targets page). */
  static final int TARGETS = 5;

  /** How many wards the daily-report item names before "and N more". */
  static final int WARDS = 12;

  private TodoList() {}

  static String html(PageContext page) {
    Lang lang = page.lang();
    return "<section class=\"todo\" data-testid=\"todo\"><h2>"
        + Html.esc(lang.t("todo.title"))
        + "</h2><div class=\"todo-groups\">"
        + targets(page)
        + daily(page)
        + reports(page)
        + "</div></section>";
  }

  // ------------------------------------------------------------------ (a) targets behind

  /** The live, started, unmet targets: those not on track first, then by attainment. */
  static List<TargetStanding> behind(PageContext page) {
    return TargetsPage.live(page).stream()
        .filter(TargetStanding::started)
        .filter(target -> target.gap() != null && target.gap() > 0)
        .sorted(
            Comparator.comparing(TargetStanding::onTrack)
                .thenComparing(
                    target -> target.row().attainment(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(target -> target.row().unitCode()))
        .toList();
  }

  private static String targets(PageContext page) {
    Lang lang = page.lang();
    List<TargetStanding> behind = behind(page);
    StringBuilder out = group("todo-targets", lang.t("todo.targets"));
    if (behind.isEmpty()) {
      out.append(note(lang.t("todo.targets.none")));
    } else {
      out.append("<ul class=\"todo-list\">");
      for (TargetStanding target : behind.subList(0, Math.min(TARGETS, behind.size()))) {
        out.append(targetItem(page, target));
      }
      out.append("</ul>");
    }
    String all =
        page.state().with("page", "targets").with("metric", null).sortedBy(null, false).url();
    out.append("<p class=\"todo-more\"><a href=\"")
        .append(Html.esc(all))
        .append("\">")
        .append(Html.esc(lang.t("todo.targets.all")))
        .append("</a></p></div>");
    return out.toString();
  }

  /** A live target as a card: ward, indicator, gap, paces, days left. */
  static String targetItem(PageContext page, TargetStanding target) {
    Lang lang = page.lang();
    TargetRow row = target.row();
    Metric metric = target.metric();
    Band band = TargetsPage.band(page, target);
    String needed = TargetsPage.perWeekOrMonth(lang, metric, target.neededPerDay());
    String recent = TargetsPage.perWeekOrMonth(lang, metric, target.recentPerDay());
    long days = target.daysLeft();
    String left =
        days == 0
            ? String.format(lang.t("todo.lastday"), lang.date(row.deadline()))
            : String.format(lang.t("todo.daysleft"), lang.count(days), lang.date(row.deadline()));
    return "<li class=\"todo-item "
        + band.cssClass()
        + "\" data-unit=\""
        + Html.esc(row.unitCode())
        + "\" data-metric=\""
        + Html.esc(row.metric())
        + "\"><div class=\"todo-what\"><a href=\""
        + Html.esc(TargetsPage.unitHref(page, row))
        + "\">"
        + Html.esc(TargetsPage.unitName(page, row) + " (" + row.unitCode() + ")")
        + "</a> · "
        + Html.esc(lang.label(metric))
        + "</div><div class=\"todo-gap\"><strong data-testid=\"gap\">"
        + Html.esc(
            String.format(lang.t("todo.missing"), TargetsPage.gap(lang, metric, target.gap())))
        + "</strong> ("
        + Html.esc(
            lang.rate(row.attainment())
                + " / "
                + TargetsPage.shortValue(lang, metric, row.targetValue()))
        + ")</div><div class=\"todo-pace\">"
        + Html.esc(
            String.format(lang.t("todo.needed"), needed)
                + " · "
                + String.format(lang.t("todo.recent"), recent)
                + " · "
                + left)
        + "</div></li>";
  }

  // ------------------------------------------------------------------ (b) daily reports

  /** The latest day, on or before {@code before}, the daily reports of the unit reach. */
  static Optional<LocalDate> latestReportDay(PageContext page, LocalDate before) {
    List<String> months = page.gold().months(WardView.AS_REPORTED);
    YearMonth first = months.isEmpty() ? YearMonth.from(before) : YearMonth.parse(months.get(0));
    for (YearMonth month = YearMonth.from(before);
        !month.isBefore(first);
        month = month.minusMonths(1)) {
      Optional<LocalDate> latest =
          page.gold().dailyReports(page.unit(), month.toString()).stream()
              .map(DailyReportRow::reportDate)
              .filter(day -> !day.isAfter(before))
              .max(Comparator.naturalOrder());
      if (latest.isPresent()) {
        return latest;
      }
    }
    return Optional.empty();
  }

  /** The day's rows of the unit, one per ward (the worst where former wards are summed). */
  static Map<String, DailyReportRow> day(PageContext page, LocalDate day) {
    Map<String, DailyReportRow> wards = new TreeMap<>();
    for (DailyReportRow row :
        page.gold().dailyReports(page.unit(), YearMonth.from(day).toString())) {
      if (row.reportDate().equals(day)) {
        wards.merge(row.wardCode(), row, (a, b) -> rank(a) >= rank(b) ? a : b);
      }
    }
    return wards;
  }

  /** ON_TIME 0, LATE 1, anything else (MISSING) 2: the worse, the higher. */
  static int rank(DailyReportRow row) {
    return "ON_TIME".equals(row.status()) ? 0 : "LATE".equals(row.status()) ? 1 : 2;
  }

  private static String daily(PageContext page) {
    Lang lang = page.lang();
    LocalDate yesterday = page.today().minusDays(1);
    StringBuilder out =
        group("todo-daily", String.format(lang.t("todo.daily"), lang.date(yesterday)));
    Map<String, DailyReportRow> rows = day(page, yesterday);
    if (rows.isEmpty()) {
      Optional<LocalDate> latest = latestReportDay(page, page.today());
      String text =
          latest.isEmpty()
              ? lang.t("todo.daily.none")
              : latest.get().isBefore(yesterday)
                  ? String.format(
                      lang.t("todo.daily.upto"), lang.date(latest.get()), lang.date(yesterday))
                  : String.format(lang.t("todo.daily.noday"), lang.date(yesterday));
      return out.append("<p class=\"note\" data-testid=\"daily-state\">")
          .append(Html.esc(text))
          .append("</p></div>")
          .toString();
    }
    List<DailyReportRow> missed = rows.values().stream().filter(row -> rank(row) > 0).toList();
    if (missed.isEmpty()) {
      return out.append(note(lang.t("todo.daily.all"))).append("</div>").toString();
    }
    out.append("<ul class=\"todo-list todo-wards\">");
    for (DailyReportRow row : missed.subList(0, Math.min(WARDS, missed.size()))) {
      String name =
          page.gold()
              .ward(WardView.AS_REPORTED, row.wardCode(), row.month())
              .map(WardInfo::wardName)
              .orElse(row.wardCode());
      String status =
          "LATE".equals(row.status())
              ? lang.t("status.LATE") + " " + time(row)
              : lang.t("status.MISSING");
      out.append("<li class=\"todo-item ")
          .append(rank(row) == 1 ? Band.CLOSE.cssClass() : Band.BEHIND.cssClass())
          .append("\" data-ward=\"")
          .append(Html.esc(row.wardCode()))
          .append("\"><a href=\"")
          .append(Html.esc(wardHref(page, row)))
          .append("\">")
          .append(Html.esc(name + " (" + row.wardCode() + ")"))
          .append("</a> · ")
          .append(Html.esc(status))
          .append("</li>");
    }
    out.append("</ul>");
    String daily =
        page.state()
            .with("page", "daily")
            .with("month", YearMonth.from(yesterday).toString())
            .with("metric", null)
            .sortedBy(null, false)
            .url();
    out.append("<p class=\"todo-more\"><a href=\"").append(Html.esc(daily)).append("\">");
    out.append(
        Html.esc(
            missed.size() > WARDS
                ? String.format(lang.t("todo.daily.more"), lang.count(missed.size() - WARDS))
                : lang.t("nav.daily")));
    return out.append("</a></p></div>").toString();
  }

  /** The time a report was sent, HH:mm in Vietnam ("" if not sent). */
  static String time(DailyReportRow row) {
    return row.submittedAt() == null
        ? ""
        : java.time.format.DateTimeFormatter.ofPattern("HH:mm")
            .format(row.submittedAt().atZone(PageContext.VIETNAM));
  }

  static String wardHref(PageContext page, DailyReportRow row) {
    PageState ward = page.state().with("unit", row.wardCode()).with("page", "overview");
    if (row.month().compareTo(UnitScope.REFORM_MONTH) < 0) {
      ward = ward.with("era", PageState.PRE_REFORM_ERA);
    }
    return ward.with("metric", null).sortedBy(null, false).url();
  }

  // ------------------------------------------------------------------ (c) monthly reports

  private static String reports(PageContext page) {
    Lang lang = page.lang();
    YearMonth period = MonthlyReports.period(page.today());
    StringBuilder out =
        group("todo-reports", String.format(lang.t("todo.reports"), lang.month(period.toString())));
    if (!page.reports().configured()) {
      return out.append(note(lang.t("todo.reports.noconfig"))).append("</div>").toString();
    }
    List<MonthlyReports.State> states =
        page.reports()
            .states(period, code -> page.gold().unit(code).filter(page.unit()::covers).isPresent());
    if (states.isEmpty()) {
      return out.append(note(lang.t("todo.reports.none"))).append("</div>").toString();
    }
    out.append("<ul class=\"todo-list\">");
    for (MonthlyReports.State state : states) {
      out.append(reportItem(page, state));
    }
    return out.append("</ul></div>").toString();
  }

  /** The words of a report's state, in order: made or not, provisional, sent, late. */
  static List<String> words(Lang lang, MonthlyReports.State state, LocalDate today) {
    List<String> words = new ArrayList<>();
    words.add(state.made() ? lang.t("report.made") : lang.t("report.notmade"));
    if (state.provisional()) {
      words.add(lang.t("report.provisional"));
    }
    if (state.sent()) {
      words.add(
          (state.late(today) ? lang.t("report.sentlate") : lang.t("report.sent"))
              + " "
              + state.recipientsSent()
              + "/"
              + state.recipients());
    } else {
      if (state.recipientsSent() > 0) {
        words.add(lang.t("report.sent") + " " + state.recipientsSent() + "/" + state.recipients());
      }
      if (state.late(today)) {
        words.add(lang.t("report.late"));
      }
    }
    return words;
  }

  private static String reportItem(PageContext page, MonthlyReports.State state) {
    Lang lang = page.lang();
    LocalDate today = page.today();
    String code = state.due().unitCode();
    Optional<UnitScope> unit = page.gold().unit(code);
    String name =
        unit.map(
                scope ->
                    scope.level() == vn.da06.warehouse.access.UnitLevel.WARD
                        ? scope.name()
                        : lang.t("level." + scope.level()) + " " + scope.name())
            .orElse(code);
    Band band =
        state.late(today)
            ? Band.BEHIND
            : state.sent() && !state.provisional()
                ? Band.MET
                : state.made() ? Band.CLOSE : Band.NONE;
    String href =
        page.state().with("unit", code).with("page", "overview").sortedBy(null, false).url();
    return "<li class=\"todo-item "
        + band.cssClass()
        + "\" data-report-unit=\""
        + Html.esc(code)
        + "\" data-state=\""
        + Html.esc(String.join(", ", words(lang, state, today)))
        + "\"><a href=\""
        + Html.esc(href)
        + "\">"
        + Html.esc(name + " (" + code + ")")
        + "</a> · "
        + Html.esc(String.format(lang.t("report.due"), lang.date(state.dueDate())))
        + " · <strong>"
        + Html.esc(String.join(", ", words(lang, state, today)))
        + "</strong></li>";
  }

  // ------------------------------------------------------------------ parts

  private static StringBuilder group(String testId, String title) {
    return new StringBuilder("<div class=\"todo-group\" data-testid=\"")
        .append(testId)
        .append("\"><h3>")
        .append(Html.esc(title))
        .append("</h3>");
  }

  private static String note(String text) {
    return "<p class=\"note\">" + Html.esc(text) + "</p>";
  }
}
