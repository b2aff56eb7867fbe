package vn.da06.warehouse;

import static java.util.Objects.requireNonNull;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One gold metric: a column of {@code gold.ward_month_kpis}, defined once. This record is the whole
 * contract of the metric; every surface (Spark jobs, dashboard colours and ranking, reports, the
 * CLI summary, Trino documentation) reads it from here and nowhere else.
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
 * @param definition the contract's definition, in English (one line)
 * @param direction whether a higher or a lower value is better, or neither (a size, such as the
 *     eligible population, that is never coloured)
 * @param goal the national goal where one exists (a rate between 0 and 1, or a count), else null;
 *     units and committees may override it in configuration ({@link Goals})
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
    String definition,
    Direction direction,
    Double goal) {

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

  /** Which way is better. */
  public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    /** A size, not a performance: never banded, never ranked. */
    NEUTRAL
  }

  /** Comparisons of rates and counts at or past a reference allow for floating-point noise. */
  private static final double EPSILON = 1e-9;

  public Metric {
    requireNonNull(column, "column is null");
    requireNonNull(labelVi, "labelVi is null");
    requireNonNull(labelEn, "labelEn is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(group, "group is null");
    requireNonNull(definition, "definition is null");
    requireNonNull(direction, "direction is null");
    if ((kind == Kind.RATE) != (numerator != null && denominator != null)) {
      throw new IllegalArgumentException(
          "metric " + column + ": a rate needs a numerator and a denominator, a count neither");
    }
    if (goal != null && direction == Direction.NEUTRAL) {
      throw new IllegalArgumentException("metric " + column + ": a neutral metric has no goal");
    }
    if (goal != null && kind == Kind.RATE && (goal < 0 || goal > 1)) {
      throw new IllegalArgumentException(
          "metric " + column + ": a rate's goal is between 0 and 1, not " + goal);
    }
  }

  public boolean isRate() {
    return kind == Kind.RATE;
  }

  /** Whether values of this metric can be compared with a reference (banded, ranked). */
  public boolean isBanded() {
    return direction != Direction.NEUTRAL;
  }

  public Metric withDirection(Direction newDirection) {
    return new Metric(
        column,
        labelVi,
        labelEn,
        kind,
        numerator,
        denominator,
        group,
        additive,
        definition,
        newDirection,
        goal);
  }

  public Metric withGoal(Double newGoal) {
    return new Metric(
        column,
        labelVi,
        labelEn,
        kind,
        numerator,
        denominator,
        group,
        additive,
        definition,
        direction,
        newGoal);
  }

  public String label(boolean vietnamese) {
    return vietnamese ? labelVi : labelEn;
  }

  /**
   * The band of a value against the reference that applies to it (a live target, else a goal: see
   * {@link Reference#choose}): {@link Band#MET} at or past the reference in this metric's
   * direction, {@link Band#CLOSE} within the margin of it, {@link Band#BEHIND} otherwise; {@link
   * Band#NONE} where the value or the reference is missing or the metric is neutral. This is the
   * one rule of colour on every surface.
   */
  public Band band(Double value, Double reference, Band.Margins margins) {
    requireNonNull(margins, "margins is null");
    if (value == null || reference == null || direction == Direction.NEUTRAL) {
      return Band.NONE;
    }
    double v = value;
    double r = reference;
    boolean higher = direction == Direction.HIGHER_IS_BETTER;
    if (higher ? v >= r - EPSILON : v <= r + EPSILON) {
      return Band.MET;
    }
    boolean close;
    if (isRate()) {
      close =
          higher
              ? v >= r - margins.ratePoints() - EPSILON
              : v <= r + margins.ratePoints() + EPSILON;
    } else {
      close =
          higher
              ? v >= r * margins.countShare() - EPSILON
              : v * margins.countShare() <= r + EPSILON;
    }
    return close ? Band.CLOSE : Band.BEHIND;
  }

  /**
   * How far a value is towards its reference, in this metric's direction: value ÷ reference for
   * higher-is-better, reference ÷ value for lower-is-better (1 when both are 0), not capped; null
   * where it cannot be computed (a value or reference missing, a neutral metric, a higher-is-better
   * reference of 0). {@code gold.target_progress.attainment} and the scorecard's composite (capped
   * at 1 there) both use it.
   */
  public Double attainment(Double value, Double reference) {
    if (value == null || reference == null || direction == Direction.NEUTRAL) {
      return null;
    }
    if (direction == Direction.HIGHER_IS_BETTER) {
      return reference == 0 ? null : value / reference;
    }
    if (value == 0) {
      return 1.0;
    }
    return reference / value;
  }

  /** Whether a value is at or past a reference in this metric's direction (false if neutral). */
  public boolean meets(double value, double reference) {
    return switch (direction) {
      case HIGHER_IS_BETTER -> value >= reference - EPSILON;
      case LOWER_IS_BETTER -> value <= reference + EPSILON;
      case NEUTRAL -> false;
    };
  }

  /**
   * The value as a person reads it: a rate as a percentage with one decimal ("84,2 %" in
   * Vietnamese, "84.2 %" in English), a count as a whole number with grouping ("38.451" /
   * "38,451"); "–" for null.
   */
  public String format(Object value, boolean vietnamese) {
    return isRate()
        ? formatRate((Number) value, vietnamese)
        : formatCount((Number) value, vietnamese);
  }

  public static String formatRate(Number fraction, boolean vietnamese) {
    return fraction == null
        ? "–"
        : decimalFormat("#,##0.0", vietnamese).format(fraction.doubleValue() * 100) + " %";
  }

  public static String formatCount(Number count, boolean vietnamese) {
    return count == null ? "–" : decimalFormat("#,##0", vietnamese).format(count.longValue());
  }

  private static DecimalFormat decimalFormat(String pattern, boolean vietnamese) {
    DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
    symbols.setGroupingSeparator(vietnamese ? '.' : ',');
    symbols.setDecimalSeparator(vietnamese ? ',' : '.');
    symbols.setMinusSign('-');
    return new DecimalFormat(pattern, symbols);
  }

  /**
   * A rate recomputed from summed numerator and denominator: NULL (here null) where the denominator
   * is 0 or unknown.
   */
  public static Double rate(long numerator, Long denominator) {
    return denominator == null || denominator == 0 ? null : (double) numerator / denominator;
  }
}
