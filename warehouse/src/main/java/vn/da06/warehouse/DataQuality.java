package vn.da06.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four rules of "đúng, đủ, sạch, sống" and their thresholds, evaluated once: a certified report
 * and its data-quality section both show the verdicts this class returns.
 */
public final class DataQuality {

  private DataQuality() {}

  /** The failing-record counts of the four rules, in the committees' order. */
  public static final List<String> RULES =
      List.of("dq_incorrect", "dq_incomplete", "dq_unclean", "dq_stale");

  /**
   * Defaults of the thresholds: the largest share of a snapshot's records that may fail a rule
   * before a report built on it is only provisional (TẠM TÍNH).
   */
  public static final Map<String, Double> DEFAULT_THRESHOLDS = defaults();

  /**
   * One rule's verdict for a unit and month.
   *
   * @param rule the failing-count column ({@code dq_incorrect} …)
   * @param failing records failing it; null without a snapshot
   * @param share failing ÷ records; null without a snapshot
   * @param limit the threshold that applies
   */
  public record Verdict(String rule, Long failing, Double share, double limit) {
    public boolean known() {
      return share != null;
    }

    public boolean overLimit() {
      return share != null && share > limit;
    }

    public Metric metric() {
      return Metrics.byColumn(rule).orElseThrow();
    }
  }

  /**
   * The verdict of each rule on a unit's month figures ({@code dq_records} and the four counts, as
   * {@link RollUp#fromSums} gives them).
   */
  public static List<Verdict> evaluate(Map<String, ?> figures, Map<String, Double> thresholds) {
    Object recordValue = figures.get("dq_records");
    Long records = recordValue == null ? null : ((Number) recordValue).longValue();
    List<Verdict> verdicts = new ArrayList<>();
    for (String rule : RULES) {
      Object failingValue = figures.get(rule);
      Long failing = failingValue == null ? null : ((Number) failingValue).longValue();
      Double share =
          records == null || records == 0
              ? null
              : (double) (failing == null ? 0 : failing) / records;
      Double limit = thresholds.get(rule);
      if (limit == null) {
        throw new IllegalArgumentException("no threshold for data-quality rule " + rule);
      }
      verdicts.add(new Verdict(rule, failing, share, limit));
    }
    return verdicts;
  }

  private static Map<String, Double> defaults() {
    Map<String, Double> thresholds = new LinkedHashMap<>();
    thresholds.put("dq_incorrect", 0.05);
    thresholds.put("dq_incomplete", 0.05);
    thresholds.put("dq_unclean", 0.05);
    thresholds.put("dq_stale", 0.30);
    return java.util.Collections.unmodifiableMap(thresholds);
  }
}
