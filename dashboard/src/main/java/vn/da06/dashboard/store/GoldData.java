package vn.da06.dashboard.store;

import java.util.List;
import java.util.Optional;

/**
 * The gold tables as one consistent read: every method answers from the same table versions, so a request
 * that calls several of them never mixes two loads. Implementations: {@link InMemoryGold} (loaded with
 * Delta Kernel, or built by hand in tests); later one over Trino, pinned to table versions.
 */
public interface GoldData {

  DataVersion version();

  /** Months present in the view, oldest first ({@code yyyy-MM}). */
  List<String> months(WardView view);

  /** The unit a code names, or empty when no ward of gold.dim_ward belongs to it. */
  Optional<UnitScope> unit(String code);

  /** The ward a code names in the era of {@code month} (or today's ward in the CURRENT view). */
  Optional<WardInfo> ward(WardView view, String wardCode, String month);

  /** The pre-reform districts with a ward in {@code scope}. */
  List<UnitScope> districts(UnitScope scope);

  /** Rows of the view for the wards of {@code scope}, with {@code from ≤ month ≤ to}, ordered by month. */
  List<KpiRow> kpis(WardView view, UnitScope scope, String fromMonth, String toMonth);

  List<ServiceInfo> services();

  /** Service rows of the wards of {@code scope} (as reported) in {@code month}. */
  List<ServiceMonthRow> serviceMonths(UnitScope scope, String month);

  /** Target rows of {@code scope} and of every unit it covers. */
  List<TargetRow> targets(UnitScope scope);

  /** Daily-report rows of the wards of {@code scope} (as reported) in {@code month}. */
  List<DailyReportRow> dailyReports(UnitScope scope, String month);
}
