package vn.da06.dashboard.web;

import java.util.List;
import java.util.Optional;
import vn.da06.goldread.AnomalyRow;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.AnomalyRules;

/**
 * The mark a flagged figure carries on a page (issue 24): "⚠" with the reasons of {@code
 * gold.anomalies} on hover (title) and on tap (a {@code <details>} that opens without script). For
 * a cell, card or chart point of a unit, a month and a metric:
 *
 * <pre>
 * String mark = AnomalyMarks.html(page, row.wardCode(), month, "eid_activations_l2");
 * // "" when nothing is flagged; else the mark, to put after the figure
 * </pre>
 *
 * A district or province is marked when any of its wards is, with the wards' reasons. Daily-report
 * rows mark the metric {@code daily_report} of their month.
 */
public final class AnomalyMarks {

  /** At most this many reasons in one mark; the rest are counted. */
  static final int MAX_REASONS = 3;

  private AnomalyMarks() {}

  /** The anomalies of {@code unitCode}'s wards in {@code month} on {@code metric}. */
  static List<AnomalyRow> of(PageContext page, String unitCode, String month, String metric) {
    Optional<UnitScope> unit = page.gold().unit(unitCode);
    if (unit.isEmpty() || month == null) {
      return List.of();
    }
    return page.gold().anomalies(unit.get(), month).stream()
        .filter(row -> row.metric().equals(metric))
        .toList();
  }

  /** The reasons as one text (a title attribute, a chart point's label), or empty. */
  static Optional<String> reasons(PageContext page, String unitCode, String month, String metric) {
    List<AnomalyRow> rows = of(page, unitCode, month, metric);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    boolean vi = page.lang() == Lang.VI;
    List<String> reasons =
        rows.stream().map(row -> prefix(page, unitCode, row) + row.reason(vi)).distinct().toList();
    StringBuilder text =
        new StringBuilder(
            String.join("\n", reasons.subList(0, Math.min(MAX_REASONS, reasons.size()))));
    if (reasons.size() > MAX_REASONS) {
      text.append("\n")
          .append(String.format(page.lang().t("anomaly.more"), reasons.size() - MAX_REASONS));
    }
    return Optional.of(text.toString());
  }

  /** The mark's HTML, or "" when the figure is not flagged. */
  static String html(PageContext page, String unitCode, String month, String metric) {
    return reasons(page, unitCode, month, metric).map(AnomalyMarks::markup).orElse("");
  }

  /** The mark of a text of reasons. */
  static String markup(String reasons) {
    String escaped = Html.esc(reasons);
    return "<details class=\"anomaly-mark\"><summary title=\""
        + escaped
        + "\" aria-label=\""
        + escaped
        + "\">⚠</summary><span class=\"anomaly-reason\">"
        + escaped.replace("\n", "<br>")
        + "</span></details>";
  }

  /** A unit above a ward names the ward a reason is of. */
  private static String prefix(PageContext page, String unitCode, AnomalyRow row) {
    if (row.unitCode().equals(unitCode)) {
      return "";
    }
    String name =
        page.gold()
            .ward(vn.da06.goldread.WardView.CURRENT, row.unitCode(), row.month())
            .map(vn.da06.goldread.WardInfo::wardName)
            .orElse(row.unitCode());
    return name + ": ";
  }

  /** The method's name for a person. */
  static String method(Lang lang, String method) {
    return AnomalyRules.METHODS.contains(method) ? lang.t("anomaly.method." + method) : method;
  }
}
