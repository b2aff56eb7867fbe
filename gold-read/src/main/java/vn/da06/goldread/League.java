package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;

/**
 * The league table of a province's wards for one metric and month: each ward's value, band (against
 * {@link References}), rank among the province's wards in the metric's direction, and its value and
 * rank the month before. The ranking page, the services page and the API's {@code wards} answer
 * read it, so their ranks agree; who may see which rows is decided by the caller.
 *
 * @param monthBefore the month change and movement are measured from; null where there is none
 * @param entries every ward of the province with a row in the month, best first
 */
public record League(String month, String monthBefore, Metric metric, List<Entry> entries) {
  public League {
    requireNonNull(month, "month is null");
    requireNonNull(metric, "metric is null");
    entries = List.copyOf(entries);
  }

  /** One ward's line. */
  public record Entry(
      KpiRow row,
      String wardName,
      Double value,
      Reference reference,
      Band band,
      Integer rank,
      Double valueBefore,
      Integer rankBefore) {
    public String wardCode() {
      return row.wardCode();
    }

    /** Places gained since the month before (positive = up); null if unknown. */
    public Integer rankChange() {
      return Scorecard.movement(rankBefore, rank);
    }

    /** The value's change since the month before; null if either is missing. */
    public Double change() {
      return value == null || valueBefore == null ? null : value - valueBefore;
    }
  }

  /** How many wards have a rank (the "65" of "Hạng 56 / 65"). */
  public int ranked() {
    return (int) entries.stream().filter(entry -> entry.rank() != null).count();
  }

  public Optional<Entry> ward(String wardCode) {
    return entries.stream().filter(entry -> entry.wardCode().equals(wardCode)).findFirst();
  }

  public static League of(
      GoldData gold,
      References references,
      WardView view,
      UnitScope province,
      String month,
      Metric metric) {
    String before = monthBefore(gold, view, month);
    Map<String, Double> valuesBefore = new HashMap<>();
    if (before != null) {
      for (KpiRow row : gold.kpis(view, province, before, before)) {
        valuesBefore.put(row.wardCode(), value(row, metric));
      }
    }
    Map<String, Integer> ranksBefore = Scorecard.rankByValue(valuesBefore, metric);
    List<KpiRow> rows = gold.kpis(view, province, month, month);
    Map<String, Double> values = new HashMap<>();
    rows.forEach(row -> values.put(row.wardCode(), value(row, metric)));
    Map<String, Integer> ranks = Scorecard.rankByValue(values, metric);
    List<Entry> entries = new ArrayList<>();
    for (KpiRow row : rows) {
      Double value = values.get(row.wardCode());
      Reference reference = references.reference(metric, row.wardCode(), month).orElse(null);
      entries.add(
          new Entry(
              row,
              gold.ward(view, row.wardCode(), month).map(WardInfo::wardName).orElse(row.wardCode()),
              value,
              reference,
              references.against(metric, reference, value),
              ranks.get(row.wardCode()),
              valuesBefore.get(row.wardCode()),
              ranksBefore.get(row.wardCode())));
    }
    entries.sort(
        Comparator.comparing(Entry::rank, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::wardCode));
    return new League(month, before, metric, entries);
  }

  /**
   * The month before {@code month} where gold has it and its wards are the same wards: none for
   * July 2025 as reported (the wards before it are the former ones).
   */
  public static String monthBefore(GoldData gold, WardView view, String month) {
    if (view == WardView.AS_REPORTED && month.equals(UnitScope.REFORM_MONTH)) {
      return null;
    }
    String before = YearMonth.parse(month).minusMonths(1).toString();
    return gold.months(view).contains(before) ? before : null;
  }

  private static Double value(KpiRow row, Metric metric) {
    Object value = row.value(metric.column());
    return value == null ? null : ((Number) value).doubleValue();
  }
}
