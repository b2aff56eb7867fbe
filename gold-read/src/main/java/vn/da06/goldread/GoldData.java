package vn.da06.goldread;

import java.util.List;
import java.util.Optional;

/**
 * The gold tables as one consistent read: every method answers from the same table versions, so a
 * request that calls several of them never mixes two loads. Implementations: {@link InMemoryGold}
 * (loaded with Delta Kernel, or built by hand in tests); later one over Trino, pinned to table
 * versions.
 */
public interface GoldData {

  DataVersion version();

  /** Months present in the view, oldest first ({@code yyyy-MM}). */
  List<String> months(WardView view);

  /** The unit a code names, or empty when no ward of gold.dim_ward belongs to it. */
  Optional<UnitScope> unit(String code);

  /**
   * The pre-reform ward of a 5-digit code on its own (its rows before July 2025), or empty when no
   * pre-reform ward had that code. {@link #unit} gives today's ward for a code the reform reused.
   */
  Optional<UnitScope> preReformWard(String code);

  /** The ward a code names in the era of {@code month} (or today's ward in the CURRENT view). */
  Optional<WardInfo> ward(WardView view, String wardCode, String month);

  /** The pre-reform districts with a ward in {@code scope}. */
  List<UnitScope> districts(UnitScope scope);

  /**
   * Rows of the view for the wards of {@code scope}, with {@code from ≤ month ≤ to}, ordered by
   * month.
   */
  List<KpiRow> kpis(WardView view, UnitScope scope, String fromMonth, String toMonth);

  /**
   * A unit's figures for one month: how many ward rows, and {@code Aggregation.aggregate} of them.
   */
  record Aggregate(int wardCount, java.util.Map<String, Object> values) {
    public Aggregate {
      values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
  }

  /** {@link #kpis} of one month, aggregated; implementations may keep it per loaded version. */
  default Aggregate aggregate(WardView view, UnitScope scope, String month) {
    List<KpiRow> rows = kpis(view, scope, month, month);
    return new Aggregate(rows.size(), Aggregation.aggregate(rows));
  }

  List<ServiceInfo> services();

  /** Service rows of the wards of {@code scope} (as reported) in {@code month}. */
  List<ServiceMonthRow> serviceMonths(UnitScope scope, String month);

  /** Target rows of {@code scope} and of every unit it covers. */
  List<TargetRow> targets(UnitScope scope);

  /** Daily-report rows of the wards of {@code scope} (as reported) in {@code month}. */
  List<DailyReportRow> dailyReports(UnitScope scope, String month);

  /**
   * Rows of gold.anomalies of today's wards of {@code scope} whose period falls in {@code month}
   * (the month's own rows and its daily reports'), by ward then period; none where gold has no such
   * table.
   */
  default List<AnomalyRow> anomalies(UnitScope scope, String month) {
    return List.of();
  }
}
