package vn.da06.goldread;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * A unit's figures from its wards' rows: counts summed, every rate recomputed from the summed
 * numerator and denominator named by its {@link Metric} definition — never an average of the wards'
 * rates.
 */
public final class Aggregation {
  private Aggregation() {}

  /**
   * Every metric column of {@link Metrics#ALL} and every helper count, in contract order. A count
   * is null when it is null in every row (a month without a population snapshot); a rate is null
   * when its summed denominator is 0 or null.
   */
  public static Map<String, Object> aggregate(Collection<KpiRow> rows) {
    int columns = KpiRow.COUNT_COLUMNS.size();
    long[] totals = new long[columns];
    boolean[] seen = new boolean[columns];
    for (KpiRow row : rows) {
      for (int i = 0; i < columns; i++) {
        if (!row.isNullAt(i)) {
          totals[i] += row.countAt(i);
          seen[i] = true;
        }
      }
    }
    return fromTotals(totals, seen);
  }

  /**
   * The figures from the sums of {@link KpiRow#COUNT_COLUMNS} over some rows ({@code seen[i]}: some
   * row had a value in column i): what {@link #aggregate} returns for those rows.
   */
  public static Map<String, Object> fromTotals(long[] totals, boolean[] seen) {
    int columns = KpiRow.COUNT_COLUMNS.size();
    Map<String, Long> sums = new HashMap<>();
    for (int i = 0; i < columns; i++) {
      sums.put(KpiRow.COUNT_COLUMNS.get(i), seen[i] ? totals[i] : null);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Metric metric : Metrics.ALL) {
      if (metric.isRate()) {
        Long numerator = sums.get(metric.numerator());
        Long denominator = sums.get(metric.denominator());
        values.put(metric.column(), numerator == null ? null : Metric.rate(numerator, denominator));
      } else {
        values.put(metric.column(), sums.get(metric.column()));
      }
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      values.put(helper, sums.get(helper));
    }
    return values;
  }
}
