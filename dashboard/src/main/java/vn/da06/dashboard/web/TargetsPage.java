package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;

/**
 * Chỉ tiêu: the live targets of the unit and the units below it, furthest behind first, with the
 * gap, the pace needed and the recent pace in the target's own unit; the ended ones folded beneath
 * with their result (Đạt / Không đạt). Live or ended is judged by today's date in Vietnam ({@link
 * TargetStanding}); the figures come from the latest month of data.
 */
final class TargetsPage {
  /** How many targets the attainment chart shows (the furthest behind). */
  private static final int CHART_TARGETS = 20;

  private TargetsPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageContent content = new PageContent(lang.t("nav.targets") + " · " + page.unit().name());
    List<TargetStanding> all = TargetStanding.of(page);
    List<TargetStanding> live =
        all.stream().filter(TargetStanding::live).sorted(TargetStanding.FURTHEST_BEHIND).toList();
    List<TargetStanding> ended =
        all.stream()
            .filter(TargetStanding::ended)
            .sorted(TargetStanding.LATEST_DEADLINE_FIRST)
            .toList();
    content.heading(
        String.format(lang.t("targets.live"), lang.date(TargetStanding.judgedOn(page)))
            + " ("
            + lang.count(live.size())
            + ")");
    content.raw(dataNote(page));
    if (live.isEmpty()) {
      content.note(lang.t("targets.nolive"));
      if (!ended.isEmpty()) {
        // the latest ended ones' results, furthest behind first, instead of an empty chart
        List<TargetStanding> latest =
            ended.subList(0, Math.min(CHART_TARGETS, ended.size())).stream()
                .sorted(TargetStanding.FURTHEST_BEHIND)
                .toList();
        content.add(chart(page, latest, lang.t("targets.chart.ended")));
      }
    } else {
      content.add(
          chart(
              page,
              live.subList(0, Math.min(CHART_TARGETS, live.size())),
              lang.t("target.attainment")));
    }
    // On a phone the targets read as cards; the tables (and their exports) are for wider screens.
    content.raw(cards(live, target -> TodoList.targetItem(page, target), "targets-cards"));
    content.raw("<div class=\"desktop-only\">");
    content.add(liveTable(page, "targets", live));
    content.raw("</div>");
    content.raw(
        "<details class=\"ended-targets\" data-testid=\"ended-targets\"><summary>"
            + Html.esc(lang.t("targets.ended") + " (" + lang.count(ended.size()) + ")")
            + "</summary>");
    content.raw(cards(ended, target -> endedItem(page, target), "ended-cards"));
    content.raw("<div class=\"desktop-only\">");
    content.add(endedTable(page, "ended", ended));
    content.raw("</div></details>");
    return content;
  }

  private static String cards(
      List<TargetStanding> targets,
      java.util.function.Function<TargetStanding, String> item,
      String testId) {
    StringBuilder out =
        new StringBuilder("<ul class=\"todo-list phone-only\" data-testid=\"")
            .append(testId)
            .append("\">");
    targets.forEach(target -> out.append(item.apply(target)));
    return out.append("</ul>").toString();
  }

  /** An ended target as a card: "Không đạt · 67,0 % (61 / 91) · hạn 30/06/2024". */
  static String endedItem(PageContext page, TargetStanding target) {
    Lang lang = page.lang();
    TargetRow row = target.row();
    Metric metric = target.metric();
    boolean met = target.met();
    String result =
        row.actual() == null ? "–" : met ? lang.t("target.met") : lang.t("target.missed");
    return "<li class=\"todo-item "
        + band(page, target).cssClass()
        + "\"><div class=\"todo-what\"><a href=\""
        + Html.esc(unitHref(page, row))
        + "\">"
        + Html.esc(unitName(page, row) + " (" + row.unitCode() + ")")
        + "</a> · "
        + Html.esc(lang.label(metric))
        + "</div><div><strong>"
        + Html.esc(result)
        + "</strong> "
        + Html.esc(
            lang.rate(row.attainment())
                + " ("
                + value(lang, metric, row.actual())
                + " / "
                + shortValue(lang, metric, row.targetValue())
                + ")")
        + "</div><div class=\"todo-pace\">"
        + Html.esc(lang.t("target.deadline") + " " + lang.date(row.deadline()))
        + (row.campaign() == null ? "" : " · " + Html.esc(row.campaign()))
        + "</div></li>";
  }

  /** The live targets of the page's unit and the units below it, furthest behind first. */
  static List<TargetStanding> live(PageContext page) {
    return TargetStanding.of(page).stream()
        .filter(TargetStanding::live)
        .sorted(TargetStanding.FURTHEST_BEHIND)
        .toList();
  }

  /**
   * "Tiến độ và dự kiến tính theo số liệu đến 31/10/2026", with the warning where the data is older
   * than its cadence.
   */
  static String dataNote(PageContext page) {
    Lang lang = page.lang();
    java.time.LocalDate judged = TargetStanding.judgedOn(page);
    String end =
        Freshness.dataEnd(page)
            .map(last -> last.isAfter(judged) && judged.isBefore(page.today()) ? judged : last)
            .map(lang::date)
            .orElse("–");
    String warning = Freshness.warning(page);
    return "<p class=\"note pace-basis"
        + (warning == null ? "" : " stale")
        + "\" data-testid=\"pace-basis\">"
        + Html.esc(String.format(lang.t("targets.basis"), end, lang.date(judged)))
        + (warning == null
            ? ""
            : " <strong class=\"stale-warning\">" + Html.esc(warning) + "</strong>")
        + "</p>";
  }

  /**
   * The live targets' attainment as bars coloured by band, with the 100 % line inside the axis;
   * every label names the ward in full with its code (and the deadline where one ward has two
   * targets of a metric).
   */
  private static Chart chart(PageContext page, List<TargetStanding> targets, String title) {
    Lang lang = page.lang();
    boolean oneMetric = page.state().metric() != null;
    Map<String, Integer> seen = new HashMap<>();
    for (TargetStanding target : targets) {
      seen.merge(target.row().unitCode() + "|" + target.row().metric(), 1, Integer::sum);
    }
    List<String> labels = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    double max = 100;
    for (TargetStanding target : targets) {
      TargetRow row = target.row();
      String label = unitName(page, row) + " (" + row.unitCode() + ")";
      String second = oneMetric ? "" : lang.label(target.metric());
      if (seen.get(row.unitCode() + "|" + row.metric()) > 1) {
        second += (second.isEmpty() ? "" : " · ") + lang.t("target.deadline").toLowerCase() + " ";
        second += lang.date(row.deadline());
      }
      labels.add(second.isEmpty() ? label : label + "\n" + second);
      Double attainment = row.attainment();
      if (attainment == null) {
        values.add(null);
        continue;
      }
      double percent = Math.round(attainment * 1000) / 10.0;
      max = Math.max(max, percent);
      values.add(
          Charts.map(
              "value", percent, "itemStyle", Charts.map("color", colour(band(page, target)))));
    }
    Chart chart = Charts.horizontalBars("targets-chart", title, labels, values);
    // The axis always reaches the 100 % line; labels wrap inside the chart instead of being cut.
    Map<String, Object> option = chart.option();
    option.put("grid", Charts.map("left", 8, "right", 24, "top", 16, "bottom", 32));
    ((Map<String, Object>) option.get("grid")).put("containLabel", true);
    option.put(
        "xAxis",
        Charts.map("type", "value", "name", "%", "min", 0, "max", Math.ceil(max / 10) * 10));
    option.put(
        "yAxis",
        Charts.map(
            "type",
            "category",
            "data",
            labels,
            "inverse",
            true,
            "axisLabel",
            Charts.map("width", 190, "overflow", "break", "lineHeight", 14)));
    return new Chart(chart.id(), chart.title(), option, Math.max(240, 40 * labels.size() + 60));
  }

  private static String colour(Band band) {
    return switch (band) {
      case MET -> "#1a7f37";
      case CLOSE -> "#b7791f";
      case BEHIND -> "#b42318";
      case NONE -> "#8899a6";
    };
  }

  /** The band of a target's figure against the target itself. */
  static Band band(PageContext page, TargetStanding target) {
    TargetRow row = target.row();
    return row.targetValue() == null
        ? Band.NONE
        : Bands.of(page)
            .against(
                target.metric(),
                new Reference(
                    row.targetValue(),
                    Reference.Source.UNIT_TARGET,
                    row.deadline(),
                    row.campaign()),
                row.actual());
  }

  /** The live targets as a table, furthest behind first. */
  static TableView liveTable(PageContext page, String id, List<TargetStanding> targets) {
    Lang lang = page.lang();
    List<Column> columns =
        List.of(
            new Column("unit_code", lang.t("ward.code"), Kind.TEXT),
            new Column("unit_name", lang.t("unit"), Kind.TEXT),
            new Column("metric", lang.t("metric"), Kind.TEXT),
            new Column("campaign", lang.t("target.campaign"), Kind.TEXT),
            new Column("target_value", lang.t("target.target"), Kind.DECIMAL),
            new Column("actual", lang.t("target.actual"), Kind.DECIMAL),
            new Column("attainment", lang.t("target.attainment"), Kind.RATE),
            new Column("gap", lang.t("target.gap"), Kind.DECIMAL),
            new Column("pace_needed", lang.t("target.pace"), Kind.DECIMAL),
            new Column("pace_recent", lang.t("target.recent"), Kind.DECIMAL),
            new Column("projected_at_deadline", lang.t("target.projected"), Kind.DECIMAL),
            new Column("deadline", lang.t("target.deadline"), Kind.DATE),
            new Column("days_left", lang.t("target.daysleft"), Kind.COUNT),
            new Column("on_track", lang.t("target.status"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    for (TargetStanding target : targets) {
      TargetRow row = target.row();
      Metric metric = target.metric();
      String name = unitName(page, row);
      String href = unitHref(page, row);
      Band band = band(page, target);
      boolean onTrack = target.onTrack();
      String status =
          !target.started()
              ? lang.t("target.notstarted")
              : target.met()
                  ? lang.t("target.metnow")
                  : target.projected() == null
                      ? "–"
                      : onTrack ? lang.t("target.ontrack") : lang.t("target.atrisk");
      String statusCss = !target.started() ? null : target.met() || onTrack ? "good" : "bad";
      Double needed = target.neededPerDay();
      Double recent = target.recentPerDay();
      cells.add(
          List.of(
              new Cell(row.unitCode(), row.unitCode(), href, null),
              new Cell(name, name, href, null),
              Cell.of(row.metric(), lang.label(metric)),
              Cell.of(row.campaign(), row.campaign() == null ? "" : row.campaign()),
              Cell.of(row.targetValue(), value(lang, metric, row.targetValue())),
              Cell.of(
                  row.actual(),
                  value(lang, metric, row.actual()) + " (" + lang.month(row.asOfMonth()) + ")"),
              new Cell(row.attainment(), lang.rate(row.attainment()), null, band.cssClass()),
              Cell.of(target.gap(), gap(lang, metric, target.gap())),
              Cell.of(
                  needed,
                  target.gap() != null && target.gap() == 0
                      ? lang.t("target.metnow")
                      : perDayOrMonth(lang, metric, needed)),
              Cell.of(recent, perDayOrMonth(lang, metric, recent)),
              Cell.of(target.projected(), value(lang, metric, target.projected())),
              Cell.of(row.deadline(), lang.date(row.deadline())),
              Cell.of(target.daysLeft(), lang.count(target.daysLeft())),
              new Cell(
                  target.met() ? "MET" : onTrack ? "ON_TRACK" : "AT_RISK",
                  status,
                  null,
                  statusCss)));
    }
    return new TableView(id, lang.t("targets.livetable"), columns, cells);
  }

  /** The ended targets with their result: Đạt or Không đạt and the final attainment. */
  static TableView endedTable(PageContext page, String id, List<TargetStanding> targets) {
    Lang lang = page.lang();
    List<Column> columns =
        List.of(
            new Column("unit_code", lang.t("ward.code"), Kind.TEXT),
            new Column("unit_name", lang.t("unit"), Kind.TEXT),
            new Column("metric", lang.t("metric"), Kind.TEXT),
            new Column("campaign", lang.t("target.campaign"), Kind.TEXT),
            new Column("target_value", lang.t("target.target"), Kind.DECIMAL),
            new Column("actual", lang.t("target.final"), Kind.DECIMAL),
            new Column("attainment", lang.t("target.attainment"), Kind.RATE),
            new Column("deadline", lang.t("target.deadline"), Kind.DATE),
            new Column("result", lang.t("target.result"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    for (TargetStanding target : targets) {
      TargetRow row = target.row();
      Metric metric = target.metric();
      String name = unitName(page, row);
      String href = unitHref(page, row);
      boolean met = target.met();
      String result =
          row.actual() == null ? "–" : met ? lang.t("target.met") : lang.t("target.missed");
      if (row.actual() != null && !target.resultFinal()) {
        result += " " + String.format(lang.t("target.upto"), lang.date(target.dataEnd()));
      }
      cells.add(
          List.of(
              new Cell(row.unitCode(), row.unitCode(), href, null),
              new Cell(name, name, href, null),
              Cell.of(row.metric(), lang.label(metric)),
              Cell.of(row.campaign(), row.campaign() == null ? "" : row.campaign()),
              Cell.of(row.targetValue(), value(lang, metric, row.targetValue())),
              Cell.of(row.actual(), value(lang, metric, row.actual())),
              new Cell(
                  row.attainment(),
                  lang.rate(row.attainment()),
                  null,
                  band(page, target).cssClass()),
              Cell.of(row.deadline(), lang.date(row.deadline())),
              new Cell(
                  row.actual() == null ? null : met ? "MET" : "MISSED",
                  result,
                  null,
                  row.actual() == null ? null : met ? "good" : "bad")));
    }
    return new TableView(id, lang.t("targets.ended"), columns, cells);
  }

  // ------------------------------------------------------------------ the KPI card's target line

  /**
   * A KPI card's line about the target: "58,1 % / 80 % đến 31/12/2026 · dự kiến 60,3 %" where a
   * live target of the unit (else of its province) applies today, "58,1 % / mục tiêu 70 %" where
   * only a goal does; empty where neither. The value is the unit's figure of the month shown.
   */
  static String cardLine(PageContext page, Metric metric, String unitCode) {
    Optional<UnitScope> unit = page.gold().unit(unitCode);
    Object value =
        unit.isEmpty()
            ? null
            : page.gold()
                .aggregate(page.state().view(), unit.get(), page.state().month())
                .values()
                .get(metric.column());
    return cardLine(page, metric, unitCode, value);
  }

  /** {@link #cardLine(PageContext, Metric, String)} with the unit's figure already at hand. */
  static String cardLine(PageContext page, Metric metric, String unitCode, Object value) {
    Lang lang = page.lang();
    Optional<TargetStanding> target = liveTarget(page, metric, unitCode);
    if (target.isEmpty()) {
      String province = page.gold().unit(unitCode).map(UnitScope::provinceCode).orElse(null);
      if (province != null && !province.equals(unitCode)) {
        target = liveTarget(page, metric, province);
      }
    }
    String shown = value(lang, metric, value);
    if (target.isPresent()) {
      TargetRow row = target.get().row();
      String line =
          shown
              + " / "
              + shortValue(lang, metric, row.targetValue())
              + " "
              + String.format(lang.t("card.until"), lang.date(row.deadline()));
      Double projected = target.get().projected();
      return projected == null
          ? line
          : line + " · " + String.format(lang.t("card.projected"), value(lang, metric, projected));
    }
    String province = page.gold().unit(unitCode).map(UnitScope::provinceCode).orElse(null);
    return page.goals()
        .goal(metric, unitCode, province)
        .map(goal -> shown + " / " + lang.t("card.goal") + " " + shortValue(lang, metric, goal))
        .orElse("");
  }

  /**
   * The unit's own target for the metric live today, the nearest deadline first (as {@link Bands}
   * chooses).
   */
  private static Optional<TargetStanding> liveTarget(
      PageContext page, Metric metric, String unitCode) {
    Optional<UnitScope> unit = page.gold().unit(unitCode);
    if (unit.isEmpty()) {
      return Optional.empty();
    }
    PageContext forUnit = page.withUnit(unit.get()).withState(page.state().with("page", "card"));
    return TargetStanding.of(forUnit).stream()
        .filter(t -> t.row().unitCode().equals(unitCode))
        .filter(t -> t.row().metric().equals(metric.column()))
        .filter(t -> t.live() && t.started() && t.row().targetValue() != null)
        .min(Comparator.comparing((TargetStanding t) -> t.row().deadline()));
  }

  // ------------------------------------------------------------------ words and numbers

  /** The value of a metric as people read it: a rate in %, a count whole. */
  static String value(Lang lang, Metric metric, Object value) {
    return lang.value(metric, value);
  }

  /** "80 %" for a round rate, "80,5 %" otherwise; a count whole. */
  static String shortValue(Lang lang, Metric metric, Double value) {
    if (value == null) {
      return "–";
    }
    return metric.isRate()
        ? lang.decimal(Math.round(value * 1000) / 10.0) + " %"
        : lang.count(value);
  }

  /** What a count of the metric counts: "kích hoạt", "hồ sơ", "bản ghi", "người". */
  static String noun(Lang lang, Metric metric) {
    String column = metric.column();
    String key =
        column.startsWith("eid_activations")
            ? "noun.activations"
            : column.startsWith("eid_applications")
                    || column.startsWith("dossiers")
                    || column.startsWith("essential_dossiers")
                ? "noun.applications"
                : column.startsWith("dq_") ? "noun.records" : "noun.people";
    return lang.t(key);
  }

  /** "236 kích hoạt" (rounded up: a part of a person is still missing) or "4,2 điểm %". */
  static String gap(Lang lang, Metric metric, Double gap) {
    if (gap == null) {
      return "–";
    }
    return metric.isRate()
        ? small(lang, gap * 100) + " " + lang.t("unit.points")
        : lang.count(Math.ceil(gap - 1e-9)) + " " + noun(lang, metric);
  }

  /** A pace per day: people per day for counts, points per month for rates. */
  static String perDayOrMonth(Lang lang, Metric metric, Double perDay) {
    if (perDay == null) {
      return "–";
    }
    if (perDay == 0) {
      return lang.t("pace.none");
    }
    return metric.isRate()
        ? small(lang, TargetStanding.pointsPerMonth(perDay)) + " " + lang.t("unit.pointspermonth")
        : small(lang, perDay) + " " + noun(lang, metric) + lang.t("unit.perday");
  }

  /** A pace per week for counts, points per month for rates (the to-do list). */
  static String perWeekOrMonth(Lang lang, Metric metric, Double perDay) {
    if (perDay == null) {
      return "–";
    }
    if (perDay == 0) {
      return lang.t("pace.none");
    }
    return metric.isRate()
        ? small(lang, TargetStanding.pointsPerMonth(perDay)) + " " + lang.t("unit.pointspermonth")
        : small(lang, perDay * 7) + " " + noun(lang, metric) + lang.t("unit.perweek");
  }

  /**
   * One decimal below 10, whole from 10 on, and never a meaningless 0: a value that is not 0 but
   * rounds to it reads "&lt; 0,1".
   */
  static String small(Lang lang, double value) {
    if (value != 0 && Math.abs(value) < 0.05) {
      return (value < 0 ? "> -" : "< ") + lang.decimal(0.1);
    }
    if (Math.abs(value) >= 10) {
      return lang.count(Math.round(value)); // 48 a week, not 47,8
    }
    return lang.decimal(Math.round(value * 10) / 10.0);
  }

  /**
   * The unit's name in the era of the row's figures: a target measured before July 2025 names the
   * ward of that code then (the reform gave some codes again to different wards).
   */
  static String unitName(PageContext page, TargetRow row) {
    if (preReform(row)) {
      Optional<UnitScope> old = page.gold().preReformWard(row.unitCode());
      if (old.isPresent()) {
        return old.get().name();
      }
    }
    return page.gold().unit(row.unitCode()).map(UnitScope::name).orElse(row.unitCode());
  }

  static String unitHref(PageContext page, TargetRow row) {
    PageState state = page.state().with("unit", row.unitCode()).with("page", "overview");
    if (preReform(row) && page.gold().preReformWard(row.unitCode()).isPresent()) {
      state = state.with("era", PageState.PRE_REFORM_ERA).with("month", row.asOfMonth());
    }
    return state.with("metric", null).sortedBy(null, false).url();
  }

  private static boolean preReform(TargetRow row) {
    return row.asOfMonth().compareTo(UnitScope.REFORM_MONTH) < 0;
  }
}
