package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.da06.dashboard.web.PageContent.Card;
import vn.da06.dashboard.web.PageContent.Cards;
import vn.da06.dashboard.web.TableView.Cell;
import vn.da06.dashboard.web.TableView.Column;
import vn.da06.dashboard.web.TableView.Kind;
import vn.da06.goldread.Aggregation;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.ServiceInfo;
import vn.da06.goldread.ServiceMonthRow;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.UnitLevel;

/**
 * The content of each page of a unit. Pure functions of the page context; the layout is elsewhere.
 */
final class Pages {
  static final List<String> PAGES =
      List.of("overview", "ranking", "targets", "quality", "services", "daily");
  static final String DEFAULT_RANKING_METRIC = "eid_l2_coverage_rate";

  /** Row-level tables (page/table id) shown and exported only from this role up. */
  static final java.util.Set<String> ANALYST_TABLES = java.util.Set.of("daily/reports");

  static final vn.da06.warehouse.access.Role ANALYST_TABLES_ROLE =
      vn.da06.warehouse.access.Role.ANALYST;

  private Pages() {}

  static PageContent build(PageContext page) {
    return switch (page.state().page()) {
      case "overview" -> overview(page);
      case "ranking" -> ranking(page);
      case "targets" -> targets(page);
      case "quality" -> quality(page);
      case "services" -> services(page);
      case "daily" -> daily(page);
      default ->
          throw DashboardException.notFound(
              "Cannot show page '" + page.state().page() + "': there is no such page");
    };
  }

  // ---------------------------------------------------------------- Tổng quan (and ward detail)

  static PageContent overview(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    UnitScope unit = page.unit();
    List<String> months = upTo(page.gold().months(state.view()), state.month());
    Map<String, Map<String, Object>> series = monthly(page, months);
    PageContent content = new PageContent(lang.t("nav.overview") + " · " + unit.name());
    Map<String, Object> now = series.getOrDefault(state.month(), Map.of());
    Map<String, Object> before =
        months.size() >= 2 ? series.get(months.get(months.size() - 2)) : null;
    Map<String, TargetRow> targetsNow = new LinkedHashMap<>();
    for (TargetRow target : page.gold().targets(unit)) {
      if (target.unitCode().equals(unit.code()) && state.month().equals(target.asOfMonth())) {
        targetsNow.merge(target.metric(), target, (a, b) -> attainment(a) <= attainment(b) ? a : b);
      }
    }

    Object online = now.get("online_rate");
    boolean met = online != null && ((Double) online) >= Metrics.onlineGoal();
    content.raw(
        "<p class=\"goal "
            + (online == null ? "" : met ? "good" : "bad")
            + "\" data-testid=\"online-goal\">"
            + Html.esc(lang.t("online.goal"))
            + " · "
            + Html.esc(lang.month(state.month()))
            + ": <strong>"
            + Html.esc(lang.rate((Number) online))
            + "</strong> — "
            + Html.esc(
                online == null
                    ? lang.t("nodata")
                    : met ? lang.t("online.met") : lang.t("online.notmet"))
            + "</p>");

    List<Card> cards = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      Object value = now.get(metric.column());
      String change =
          change(lang, metric, value, before == null ? null : before.get(metric.column()));
      TargetRow target = targetsNow.get(metric.column());
      String status =
          target == null
              ? null
              : (Boolean.TRUE.equals(target.onTrack())
                      ? lang.t("target.ontrack")
                      : lang.t("target.atrisk"))
                  + " ("
                  + lang.rate(target.attainment())
                  + ")";
      cards.add(
          new Card(
              lang.label(metric),
              lang.value(metric, value),
              change,
              status,
              target == null ? null : Boolean.TRUE.equals(target.onTrack()) ? "good" : "bad"));
    }
    content.add(new Cards(cards));

    content.heading(lang.t("trend"));
    content.add(
        Charts.lines(
            "trend-eid",
            lang.label(Metrics.byColumn("eid_l2_coverage_rate").orElseThrow())
                + ", "
                + lang.label(Metrics.byColumn("eid_activation_rate").orElseThrow()),
            lang,
            months,
            series,
            List.of("eid_activation_rate", "eid_l2_coverage_rate"),
            null));
    content.add(
        Charts.bars(
            "trend-l2",
            lang.label(Metrics.byColumn("eid_applications_l2").orElseThrow())
                + ", "
                + lang.label(Metrics.byColumn("eid_activations_l2").orElseThrow()),
            lang,
            months,
            series,
            List.of("eid_applications_l2", "eid_activations_l2")));
    content.add(
        Charts.lines(
            "trend-online",
            lang.t("online.goal"),
            lang,
            months,
            series,
            List.of("online_rate", "essential_online_rate"),
            Metrics.onlineGoal()));

    if (unit.level() != UnitLevel.WARD) {
      if (unit.level() == UnitLevel.PROVINCE
          && state.view() == WardView.AS_REPORTED
          && state.month().compareTo(UnitScope.REFORM_MONTH) < 0) {
        content.heading(lang.t("districts"));
        content.add(districtTable(page));
      }
      content.heading(lang.t("subunits"));
      content.add(
          leagueTable(
              page, "subunits", state.metric() == null ? DEFAULT_RANKING_METRIC : state.metric()));
    } else {
      content.raw(eraNote(page));
      content.heading(lang.t("allmetrics"));
      content.add(allMetricsTable(page, months, series));
      content.heading(lang.t("nav.targets"));
      content.add(targetTable(page, "targets"));
      content.heading(lang.t("nav.daily"));
      content.add(dailyByMonthTable(page, months));
    }
    return content;
  }

  private static double attainment(TargetRow row) {
    return row.attainment() == null ? Double.MAX_VALUE : row.attainment();
  }

  private static String change(Lang lang, Metric metric, Object now, Object before) {
    if (now == null || before == null) {
      return null;
    }
    double difference = ((Number) now).doubleValue() - ((Number) before).doubleValue();
    String sign = difference > 0 ? "+" : "";
    if (metric.isRate()) {
      return sign
          + lang.decimal(difference * 100)
          + " "
          + (lang == Lang.VI ? "điểm %" : "pp")
          + " "
          + lang.t("change");
    }
    return sign + lang.count(difference) + " " + lang.t("change");
  }

  /** The unit's aggregate for each month. */
  static Map<String, Map<String, Object>> monthly(PageContext page, List<String> months) {
    Map<String, Map<String, Object>> series = new TreeMap<>();
    if (months.isEmpty()) {
      return series;
    }
    Map<String, List<KpiRow>> byMonth =
        page
            .gold()
            .kpis(page.state().view(), page.unit(), months.get(0), months.get(months.size() - 1))
            .stream()
            .collect(Collectors.groupingBy(KpiRow::month));
    for (String month : months) {
      series.put(month, Aggregation.aggregate(byMonth.getOrDefault(month, List.of())));
    }
    return series;
  }

  static List<String> upTo(List<String> months, String month) {
    return months.stream().filter(m -> m.compareTo(month) <= 0).toList();
  }

  private static TableView allMetricsTable(
      PageContext page, List<String> months, Map<String, Map<String, Object>> series) {
    Lang lang = page.lang();
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("month", lang.t("month"), Kind.TEXT));
    for (Metric metric : Metrics.ALL) {
      columns.add(
          new Column(
              metric.column(), lang.label(metric), metric.isRate() ? Kind.RATE : Kind.COUNT));
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (int i = months.size() - 1; i >= 0; i--) {
      String month = months.get(i);
      List<Cell> row = new ArrayList<>();
      row.add(Cell.of(month, lang.month(month)));
      for (Metric metric : Metrics.ALL) {
        Object value = series.get(month).get(metric.column());
        row.add(Cell.of(value, lang.value(metric, value)));
      }
      rows.add(row);
    }
    return new TableView("metrics", lang.t("allmetrics"), columns, rows);
  }

  // ---------------------------------------------------------------- Xếp hạng

  static PageContent ranking(PageContext page) {
    Lang lang = page.lang();
    String metricColumn =
        page.state().metric() == null ? DEFAULT_RANKING_METRIC : page.state().metric();
    Metric metric = Metrics.byColumn(metricColumn).orElseThrow();
    PageContent content =
        new PageContent(
            lang.t("nav.ranking") + " · " + lang.label(metric) + " · " + page.unit().name());
    content.heading(lang.t("league") + " · " + lang.month(page.state().month()));
    content.add(leagueTable(page, "league", metricColumn));
    content.heading(lang.t("heatmap"));
    content.add(heatmap(page, metric));
    return content;
  }

  /** One row per ward of the unit for the chosen month and view. */
  static TableView leagueTable(PageContext page, String id, String metricColumn) {
    Lang lang = page.lang();
    PageState state = page.state();
    Metric metric = Metrics.byColumn(metricColumn).orElseThrow();
    List<KpiRow> rows =
        new ArrayList<>(page.gold().kpis(state.view(), page.unit(), state.month(), state.month()));
    Function<KpiRow, Double> value =
        row ->
            row.value(metricColumn) == null
                ? null
                : ((Number) row.value(metricColumn)).doubleValue();
    List<Double> sorted = rows.stream().map(value).filter(v -> v != null).sorted().toList();
    String sort = state.sort() == null ? "value" : state.sort();
    Comparator<KpiRow> order =
        switch (sort) {
          case "code" -> Comparator.comparing(KpiRow::wardCode);
          case "name" -> Comparator.comparing(row -> wardName(page, row));
          default -> Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
    boolean ascending = state.sort() == null ? false : state.ascending();
    rows.sort(ascending ? order : order.reversed());
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
    List<Double> descending = new ArrayList<>(sorted);
    java.util.Collections.reverse(descending);
    List<List<Cell>> cells = new ArrayList<>();
    for (KpiRow row : rows) {
      Double v = value.apply(row);
      int rank = v == null ? 0 : descending.indexOf(v) + 1;
      String band = band(metric, v, sorted);
      String href =
          wardState(state, row)
              .with("page", "overview")
              .with("metric", null)
              .sortedBy(null, false)
              .url();
      List<Cell> line =
          new ArrayList<>(
              List.of(
                  Cell.of(rank == 0 ? null : (long) rank, rank == 0 ? "–" : lang.count(rank)),
                  new Cell(row.wardCode(), row.wardCode(), href, null),
                  new Cell(wardName(page, row), wardName(page, row), href, null),
                  new Cell(
                      row.value(metricColumn),
                      lang.value(metric, row.value(metricColumn)),
                      null,
                      band)));
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
   * Green, amber or red: against the 70% goal for online rates, else the ward's third among its
   * peers.
   */
  static String band(Metric metric, Double value, List<Double> sortedValues) {
    if (value == null) {
      return "band-none";
    }
    if (metric.column().endsWith("online_rate")) {
      return value >= Metrics.onlineGoal()
          ? "band-high"
          : value >= Metrics.onlineGoal() - 0.2 ? "band-mid" : "band-low";
    }
    int below = (int) sortedValues.stream().filter(v -> v < value).count();
    double position = sortedValues.size() <= 1 ? 1.0 : below / (double) (sortedValues.size() - 1);
    boolean higherIsWorse =
        metric.column().startsWith("dq_")
            && !metric.column().startsWith("dq_clean")
            && !metric.column().equals("dq_records");
    if (higherIsWorse) {
      position = 1 - position;
    }
    return position >= 2.0 / 3 ? "band-high" : position >= 1.0 / 3 ? "band-mid" : "band-low";
  }

  /**
   * The state of a ward row's own page: a row of a pre-reform ward (as reported, before July 2025)
   * links with {@code era=pre2025}, because the reform gave some old codes again to different
   * wards.
   */
  static PageState wardState(PageState state, KpiRow row) {
    PageState ward = state.with("unit", row.wardCode());
    return state.view() == WardView.AS_REPORTED && row.month().compareTo(UnitScope.REFORM_MONTH) < 0
        ? ward.with("era", PageState.PRE_REFORM_ERA)
        : ward;
  }

  /**
   * On a ward's page, which era it shows and a link to the other ward of the same code: the
   * pre-reform ward of a reused code, or today's ward of a pre-reform page; and where a pre-reform
   * ward went.
   */
  private static String eraNote(PageContext page) {
    Lang lang = page.lang();
    UnitScope unit = page.unit();
    StringBuilder out = new StringBuilder();
    if (!unit.currentWards().isEmpty()) {
      Optional<UnitScope> old = page.gold().preReformWard(unit.code());
      if (old.isPresent() && page.mine().covers(old.get())) {
        String href =
            page.state()
                .with("era", PageState.PRE_REFORM_ERA)
                .with("month", lastMonthBefore(page))
                .sortedBy(null, false)
                .url();
        out.append("<p class=\"note era\" data-testid=\"era-note\">")
            .append(Html.esc(String.format(lang.t("era.reused"), unit.code(), old.get().name())))
            .append(" <a href=\"")
            .append(Html.esc(href))
            .append("\" data-era=\"pre2025\">")
            .append(Html.esc(lang.t("era.open.pre")))
            .append("</a></p>");
      }
      return out.toString();
    }
    out.append("<p class=\"note era\" data-testid=\"era-note\">")
        .append(Html.esc(String.format(lang.t("era.pre"), unit.name(), unit.code())));
    Optional<WardInfo> info =
        page.gold().ward(WardView.AS_REPORTED, unit.code(), "2000-01").filter(WardInfo::preReform);
    List<String> into = info.map(WardInfo::currentWardCodes).orElse(List.of());
    if (!into.isEmpty()) {
      out.append(" ").append(Html.esc(lang.t("era.merged")));
      for (String code : into) {
        Optional<UnitScope> now = page.gold().unit(code);
        String text = code + " " + now.map(UnitScope::name).orElse("");
        if (now.isPresent() && page.mine().covers(now.get())) {
          String href =
              page.state().with("unit", code).with("month", null).sortedBy(null, false).url();
          out.append(" <a href=\"")
              .append(Html.esc(href))
              .append("\" data-era=\"current\">")
              .append(Html.esc(text))
              .append("</a>");
        } else {
          out.append(" ").append(Html.esc(text));
        }
      }
    }
    return out.append("</p>").toString();
  }

  private static String lastMonthBefore(PageContext page) {
    List<String> before =
        page.gold().months(WardView.AS_REPORTED).stream()
            .filter(m -> m.compareTo(UnitScope.REFORM_MONTH) < 0)
            .toList();
    return before.isEmpty() ? null : before.get(before.size() - 1);
  }

  static String wardName(PageContext page, KpiRow row) {
    return page.gold()
        .ward(page.state().view(), row.wardCode(), row.month())
        .map(WardInfo::wardName)
        .orElse(row.wardCode());
  }

  private static Chart heatmap(PageContext page, Metric metric) {
    PageState state = page.state();
    List<String> months = upTo(page.gold().months(state.view()), state.month());
    months = months.subList(Math.max(0, months.size() - 12), months.size());
    List<KpiRow> rows =
        months.isEmpty()
            ? List.of()
            : page.gold()
                .kpis(state.view(), page.unit(), months.get(0), months.get(months.size() - 1));
    Map<String, String> wards = new TreeMap<>();
    for (KpiRow row : rows) {
      wards.putIfAbsent(row.wardCode(), row.wardCode() + " " + wardName(page, row));
    }
    List<String> wardCodes = new ArrayList<>(wards.keySet());
    List<List<Object>> data = new ArrayList<>();
    double max = 0;
    for (KpiRow row : rows) {
      Object value = row.value(metric.column());
      if (value != null) {
        double number = Charts.number(metric, value);
        max = Math.max(max, number);
        data.add(List.of(months.indexOf(row.month()), wardCodes.indexOf(row.wardCode()), number));
      }
    }
    return Charts.heatmap(
        "heatmap",
        page.lang().label(metric),
        page.lang(),
        months,
        new ArrayList<>(wards.values()),
        data,
        max);
  }

  // ---------------------------------------------------------------- Chỉ tiêu

  static PageContent targets(PageContext page) {
    Lang lang = page.lang();
    PageContent content = new PageContent(lang.t("nav.targets") + " · " + page.unit().name());
    TableView table = targetTable(page, "targets");
    content.heading(lang.t("nav.targets") + " · " + lang.month(page.state().month()));
    List<String> labels = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (List<Cell> row : table.rows().subList(0, Math.min(20, table.rows().size()))) {
      labels.add(row.get(1).text() + " · " + row.get(2).text());
      Object attainment = row.get(7).value();
      values.add(
          attainment == null
              ? null
              : Math.round(((Number) attainment).doubleValue() * 1000) / 10.0);
    }
    content.add(
        Charts.horizontalBars("targets-chart", lang.t("target.attainment"), labels, values));
    content.add(table);
    return content;
  }

  /**
   * The latest progress (as of the chosen month or before) of every target of the unit, furthest
   * behind first.
   */
  static TableView targetTable(PageContext page, String id) {
    Lang lang = page.lang();
    String month = page.state().month();
    Map<String, TargetRow> latest = new LinkedHashMap<>();
    for (TargetRow row : page.gold().targets(page.unit())) {
      if (row.asOfMonth() != null
          && row.asOfMonth().compareTo(month) <= 0
          && (page.state().metric() == null
              || !page.state().page().equals("targets")
              || page.state().metric().equals(row.metric()))) {
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
    for (TargetRow row : rows) {
      Optional<Metric> metric = Metrics.byColumn(row.metric());
      boolean rate = metric.map(Metric::isRate).orElse(false);
      Function<Double, String> show = v -> rate ? lang.rate(v) : lang.decimal(v);
      String name = page.gold().unit(row.unitCode()).map(UnitScope::name).orElse(row.unitCode());
      String href =
          page.state()
              .with("unit", row.unitCode())
              .with("page", "overview")
              .with("metric", null)
              .sortedBy(null, false)
              .url();
      boolean onTrack = Boolean.TRUE.equals(row.onTrack());
      cells.add(
          List.of(
              new Cell(row.unitCode(), row.unitCode(), href, null),
              new Cell(name, name, href, null),
              Cell.of(row.metric(), metric.map(lang::label).orElse(row.metric())),
              Cell.of(row.campaign(), row.campaign() == null ? "" : row.campaign()),
              Cell.of(row.targetValue(), show.apply(row.targetValue())),
              Cell.of(row.actual(), show.apply(row.actual())),
              Cell.of(row.asOfMonth(), lang.month(row.asOfMonth())),
              new Cell(
                  row.attainment(),
                  lang.rate(row.attainment()),
                  null,
                  onTrack ? "band-high" : "band-low"),
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

  // ---------------------------------------------------------------- Chất lượng dữ liệu

  static PageContent quality(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.quality") + " · " + page.unit().name());
    List<String> months = upTo(page.gold().months(state.view()), state.month());
    Map<String, Map<String, Object>> series = monthly(page, months);
    List<String> snapshotMonths =
        months.stream().filter(m -> series.get(m).get("dq_records") != null).toList();
    content.add(
        Charts.lines(
            "quality-trend",
            lang.label(Metrics.byColumn("dq_clean_rate").orElseThrow()),
            lang,
            snapshotMonths,
            series,
            List.of("dq_clean_rate"),
            null));
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
    List<String> columnNames =
        List.of(
            "dq_records",
            "dq_incorrect",
            "dq_incomplete",
            "dq_unclean",
            "dq_stale",
            "dq_clean_records",
            "dq_clean_rate");
    List<Column> columns =
        new ArrayList<>(
            List.of(
                new Column("ward_code", lang.t("ward.code"), Kind.TEXT),
                new Column("ward_name", lang.t("ward"), Kind.TEXT)));
    for (String name : columnNames) {
      Metric metric = Metrics.byColumn(name).orElseThrow();
      columns.add(new Column(name, lang.label(metric), metric.isRate() ? Kind.RATE : Kind.COUNT));
    }
    List<Double> sorted =
        rows.stream()
            .map(row -> (Double) row.value("dq_clean_rate"))
            .filter(v -> v != null)
            .sorted()
            .toList();
    List<List<Cell>> cells = new ArrayList<>();
    for (KpiRow row : rows) {
      String href = wardState(state, row).with("page", "overview").sortedBy(null, false).url();
      List<Cell> line =
          new ArrayList<>(
              List.of(
                  new Cell(row.wardCode(), row.wardCode(), href, null),
                  new Cell(wardName(page, row), wardName(page, row), href, null)));
      for (String name : columnNames) {
        Metric metric = Metrics.byColumn(name).orElseThrow();
        Object value = row.value(name);
        line.add(
            new Cell(
                value,
                lang.value(metric, value),
                null,
                metric.isRate() ? band(metric, (Double) value, sorted) : null));
      }
      cells.add(line);
    }
    content.heading(lang.t("quality.worst"));
    content.add(new TableView("quality", lang.t("quality.worst"), columns, cells));
    return content;
  }

  // ---------------------------------------------------------------- Dịch vụ công

  static PageContent services(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.services") + " · " + page.unit().name());
    Map<String, long[]> byService = new TreeMap<>();
    for (ServiceMonthRow row : page.gold().serviceMonths(page.unit(), state.month())) {
      long[] sums = byService.computeIfAbsent(row.serviceCode(), code -> new long[4]);
      sums[0] += row.dossiersTotal();
      sums[1] += row.dossiersOnline();
      sums[2] += row.dossiersResolved();
      sums[3] += row.dossiersResolvedOnTime();
    }
    List<Column> columns =
        List.of(
            new Column("service_code", lang.t("ward.code"), Kind.TEXT),
            new Column("name_vi", lang.t("service"), Kind.TEXT),
            new Column("dossiers_total", lang.t("service.total"), Kind.COUNT),
            new Column("dossiers_online", lang.t("service.online"), Kind.COUNT),
            new Column("online_share", lang.t("service.share"), Kind.RATE),
            new Column("dossiers_resolved", lang.t("service.resolved"), Kind.COUNT),
            new Column("dossiers_resolved_on_time", lang.t("service.ontime"), Kind.COUNT));
    List<List<Cell>> cells = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Object> shares = new ArrayList<>();
    for (ServiceInfo service : page.gold().services()) {
      if (!service.essential()) {
        continue;
      }
      long[] sums = byService.getOrDefault(service.serviceCode(), new long[4]);
      Double share = Metric.rate(sums[1], sums[0]);
      Metric online = Metrics.byColumn("online_rate").orElseThrow();
      cells.add(
          List.of(
              Cell.of(service.serviceCode(), service.serviceCode()),
              Cell.of(service.nameVi(), service.nameVi()),
              Cell.of(sums[0], lang.count(sums[0])),
              Cell.of(sums[1], lang.count(sums[1])),
              new Cell(share, lang.rate(share), null, band(online, share, List.of())),
              Cell.of(sums[2], lang.count(sums[2])),
              Cell.of(sums[3], lang.count(sums[3]))));
      labels.add(service.serviceCode());
      shares.add(share == null ? null : Math.round(share * 1000) / 10.0);
    }
    content.heading(lang.t("services.essential") + " · " + lang.month(state.month()));
    content.add(
        Charts.verticalBars(
            "services-chart", lang.t("service.share"), labels, shares, Metrics.onlineGoal()));
    content.add(new TableView("services", lang.t("services.essential"), columns, cells));
    content.heading(lang.t("services.byward"));
    content.add(
        leagueTable(
            page.withState(state.with("metric", "essential_online_rate")),
            "wards",
            "essential_online_rate"));
    return content;
  }

  // ---------------------------------------------------------------- Báo cáo ngày

  static PageContent daily(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    PageContent content = new PageContent(lang.t("nav.daily") + " · " + page.unit().name());
    List<DailyReportRow> rows = page.gold().dailyReports(page.unit(), state.month());
    Map<String, long[]> perDay = new TreeMap<>();
    Map<String, long[]> perWard = new TreeMap<>();
    for (DailyReportRow row : rows) {
      int index = "ON_TIME".equals(row.status()) ? 0 : "LATE".equals(row.status()) ? 1 : 2;
      perDay.computeIfAbsent(row.reportDate().toString(), d -> new long[3])[index]++;
      long[] ward = perWard.computeIfAbsent(row.wardCode(), w -> new long[5]);
      ward[index]++;
      ward[3] += Math.abs(row.diffL2Applications() == null ? 0 : row.diffL2Applications());
      ward[4] += Math.abs(row.diffL2Activations() == null ? 0 : row.diffL2Activations());
    }
    content.heading(lang.t("nav.daily") + " · " + lang.month(state.month()));
    content.add(Charts.stackedDays("daily-chart", lang, perDay));
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
    List<Map.Entry<String, long[]>> wards = new ArrayList<>(perWard.entrySet());
    wards.sort(
        Comparator.comparing(
                (Map.Entry<String, long[]> e) -> -(e.getValue()[1] + 2 * e.getValue()[2]))
            .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, long[]> entry : wards) {
      long[] v = entry.getValue();
      String name =
          page.gold()
              .ward(WardView.AS_REPORTED, entry.getKey(), state.month())
              .map(WardInfo::wardName)
              .orElse(entry.getKey());
      wardCells.add(
          List.of(
              Cell.of(entry.getKey(), entry.getKey()),
              Cell.of(name, name),
              Cell.of(v[0], lang.count(v[0])),
              new Cell(v[1], lang.count(v[1]), null, v[1] > 0 ? "band-mid" : null),
              new Cell(v[2], lang.count(v[2]), null, v[2] > 0 ? "band-low" : null),
              Cell.of(v[3], lang.count(v[3])),
              Cell.of(v[4], lang.count(v[4]))));
    }
    content.heading(lang.t("daily.byward"));
    content.add(new TableView("wards", lang.t("daily.byward"), wardColumns, wardCells));
    content.heading(lang.t("daily.problems"));
    if (page.user().role().ordinal() >= ANALYST_TABLES_ROLE.ordinal()) {
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
          "ON_TIME".equals(row.status())
              ? null
              : "LATE".equals(row.status()) ? "band-mid" : "band-low";
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
                  nonZero(row.diffL2Applications()) ? "band-low" : null),
              Cell.of(row.reportedL2Activations(), lang.count(row.reportedL2Activations())),
              Cell.of(row.systemL2Activations(), lang.count(row.systemL2Activations())),
              new Cell(
                  row.diffL2Activations(),
                  lang.count(row.diffL2Activations()),
                  null,
                  nonZero(row.diffL2Activations()) ? "band-low" : null)));
    }
    return new TableView("reports", lang.t("daily.problems"), columns, cells);
  }

  /** A ward's daily-report record month by month. */
  private static TableView dailyByMonthTable(PageContext page, List<String> months) {
    Lang lang = page.lang();
    List<Column> columns =
        List.of(
            new Column("month", lang.t("month"), Kind.TEXT),
            new Column("on_time_days", lang.t("daily.ontime"), Kind.COUNT),
            new Column("late_days", lang.t("daily.late"), Kind.COUNT),
            new Column("missing_days", lang.t("daily.missing"), Kind.COUNT));
    List<List<Cell>> cells = new ArrayList<>();
    for (int i = months.size() - 1; i >= 0; i--) {
      long[] counts = new long[3];
      for (DailyReportRow row : page.gold().dailyReports(page.unit(), months.get(i))) {
        counts["ON_TIME".equals(row.status()) ? 0 : "LATE".equals(row.status()) ? 1 : 2]++;
      }
      if (counts[0] + counts[1] + counts[2] == 0) {
        continue;
      }
      cells.add(
          List.of(
              Cell.of(months.get(i), lang.month(months.get(i))),
              Cell.of(counts[0], lang.count(counts[0])),
              Cell.of(counts[1], lang.count(counts[1])),
              Cell.of(counts[2], lang.count(counts[2]))));
    }
    return new TableView("daily", lang.t("nav.daily"), columns, cells);
  }

  private static TableView districtTable(PageContext page) {
    Lang lang = page.lang();
    PageState state = page.state();
    List<Column> columns =
        List.of(
            new Column("district_code", lang.t("ward.code"), Kind.TEXT),
            new Column("district_name", lang.t("district"), Kind.TEXT));
    List<List<Cell>> cells = new ArrayList<>();
    for (UnitScope district : page.gold().districts(page.unit())) {
      String href = state.with("unit", district.code()).sortedBy(null, false).url();
      cells.add(
          List.of(
              new Cell(district.code(), district.code(), href, null),
              new Cell(district.name(), district.name(), href, null)));
    }
    return new TableView("districts", lang.t("districts"), columns, cells);
  }
}
