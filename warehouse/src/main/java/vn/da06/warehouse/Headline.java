package vn.da06.warehouse;

import java.util.List;

/**
 * The headline indicators a committee is steered by, in the order and sections the dashboard's
 * headline strip, the scorecard and the reports show them: Định danh điện tử, Dịch vụ công, Dữ liệu
 * dân cư. Every other metric folds under "Xem tất cả". One list, so that the strip, the scorecard's
 * columns, its composite rank and the API's ranks all mean the same indicators.
 */
public final class Headline {
  private Headline() {}

  /** A section of the strip. */
  public enum Section {
    EID("Định danh điện tử", "Electronic identification"),
    SERVICES("Dịch vụ công", "Public services"),
    POPULATION_DATA("Dữ liệu dân cư", "Population data");

    private final String vi;
    private final String en;

    Section(String vi, String en) {
      this.vi = vi;
      this.en = en;
    }

    public String label(boolean vietnamese) {
      return vietnamese ? vi : en;
    }
  }

  /** One headline indicator: a metric and the section it is shown in. */
  public record Indicator(Section section, Metric metric) {}

  public static final List<Indicator> INDICATORS =
      List.of(
          new Indicator(Section.EID, Metrics.require("eid_l2_coverage_rate")),
          new Indicator(Section.EID, Metrics.require("eid_activation_rate")),
          new Indicator(Section.EID, Metrics.require("eid_activations_l2")),
          new Indicator(Section.SERVICES, Metrics.require("online_rate")),
          new Indicator(Section.SERVICES, Metrics.require("online_full_rate")),
          new Indicator(Section.SERVICES, Metrics.require("essential_online_rate")),
          new Indicator(Section.SERVICES, Metrics.require("on_time_rate")),
          new Indicator(Section.POPULATION_DATA, Metrics.require("dq_clean_rate")));

  /** The headline metrics, in order. */
  public static List<Metric> metrics() {
    return INDICATORS.stream().map(Indicator::metric).toList();
  }

  /** Whether {@code metric} is a headline indicator. */
  public static boolean isHeadline(Metric metric) {
    return INDICATORS.stream().anyMatch(indicator -> indicator.metric().equals(metric));
  }
}
