package vn.da06.warehouse;

import static java.util.Objects.requireNonNull;

/**
 * One gold metric: a column of {@code gold.ward_month_kpis}, defined once. Every surface (Spark
 * jobs, dashboard, reports, Trino documentation) reads this definition.
 *
 * @param column the gold column name (the public interface)
 * @param labelVi label on Vietnamese screens
 * @param labelEn label on English screens
 * @param kind count or rate
 * @param numerator for a rate: the count column divided; null for a count
 * @param denominator for a rate: the count column divided by; null for a count
 * @param group the theme it belongs to, for grouping on screens
 * @param additive whether the count can be summed over wards (cumulative and snapshot counts can,
 *     over wards; no count may be summed over months)
 * @param definition the contract's definition, in English
 */
public record Metric(
    String column,
    String labelVi,
    String labelEn,
    Kind kind,
    String numerator,
    String denominator,
    Group group,
    boolean additive,
    String definition) {

  public enum Kind {
    COUNT,
    RATE
  }

  public enum Group {
    EID,
    POPULATION,
    SERVICES,
    DATA_QUALITY
  }

  public Metric {
    requireNonNull(column, "column is null");
    requireNonNull(labelVi, "labelVi is null");
    requireNonNull(labelEn, "labelEn is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(group, "group is null");
    requireNonNull(definition, "definition is null");
    if ((kind == Kind.RATE) != (numerator != null && denominator != null)) {
      throw new IllegalArgumentException(
          "metric " + column + ": a rate needs a numerator and a denominator, a count neither");
    }
  }

  public boolean isRate() {
    return kind == Kind.RATE;
  }

  /**
   * A rate recomputed from summed numerator and denominator: NULL (here null) where the denominator
   * is 0.
   */
  public static Double rate(long numerator, Long denominator) {
    return denominator == null || denominator == 0 ? null : (double) numerator / denominator;
  }
}
