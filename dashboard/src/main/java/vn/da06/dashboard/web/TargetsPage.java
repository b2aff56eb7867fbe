package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

/** Chỉ tiêu: every target of the unit and the units below it, furthest behind first. */
final class TargetsPage {
  /** How many targets the attainment chart shows (the furthest behind). */
  private static final int CHART_TARGETS = 20;

  private TargetsPage() {}

  static PageContent build(PageContext page) {
    Lang lang = page.lang();
    PageContent content = new PageContent(lang.t("nav.targets") + " · " + page.unit().name());
    List<TargetRow> targets = latestTargets(page);
    content.heading(lang.t("nav.targets") + " · " + lang.month(page.state().month()));
    List<String> labels = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (TargetRow target : targets.subList(0, Math.min(CHART_TARGETS, targets.size()))) {
      labels.add(unitName(page, target) + " · " + metricLabel(lang, target));
      values.add(
          target.attainment() == null ? null : Math.round(target.attainment() * 1000) / 10.0);
    }
    content.add(
        Charts.horizontalBars("targets-chart", lang.t("target.attainment"), labels, values));
    content.add(targetTable(page, "targets", targets));
    return content;
  }

  /**
   * The latest progress (as of the chosen month or before) of every target of the unit, furthest
   * behind first; on this page only the chosen metric's, where one is chosen.
   */
  static List<TargetRow> latestTargets(PageContext page) {
    String month = page.state().month();
    boolean oneMetric = page.state().metric() != null && page.state().page().equals("targets");
    Map<String, TargetRow> latest = new LinkedHashMap<>();
    for (TargetRow row : page.gold().targets(page.unit())) {
      if (row.asOfMonth() != null
          && row.asOfMonth().compareTo(month) <= 0
          && (!oneMetric || page.state().metric().equals(row.metric()))) {
        String key =
            row.unitCode() + "|" + row.metric() + "|" + row.campaign() + "|" + row.deadline();
        latest.merge(key, row, (a, b) -> a.asOfMonth().compareTo(b.asOfMonth()) >= 0 ? a : b);
      }
    }
    List<TargetRow> rows = new ArrayList<>(latest.values());
    rows.sort(
        Comparator.comparing(
                TargetRow::attainment, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TargetRow::unitCode));
    return rows;
  }

  /**
   * The targets as a table; the attainment is coloured by the band of the actual figure against the
   * target of its own row.
   */
  static TableView targetTable(PageContext page, String id, List<TargetRow> targets) {
    Lang lang = page.lang();
    Bands bands = Bands.of(page);
    List<Column> columns =
        List.of(
            new Column("unit_code", lang.t("ward.code"), Kind.TEXT),
            new Column("unit_name", lang.t("unit"), Kind.TEXT),
            new Column("metric", lang.t("metric"), Kind.TEXT),
            new Column("campaign", lang.t("target.campaign"), Kind.TEXT),
            new Column("target_value", lang.t("target.target"), Kind.DECIMAL),
            new Column("actual", lang.t("target.actual"), Kind.DECIMAL),
            new Column("as_of_month", lang.t("month"), Kind.TEXT),
            new Column("attainment", lang.t("target.attainment"), Kind.RATE),
            new Column("daily_pace_needed", lang.t("target.pace"), Kind.DECIMAL),
            new Column("projected_at_deadline", lang.t("target.projected"), Kind.DECIMAL),
            new Column("deadline", lang.t("target.deadline"), Kind.DATE),
            new Column("days_left", lang.t("target.daysleft"), Kind.COUNT),
            new Column("on_track", lang.t("target.status"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    for (TargetRow row : targets) {
      Optional<Metric> metric = Metrics.byColumn(row.metric());
      boolean rate = metric.map(Metric::isRate).orElse(false);
      Function<Double, String> show = v -> rate ? lang.rate(v) : lang.decimal(v);
      String name = unitName(page, row);
      String href =
          page.state()
              .with("unit", row.unitCode())
              .with("page", "overview")
              .with("metric", null)
              .sortedBy(null, false)
              .url();
      Band band =
          metric.isEmpty() || row.targetValue() == null || row.deadline() == null
              ? Band.NONE
              : bands.against(
                  metric.get(),
                  new Reference(
                      row.targetValue(),
                      Reference.Source.UNIT_TARGET,
                      row.deadline(),
                      row.campaign()),
                  row.actual());
      boolean onTrack = Boolean.TRUE.equals(row.onTrack());
      cells.add(
          List.of(
              new Cell(row.unitCode(), row.unitCode(), href, null),
              new Cell(name, name, href, null),
              Cell.of(row.metric(), metricLabel(lang, row)),
              Cell.of(row.campaign(), row.campaign() == null ? "" : row.campaign()),
              Cell.of(row.targetValue(), show.apply(row.targetValue())),
              Cell.of(row.actual(), show.apply(row.actual())),
              Cell.of(row.asOfMonth(), lang.month(row.asOfMonth())),
              new Cell(row.attainment(), lang.rate(row.attainment()), null, band.cssClass()),
              Cell.of(row.dailyPaceNeeded(), lang.decimal(row.dailyPaceNeeded())),
              Cell.of(row.projectedAtDeadline(), show.apply(row.projectedAtDeadline())),
              Cell.of(row.deadline(), lang.date(row.deadline())),
              Cell.of(row.daysLeft(), lang.count(row.daysLeft())),
              new Cell(
                  row.onTrack() == null ? null : onTrack ? "ON_TRACK" : "AT_RISK",
                  row.onTrack() == null
                      ? "–"
                      : onTrack ? lang.t("target.ontrack") : lang.t("target.atrisk"),
                  null,
                  onTrack ? "good" : "bad")));
    }
    return new TableView(id, lang.t("nav.targets"), columns, cells);
  }

  private static String unitName(PageContext page, TargetRow row) {
    return page.gold().unit(row.unitCode()).map(UnitScope::name).orElse(row.unitCode());
  }

  private static String metricLabel(Lang lang, TargetRow row) {
    return Metrics.byColumn(row.metric()).map(lang::label).orElse(row.metric());
  }
}
