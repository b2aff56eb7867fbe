package vn.da06.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The one rule for a unit's figures from its wards' rows: every count (and helper count) summed
 * over the wards that have a value, every rate recomputed as Σ numerator ÷ Σ denominator of the
 * parts its {@link Metric} names, never an average of the wards' rates. Spark's province rows and
 * the gold read model's units both apply it, through {@link #figures}.
 */
public final class RollUp {

  private RollUp() {}

  /** The columns that are summed over wards: every count metric, then the helper counts. */
  public static final List<String> SUMMED = summed();

  /**
   * Every metric column of {@link Metrics#ALL} (then the helper counts) in contract order, as an
   * expression of some algebra: a count is {@code sum.apply(column)}, a rate is {@code
   * ratio.apply(sum(numerator), sum(denominator))}. Spark passes its columns, the read model its
   * numbers.
   */
  public static <E> Map<String, E> figures(Function<String, E> sum, BinaryOperator<E> ratio) {
    Map<String, E> figures = new LinkedHashMap<>();
    for (Metric metric : Metrics.ALL) {
      figures.put(
          metric.column(),
          metric.isRate()
              ? ratio.apply(sum.apply(metric.numerator()), sum.apply(metric.denominator()))
              : sum.apply(metric.column()));
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      figures.put(helper, sum.apply(helper));
    }
    return figures;
  }

  /**
   * The figures from sums over wards ({@code null}: no ward had a value): a rate is null where its
   * summed numerator is null, or its denominator null or 0.
   */
  public static Map<String, Object> fromSums(Map<String, Long> sums) {
    Map<String, Object> values =
        figures(
            column -> (Object) sums.get(column),
            (numerator, denominator) ->
                numerator == null ? null : Metric.rate((Long) numerator, (Long) denominator));
    return values;
  }

  private static List<String> summed() {
    List<String> columns = new ArrayList<>();
    for (Metric metric : Metrics.counts()) {
      columns.add(metric.column());
    }
    columns.addAll(Metrics.HELPER_COUNTS);
    return List.copyOf(columns);
  }
}
