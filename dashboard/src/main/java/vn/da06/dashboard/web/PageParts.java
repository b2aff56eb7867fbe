package vn.da06.dashboard.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.da06.goldread.Aggregation;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metric;

/** What several pages use: the months shown, a unit's monthly figures, ward names and links. */
final class PageParts {
  private PageParts() {}

  /** The months of {@code months} up to and including {@code month}. */
  static List<String> upTo(List<String> months, String month) {
    return months.stream().filter(m -> m.compareTo(month) <= 0).toList();
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

  /** "+2,5 điểm % so với tháng trước", or null where a month is missing. */
  static String change(Lang lang, Metric metric, Object now, Object before) {
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

  /** The words Vietnamese unit names start with: a name that has one is shown as it is. */
  private static final List<String> UNIT_TYPES =
      List.of(
          "Tỉnh ",
          "Thành phố ",
          "TP ",
          "Huyện ",
          "Quận ",
          "Thị xã ",
          "Xã ",
          "Phường ",
          "Thị trấn ",
          "Đặc khu ");

  /**
   * A unit as a reader names it: "Xã Bắc Sơn", "Huyện Bắc Sơn", "Tỉnh Lạng Sơn" — the name where it
   * already says what the unit is (never "Huyện Huyện Bắc Sơn" or "Xã/phường Thị trấn …"), else the
   * level's word before it.
   */
  static String unitName(Lang lang, UnitScope unit) {
    String name = unit.name();
    if (UNIT_TYPES.stream().anyMatch(name::startsWith)) {
      return name;
    }
    return lang.t("level." + unit.level()) + " " + name;
  }

  static String wardName(PageContext page, KpiRow row) {
    return page.gold()
        .ward(page.state().view(), row.wardCode(), row.month())
        .map(WardInfo::wardName)
        .orElse(row.wardCode());
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
  static String eraNote(PageContext page) {
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
}
