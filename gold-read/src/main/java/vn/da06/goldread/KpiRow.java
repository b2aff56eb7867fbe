package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.RollUp;

/**
 * One row of {@code gold.ward_month_kpis} (or its {@code _current} twin): a ward, a month, and the
 * value of every metric column and helper count by its gold column name (Long for counts, Double
 * for rates, null where gold has NULL).
 *
 * <p>Held compactly, because the dashboard keeps every row of both tables in memory (a country is
 * ~700,000 rows): counts in a {@code long[]} with a bit per null, rates in a {@code double[]} with
 * NaN for null.
 */
public final class KpiRow {
  /**
   * The count columns (metrics, then helper counts): those {@link RollUp} sums over wards, in the
   * order of {@link #countAt}.
   */
  public static final List<String> COUNT_COLUMNS = RollUp.SUMMED;

  /** The rate columns, in the order of the rate slots. */
  public static final List<String> RATE_COLUMNS =
      Metrics.rates().stream().map(Metric::column).toList();

  private static final Map<String, Integer> COUNT_INDEX = index(COUNT_COLUMNS);
  private static final Map<String, Integer> RATE_INDEX = index(RATE_COLUMNS);

  static {
    if (COUNT_COLUMNS.size() > 64) {
      throw new IllegalStateException(
          "KpiRow keeps the nulls of at most 64 count columns in one long");
    }
  }

  private final String wardCode;
  private final String month;
  private final String provinceCode;
  private final String districtCode;
  private final long[] counts;
  private final long countNulls;
  private final double[] rates;

  /**
   * A row from values by gold column name (Long/Integer for counts, Double for rates, null for
   * NULL).
   */
  public KpiRow(
      String wardCode,
      String month,
      String provinceCode,
      String districtCode,
      Map<String, Object> values) {
    this(
        wardCode,
        month,
        provinceCode,
        districtCode,
        new long[COUNT_COLUMNS.size()],
        nullMask(values),
        new double[RATE_COLUMNS.size()]);
    requireNonNull(values, "values is null");
    for (int i = 0; i < COUNT_COLUMNS.size(); i++) {
      Object value = values.get(COUNT_COLUMNS.get(i));
      counts[i] = value == null ? 0 : ((Number) value).longValue();
    }
    for (int i = 0; i < RATE_COLUMNS.size(); i++) {
      Object value = values.get(RATE_COLUMNS.get(i));
      rates[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
    }
  }

  KpiRow(
      String wardCode,
      String month,
      String provinceCode,
      String districtCode,
      long[] counts,
      long countNulls,
      double[] rates) {
    this.wardCode = requireNonNull(wardCode, "wardCode is null");
    this.month = requireNonNull(month, "month is null");
    this.provinceCode = provinceCode;
    this.districtCode = districtCode;
    this.counts = counts;
    this.countNulls = countNulls;
    this.rates = rates;
  }

  private static long nullMask(Map<String, Object> values) {
    long mask = 0;
    for (int i = 0; i < COUNT_COLUMNS.size(); i++) {
      if (values == null || values.get(COUNT_COLUMNS.get(i)) == null) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  private static Map<String, Integer> index(List<String> columns) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    return Map.copyOf(index);
  }

  public String wardCode() {
    return wardCode;
  }

  public String month() {
    return month;
  }

  public String provinceCode() {
    return provinceCode;
  }

  public String districtCode() {
    return districtCode;
  }

  /**
   * Long for a count, Double for a rate, null where gold has NULL or the column is not a KPI
   * column.
   */
  public Object value(String column) {
    Integer count = COUNT_INDEX.get(column);
    if (count != null) {
      return isNullAt(count) ? null : counts[count];
    }
    Integer rate = RATE_INDEX.get(column);
    if (rate != null) {
      return Double.isNaN(rates[rate]) ? null : rates[rate];
    }
    return null;
  }

  public Long count(String column) {
    Object value = value(column);
    return value == null ? null : ((Number) value).longValue();
  }

  /**
   * The count of slot {@code index} of {@link #COUNT_COLUMNS} (0 when null: ask {@link #isNullAt}).
   */
  public long countAt(int index) {
    return counts[index];
  }

  /** The null bits of the count slots (bit i: slot i is NULL); for {@link GoldSnapshot}. */
  long countNulls() {
    return countNulls;
  }

  /**
   * The rate of slot {@code index} of {@link #RATE_COLUMNS}, NaN for NULL; for {@link
   * GoldSnapshot}.
   */
  double rateAt(int index) {
    return rates[index];
  }

  public boolean isNullAt(int index) {
    return (countNulls & (1L << index)) != 0;
  }

  /** Every value by column name (counts, then rates), a copy. */
  public Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    COUNT_COLUMNS.forEach(column -> values.put(column, value(column)));
    RATE_COLUMNS.forEach(column -> values.put(column, value(column)));
    return Collections.unmodifiableMap(values);
  }

  static KpiRow fromGold(Map<String, Object> row) {
    Map<String, Object> values = new HashMap<>();
    Metrics.ALL.forEach(
        metric ->
            values.put(
                metric.column(),
                metric.isRate()
                    ? (Object) Values.number(row, metric.column())
                    : (Object) Values.count(row, metric.column())));
    Metrics.HELPER_COUNTS.forEach(column -> values.put(column, Values.count(row, column)));
    return new KpiRow(
        Values.string(row, "ward_code"),
        Values.string(row, "month"),
        Values.string(row, "province_code"),
        Values.string(row, "district_code"),
        values);
  }

  @Override
  public String toString() {
    return "KpiRow[" + wardCode + ", " + month + ", " + values() + "]";
  }
}
