package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.da06.goldread.References;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;

/**
 * The one rule of colour on the dashboard's pages: a figure of a unit is banded ({@link
 * Metric#band}) against the reference that applies to it ({@link Reference#choose}): the unit's own
 * live target for the metric, else its province's live target, else the goal of {@link Goals}. The
 * rule itself is gold-read's {@link References} (the API and the scorecard use it too); this class
 * binds it to a page and says it in words (legends, thresholds). A figure without a reference is
 * uncoloured.
 *
 * <p>One instance per page (or table): it reads the targets of the page's unit once, on first need,
 * and those of a province outside it when a figure needs them.
 */
final class Bands {
  private final PageContext page;
  private final References references;

  private Bands(PageContext page, References references) {
    this.page = page;
    this.references = references;
  }

  static Bands of(PageContext page) {
    return new Bands(page, new References(page.gold(), page.unit(), page.goals()));
  }

  /**
   * Bands of a page judged over a wider scope (a ward's page ranking the province's wards): the
   * targets of {@code scope} are read once.
   */
  static Bands over(PageContext page, UnitScope scope) {
    return new Bands(page, new References(page.gold(), scope, page.goals()));
  }

  /** The rule itself, shared with the API and the scorecard. */
  References references() {
    return references;
  }

  /** The band of a unit's figure in the month the page shows. */
  Band of(Metric metric, String unitCode, Object value) {
    return of(metric, unitCode, page.state().month(), value);
  }

  /** The band of a unit's figure of {@code month} (a heatmap cell, the quality snapshot). */
  Band of(Metric metric, String unitCode, String month, Object value) {
    return references.band(metric, unitCode, month, value);
  }

  /** The band of a figure against a reference already chosen (a target's own row). */
  Band against(Metric metric, Reference reference, Object value) {
    return references.against(metric, reference, value);
  }

  /** The reference a unit's figure of {@code month} is judged against, if any. */
  Optional<Reference> reference(Metric metric, String unitCode, String month) {
    return references.reference(metric, unitCode, month);
  }

  // ------------------------------------------------------------------ what a reader is told

  /** "mục tiêu 70,0 %", "chỉ tiêu của tỉnh 92,0 %, hạn 31/12/2025", for a legend or a sentence. */
  static String describe(Lang lang, Metric metric, Reference reference) {
    boolean vi = lang == Lang.VI;
    String value = show(lang, metric, reference.value());
    return switch (reference.source()) {
      case GOAL -> (vi ? "mục tiêu " : "goal ") + value;
      case UNIT_TARGET ->
          (vi ? "chỉ tiêu của đơn vị " : "unit's target ") + value + due(lang, reference);
      case PROVINCE_TARGET ->
          (vi ? "chỉ tiêu của tỉnh " : "province's target ") + value + due(lang, reference);
    };
  }

  private static String due(Lang lang, Reference reference) {
    return (lang == Lang.VI ? ", hạn " : ", due ") + lang.date(reference.deadline());
  }

  /**
   * The thresholds of the bands in words, for a legend: with the numbers where every figure shown
   * is judged against one value, else in terms of "the reference".
   */
  static List<String> thresholds(
      Lang lang, Metric metric, Collection<Reference> references, Band.Margins margins) {
    boolean vi = lang == Lang.VI;
    boolean lower = metric.direction() == Metric.Direction.LOWER_IS_BETTER;
    Set<Double> values = new LinkedHashSet<>();
    references.forEach(reference -> values.add(reference.value()));
    String at = lower ? "≤ " : "≥ ";
    String past = lower ? "> " : "< ";
    List<String> labels = new ArrayList<>();
    if (values.size() == 1) {
      double reference = values.iterator().next();
      double close =
          metric.isRate()
              ? (lower ? reference + margins.ratePoints() : reference - margins.ratePoints())
              : (lower ? reference / margins.countShare() : reference * margins.countShare());
      labels.add(Band.MET.label(vi) + " " + at + show(lang, metric, reference));
      labels.add(Band.CLOSE.label(vi) + " " + at + show(lang, metric, close));
      labels.add(Band.BEHIND.label(vi) + " " + past + show(lang, metric, close));
    } else {
      String reference = vi ? "chỉ tiêu/mục tiêu" : "target/goal";
      labels.add(Band.MET.label(vi) + " " + at + reference);
      labels.add(
          Band.CLOSE.label(vi)
              + " "
              + (metric.isRate()
                  ? (vi ? "trong " : "within ")
                      + lang.decimal(margins.ratePoints() * 100)
                      + (vi ? " điểm % của " : " points of ")
                      + reference
                  : at + lang.decimal(margins.countShare() * 100) + " % " + reference));
      labels.add(Band.BEHIND.label(vi));
    }
    labels.add(Band.NONE.label(vi));
    return labels;
  }

  private static String show(Lang lang, Metric metric, double value) {
    // A count's close threshold need not be whole (2 ÷ 0,9 = 2,2): one decimal where it is not.
    return metric.isRate() ? lang.rate(value) : lang.decimal(value);
  }

  /**
   * A legend of the four bands under a table, naming the thresholds; empty where no figure shown
   * has a reference (everything is uncoloured, there is nothing to explain).
   */
  static String legend(
      PageContext page, Metric metric, Collection<Reference> references, String testId) {
    if (references.isEmpty()) {
      return "";
    }
    Lang lang = page.lang();
    List<String> labels = thresholds(lang, metric, references, page.goals().margins());
    Band[] bands = Band.values();
    StringBuilder out =
        new StringBuilder("<p class=\"band-legend\" data-testid=\"")
            .append(Html.esc(testId))
            .append("\">")
            .append(Html.esc(lang.label(metric)));
    if (new LinkedHashSet<>(references).size() == 1) {
      out.append(" — ").append(Html.esc(describe(lang, metric, references.iterator().next())));
    }
    out.append(": ");
    for (int i = 0; i < bands.length; i++) {
      out.append("<span class=\"")
          .append(bands[i].cssClass())
          .append("\">")
          .append(Html.esc(labels.get(i)))
          .append("</span> ");
    }
    return out.toString().stripTrailing() + "</p>";
  }
}
