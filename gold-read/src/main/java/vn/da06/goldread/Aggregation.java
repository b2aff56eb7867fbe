package vn.da06.goldread;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import vn.da06.warehouse.RollUp;

/**
 * A unit's figures from its wards' rows, by {@link RollUp}: the columns of {@link RollUp#SUMMED}
 * summed here over the rows' {@code long[]} slots (the KPI API's throughput rests on this loop),
 * every figure then taken from those sums by {@link RollUp#fromSums}, the one rule of how a rate
 * rolls up.
 */
public final class Aggregation {
  private Aggregation() {}

  /**
   * Every metric column of {@link vn.da06.warehouse.Metrics#ALL} and every helper count, in
   * contract order. A count is null when it is null in every row (a month without a population
   * snapshot); a rate is null when its summed denominator is 0 or null.
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
    return RollUp.fromSums(sums);
  }
}
