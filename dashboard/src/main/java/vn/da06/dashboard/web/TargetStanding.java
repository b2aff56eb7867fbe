package vn.da06.dashboard.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.goldread.TargetRow;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * A target as a chair reads it on a given day: live or ended by that day (today in Vietnam), and
 * its figures in the target's own unit, from its latest row of {@code gold.target_progress}.
 *
 * <p>What comes from the data and what from the calendar: the actual figure, the gap and the recent
 * pace are those of the latest month of data ({@link #dataEnd}); the projection at the deadline is
 * gold's (the actual plus the recent pace over the days from the data's end to the deadline). The
 * days left and the pace needed are counted from {@link #day} (today): what is still missing as of
 * the data, spread over the days that really remain.
 *
 * @param row the target's latest row up to the month shown
 * @param metric the target's metric
 * @param day the day the target is judged on (today, or the last day of an earlier month shown)
 * @param previous the target's row of the month before, if gold has one (for the recent pace)
 */
record TargetStanding(TargetRow row, Metric metric, LocalDate day, TargetRow previous) {
  private static final double DAYS_PER_MONTH = 365.25 / 12;

  /** The key that tells one target from another (its rows differ only by as_of_month). */
  static String key(TargetRow row) {
    return row.unitCode() + "|" + row.metric() + "|" + row.campaign() + "|" + row.deadline();
  }

  /**
   * The day targets are judged on: today in Vietnam while the page shows the latest month of data,
   * else the last day of the month shown (a look back shows the targets as they stood then).
   */
  static LocalDate judgedOn(PageContext page) {
    String month = page.state().month();
    Optional<String> latest = Freshness.latestMonth(page);
    if (month == null || latest.isEmpty() || month.compareTo(latest.get()) >= 0) {
      return page.today();
    }
    LocalDate end = YearMonth.parse(month).atEndOfMonth();
    return end.isBefore(page.today()) ? end : page.today();
  }

  /**
   * Every target of the page's unit and the units below it (the chosen metric's only on the targets
   * page), each with its latest row up to the month shown.
   */
  static List<TargetStanding> of(PageContext page) {
    String month = page.state().month();
    boolean oneMetric = page.state().metric() != null && page.state().page().equals("targets");
    LocalDate day = judgedOn(page);
    Map<String, TargetRow> latest = new LinkedHashMap<>();
    Map<String, TargetRow> byMonth = new HashMap<>();
    for (TargetRow row : page.gold().targets(page.unit())) {
      if (row.asOfMonth() == null
          || row.asOfMonth().compareTo(month) > 0
          || row.deadline() == null
          || Metrics.byColumn(row.metric()).isEmpty()
          || (oneMetric && !page.state().metric().equals(row.metric()))) {
        continue;
      }
      String key = key(row);
      byMonth.put(key + "|" + row.asOfMonth(), row);
      latest.merge(key, row, (a, b) -> a.asOfMonth().compareTo(b.asOfMonth()) >= 0 ? a : b);
    }
    List<TargetStanding> standings = new ArrayList<>();
    for (Map.Entry<String, TargetRow> entry : latest.entrySet()) {
      TargetRow row = entry.getValue();
      String before = YearMonth.parse(row.asOfMonth()).minusMonths(1).toString();
      standings.add(
          new TargetStanding(
              row, Metrics.require(row.metric()), day, byMonth.get(entry.getKey() + "|" + before)));
    }
    return standings;
  }

  /** Live first, furthest behind first; then ended, latest deadline first. */
  static final Comparator<TargetStanding> FURTHEST_BEHIND =
      Comparator.comparing(TargetStanding::ended)
          .thenComparing(
              standing -> standing.row().attainment(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(standing -> standing.row().unitCode());

  static final Comparator<TargetStanding> LATEST_DEADLINE_FIRST =
      Comparator.comparing((TargetStanding standing) -> standing.row().deadline())
          .reversed()
          .thenComparing(standing -> standing.row().unitCode());

  boolean ended() {
    return row.deadline().isBefore(day);
  }

  boolean live() {
    return !ended();
  }

  /** Whether the target's period has begun by the day it is judged on. */
  boolean started() {
    return row.periodStart() == null || !row.periodStart().isAfter(day);
  }

  /** The last day the figures cover: the end of the row's month, or the deadline if earlier. */
  LocalDate dataEnd() {
    LocalDate end = YearMonth.parse(row.asOfMonth()).atEndOfMonth();
    return row.deadline().isBefore(end) ? row.deadline() : end;
  }

  /** Whether the figures reach the deadline (an ended target's result is final). */
  boolean resultFinal() {
    return !dataEnd().isBefore(row.deadline());
  }

  /** Whether the figure is at or past the target in the metric's direction. */
  boolean met() {
    return row.actual() != null
        && row.targetValue() != null
        && metric.meets(row.actual(), row.targetValue());
  }

  /** Days from the day judged on to the deadline (0 on the deadline, negative once ended). */
  long daysLeft() {
    return ChronoUnit.DAYS.between(day, row.deadline());
  }

  /**
   * What is still missing, in the target's unit (a count, or a rate's fraction); 0 once met; null
   * without a figure.
   */
  Double gap() {
    if (row.actual() == null || row.targetValue() == null) {
      return null;
    }
    double gap =
        metric.direction() == Metric.Direction.LOWER_IS_BETTER
            ? row.actual() - row.targetValue()
            : row.targetValue() - row.actual();
    return Math.max(gap, 0);
  }

  /**
   * The change per day over the latest month of data, in the metric's direction of progress
   * (positive = towards the target): from the month before's row, else from gold's projection.
   */
  Double recentPerDay() {
    if (row.actual() == null) {
      return null;
    }
    double sign = metric.direction() == Metric.Direction.LOWER_IS_BETTER ? -1 : 1;
    if (previous != null && previous.actual() != null) {
      int days = YearMonth.parse(row.asOfMonth()).lengthOfMonth();
      return sign * (row.actual() - previous.actual()) / days;
    }
    if (row.projectedAtDeadline() != null && row.daysLeft() != null && row.daysLeft() > 0) {
      return sign * (row.projectedAtDeadline() - row.actual()) / row.daysLeft();
    }
    return null;
  }

  /** The pace still needed per day from the day judged on (the whole gap on the last day). */
  Double neededPerDay() {
    Double gap = gap();
    if (gap == null || ended()) {
      return null;
    }
    return gap / Math.max(1, daysLeft());
  }

  /** A rate's pace per day as points per month (0.001/day = 3,0 points a month). */
  static double pointsPerMonth(double ratePerDay) {
    return ratePerDay * DAYS_PER_MONTH * 100;
  }

  /** The projection at the deadline: a count as a whole number, a rate as a fraction. */
  Double projected() {
    Double projected = row.projectedAtDeadline();
    if (projected == null) {
      return null;
    }
    return metric.isRate() ? projected : (double) Math.round(projected);
  }

  /** Whether the projection reaches the target. */
  boolean onTrack() {
    Double projected = projected();
    return projected != null
        && row.targetValue() != null
        && metric.meets(projected, row.targetValue());
  }
}
