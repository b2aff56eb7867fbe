package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.goldread.League;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Headline;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.access.UnitLevel;

/**
 * The first thing an overview shows: the {@link Headline} indicators in their sections, each with
 * its value coloured by its band, the target or goal it is judged against (with the deadline), the
 * change since last month with an arrow coloured by the metric's direction, and a 12-month
 * sparkline. On a ward's page each card also says the ward's rank among the province's wards and
 * the province's figure.
 */
final class HeadlineStrip {
  static final int SPARKLINE_MONTHS = 12;

  private HeadlineStrip() {}

  static String html(
      PageContext page, List<String> months, Map<String, Map<String, Object>> series) {
    Lang lang = page.lang();
    String month = page.state().month();
    Map<String, Object> now = series.getOrDefault(month, Map.of());
    int at = months.indexOf(month);
    Map<String, Object> before = at >= 1 ? series.get(months.get(at - 1)) : null;
    List<String> recent =
        months.subList(Math.max(0, months.size() - SPARKLINE_MONTHS), months.size());
    Bands bands = Bands.of(page);
    Standing standing = Standing.of(page);
    StringBuilder out = new StringBuilder("<div class=\"headline\" data-testid=\"headline\">");
    for (Headline.Section section : Headline.Section.values()) {
      List<Headline.Indicator> indicators =
          Headline.INDICATORS.stream().filter(i -> i.section() == section).toList();
      if (indicators.isEmpty()) {
        continue;
      }
      out.append("<section class=\"headline-group n")
          .append(indicators.size())
          .append("\" aria-label=\"")
          .append(Html.esc(section.label(lang == Lang.VI)))
          .append("\"><h2>")
          .append(Html.esc(section.label(lang == Lang.VI)))
          .append("</h2><div class=\"headline-cards\">");
      for (Headline.Indicator indicator : indicators) {
        Metric metric = indicator.metric();
        Object value = now.get(metric.column());
        Optional<Reference> reference =
            bands.reference(metric, page.unit().code(), page.state().month());
        Band band = bands.against(metric, reference.orElse(null), value);
        List<Number> trend = new ArrayList<>();
        recent.forEach(
            m -> trend.add((Number) series.getOrDefault(m, Map.of()).get(metric.column())));
        out.append(
            card(
                page,
                metric,
                value,
                before == null ? null : before.get(metric.column()),
                reference,
                band,
                recent,
                trend,
                standing.line(metric, value)));
      }
      out.append("</div></section>");
    }
    return out.append("</div>").toString();
  }

  private static String card(
      PageContext page,
      Metric metric,
      Object value,
      Object before,
      Optional<Reference> reference,
      Band band,
      List<String> months,
      List<Number> trend,
      String standing) {
    Lang lang = page.lang();
    String href =
        page.state()
            .with("page", "ranking")
            .with("metric", metric.column())
            .sortedBy(null, false)
            .url();
    StringBuilder out =
        new StringBuilder("<div class=\"hcard ")
            .append(band.cssClass())
            .append("\" data-testid=\"headline-card\" data-metric=\"")
            .append(metric.column())
            .append("\" data-band=\"")
            .append(band.apiName())
            .append("\"><a class=\"label\" href=\"")
            .append(Html.esc(href))
            .append("\">")
            .append(Html.esc(lang.label(metric)))
            .append("</a><span class=\"value\">")
            .append(Html.esc(value == null ? lang.t("nodata.short") : lang.value(metric, value)))
            // ⚠ where gold.anomalies flags this figure, its reason a tap away
            .append(
                AnomalyMarks.html(page, page.unit().code(), page.state().month(), metric.column()))
            .append("</span>");
    // "58,1 % / 80 % đến 31/12/2026 · dự kiến 60,3 %": the target live today and where the pace of
    // the latest month takes the figure by its deadline; else the goal; else no reference.
    String line = TargetsPage.cardLine(page, metric, page.unit().code(), value);
    out.append("<span class=\"reference\">")
        .append(
            Html.esc(
                !line.isEmpty()
                    ? line
                    : reference.map(r -> against(lang, metric, r)).orElse(lang.t("noreference"))))
        .append("</span>");
    String change = change(lang, metric, value, before);
    if (change != null) {
      out.append(change);
    }
    if (standing != null) {
      out.append("<span class=\"hstanding\" data-testid=\"standing\">")
          .append(Html.esc(standing))
          .append("</span>");
    }
    out.append(Charts.sparkline("spark-" + metric.column(), lang, metric, months, trend));
    return out.append("</div>").toString();
  }

  /** "/ 80,0 % đến 31/12/2026" against a target, "/ mục tiêu 70,0 %" against a goal. */
  static String against(Lang lang, Metric metric, Reference reference) {
    String value = lang.value(metric, reference.value());
    boolean vi = lang == Lang.VI;
    return switch (reference.source()) {
      case GOAL -> "/ " + (vi ? "mục tiêu " : "goal ") + value;
      case UNIT_TARGET -> "/ " + value + (vi ? " đến " : " by ") + lang.date(reference.deadline());
      case PROVINCE_TARGET ->
          "/ "
              + value
              + (vi ? " (chỉ tiêu tỉnh) đến " : " (province target) by ")
              + lang.date(reference.deadline());
    };
  }

  /**
   * "▲ +1,2 điểm %" coloured good or bad by the metric's direction (a size, neutral, stays grey),
   * or null where a month is missing.
   */
  static String change(Lang lang, Metric metric, Object now, Object before) {
    if (now == null || before == null) {
      return null;
    }
    double difference = ((Number) now).doubleValue() - ((Number) before).doubleValue();
    String arrow = difference > 0 ? "▲" : difference < 0 ? "▼" : "–";
    String tone =
        difference == 0 || metric.direction() == Metric.Direction.NEUTRAL
            ? "flat"
            : (difference > 0) == (metric.direction() == Metric.Direction.HIGHER_IS_BETTER)
                ? "good"
                : "bad";
    String text = PageParts.change(lang, metric, now, before);
    String since = " " + lang.t("change");
    return "<span class=\"delta "
        + tone
        + "\" data-testid=\"delta\" data-tone=\""
        + tone
        + "\" title=\""
        + Html.esc(text)
        + "\">"
        + arrow
        + " "
        + Html.esc(text.endsWith(since) ? text.substring(0, text.length() - since.length()) : text)
        + "</span>";
  }

  /**
   * On a ward's page: the ward's rank among the province's wards of today (the league the ranking
   * page and the API use, {@link League}) and the province's figure, for each headline indicator.
   */
  private record Standing(PageContext page, Map<String, Object> provinceFigures) {
    static Standing of(PageContext page) {
      UnitScope unit = page.unit();
      if (unit.level() != UnitLevel.WARD || unit.currentWards().isEmpty()) {
        return new Standing(page, null);
      }
      UnitScope province = Standings.province(page);
      if (province == null || province.code().equals(unit.code())) {
        return new Standing(page, null);
      }
      return new Standing(
          page,
          page.gold().aggregate(page.state().view(), province, page.state().month()).values());
    }

    String line(Metric metric, Object value) {
      if (provinceFigures == null) {
        return null;
      }
      Lang lang = page.lang();
      String province =
          (lang == Lang.VI ? "Tỉnh: " : "Province: ")
              + lang.value(metric, provinceFigures.get(metric.column()));
      League league = Standings.league(page, metric);
      return league
          .ward(page.unit().code())
          .filter(entry -> entry.rank() != null)
          .map(
              entry ->
                  (lang == Lang.VI ? "Hạng " : "Rank ")
                      + entry.rank()
                      + "/"
                      + league.ranked()
                      + " · "
                      + province)
          .orElse(province);
    }
  }
}
