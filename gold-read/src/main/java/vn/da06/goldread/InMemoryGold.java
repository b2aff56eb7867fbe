package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import vn.da06.warehouse.access.UnitLevel;

/**
 * Gold held in memory, immutable once built; indexes by month and by (ward_code, era).
 *
 * <p>Over 400 lines: the indexes and every query of {@link GoldData} over them share private arrays
 * that splitting would have to expose.
 */
public final class InMemoryGold implements GoldData {
  private final DataVersion version;
  private final List<WardInfo> wards;
  private final Map<String, WardInfo> preReform = new HashMap<>();
  private final Map<String, WardInfo> current = new HashMap<>();
  private final Map<WardView, NavigableMap<String, List<KpiRow>>> kpisByMonth =
      new EnumMap<>(WardView.class);
  private final List<ServiceInfo> services;
  private final Map<String, List<ServiceMonthRow>> serviceMonthsByMonth = new HashMap<>();
  private final List<TargetRow> targets;
  private final Map<String, List<DailyReportRow>> dailyReportsByMonth = new HashMap<>();
  private final Map<String, List<AnomalyRow>> anomaliesByMonth = new HashMap<>();
  private final Map<String, Optional<UnitScope>> units = new ConcurrentHashMap<>();
  private final Map<String, Aggregate> aggregates = new ConcurrentHashMap<>();

  public InMemoryGold(
      DataVersion version,
      List<WardInfo> wards,
      List<KpiRow> asReported,
      List<KpiRow> currentWards,
      List<ServiceInfo> services,
      List<ServiceMonthRow> serviceMonths,
      List<TargetRow> targets,
      List<DailyReportRow> dailyReports) {
    this(
        version,
        wards,
        asReported,
        currentWards,
        services,
        serviceMonths,
        targets,
        dailyReports,
        List.of());
  }

  /** With the rows of gold.anomalies too. */
  public InMemoryGold(
      DataVersion version,
      List<WardInfo> wards,
      List<KpiRow> asReported,
      List<KpiRow> currentWards,
      List<ServiceInfo> services,
      List<ServiceMonthRow> serviceMonths,
      List<TargetRow> targets,
      List<DailyReportRow> dailyReports,
      List<AnomalyRow> anomalies) {
    this.version = requireNonNull(version, "version is null");
    this.wards = List.copyOf(wards);
    for (WardInfo ward : wards) {
      (ward.preReform() ? preReform : current).put(ward.wardCode(), ward);
    }
    kpisByMonth.put(WardView.AS_REPORTED, byMonth(asReported));
    kpisByMonth.put(WardView.CURRENT, byMonth(currentWards));
    this.services =
        services.stream().sorted(Comparator.comparing(ServiceInfo::serviceCode)).toList();
    for (ServiceMonthRow row : serviceMonths) {
      serviceMonthsByMonth.computeIfAbsent(row.month(), m -> new ArrayList<>()).add(row);
    }
    this.targets = List.copyOf(targets);
    for (DailyReportRow row : dailyReports) {
      dailyReportsByMonth.computeIfAbsent(row.month(), m -> new ArrayList<>()).add(row);
    }
    dailyReportsByMonth
        .values()
        .forEach(
            list ->
                list.sort(
                    Comparator.comparing(DailyReportRow::reportDate)
                        .thenComparing(DailyReportRow::wardCode)));
    for (AnomalyRow row : anomalies) {
      anomaliesByMonth.computeIfAbsent(row.month(), m -> new ArrayList<>()).add(row);
    }
    anomaliesByMonth
        .values()
        .forEach(
            list ->
                list.sort(
                    Comparator.comparing(AnomalyRow::unitCode)
                        .thenComparing(AnomalyRow::period)
                        .thenComparing(AnomalyRow::metric)
                        .thenComparing(AnomalyRow::method)));
  }

  /**
   * Builds from whole tables as {@link DeltaTableReader} or {@link TrinoKpiStore} read them; absent
   * tables are empty. Rows are first put in one order by their keys: each reader returns them in
   * its own order (Parquet files, Trino splits), and ties in a ranking must not depend on which
   * store read gold.
   */
  public static InMemoryGold fromTables(
      DataVersion version, Map<String, List<Map<String, Object>>> tables) {
    return fromTables(
        version,
        tables,
        rows(tables, "ward_month_kpis").stream().map(KpiRow::fromGold).toList(),
        rows(tables, "ward_month_kpis_current").stream().map(KpiRow::fromGold).toList());
  }

  /**
   * Builds from the small tables as maps and the two ward-month tables as rows already (put in
   * order too).
   */
  public static InMemoryGold fromTables(
      DataVersion version,
      Map<String, List<Map<String, Object>>> tables,
      List<KpiRow> asReported,
      List<KpiRow> currentWards) {
    return new InMemoryGold(
        version,
        rows(tables, "dim_ward", "ward_code", "era").stream().map(WardInfo::fromGold).toList(),
        inOrder(asReported),
        inOrder(currentWards),
        rows(tables, "dim_service", "service_code").stream().map(ServiceInfo::fromGold).toList(),
        rows(tables, "service_month", "month", "ward_code", "service_code").stream()
            .map(ServiceMonthRow::fromGold)
            .toList(),
        rows(
                tables,
                "target_progress",
                "unit_code",
                "metric",
                "campaign",
                "as_of_month",
                "deadline")
            .stream()
            .map(TargetRow::fromGold)
            .toList(),
        rows(tables, "daily_report_check", "report_date", "ward_code").stream()
            .map(DailyReportRow::fromGold)
            .toList(),
        rows(tables, "anomalies", "unit_code", "period", "metric", "method").stream()
            .map(AnomalyRow::fromGold)
            .toList());
  }

  /** Ward-month rows by (month, ward_code), whichever reader built them. */
  static List<KpiRow> inOrder(List<KpiRow> rows) {
    List<KpiRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        (a, b) -> { // by month, then ward_code (months are shared strings: equal ones are the same)
          int byMonth = a.month() == b.month() ? 0 : a.month().compareTo(b.month());
          return byMonth != 0 ? byMonth : a.wardCode().compareTo(b.wardCode());
        });
    return sorted;
  }

  private static List<Map<String, Object>> rows(
      Map<String, List<Map<String, Object>>> tables, String name, String... keys) {
    List<Map<String, Object>> rows = new ArrayList<>(tables.getOrDefault(name, List.of()));
    Comparator<Map<String, Object>> order = null;
    for (String key : keys) {
      Comparator<Map<String, Object>> byKey =
          Comparator.comparing(
              row -> row.get(key) == null ? null : row.get(key).toString(),
              Comparator.nullsFirst(Comparator.naturalOrder()));
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    if (order != null) {
      rows.sort(order);
    }
    return rows;
  }

  private static NavigableMap<String, List<KpiRow>> byMonth(List<KpiRow> rows) {
    NavigableMap<String, List<KpiRow>> map = new TreeMap<>();
    for (KpiRow row : rows) {
      map.computeIfAbsent(row.month(), m -> new ArrayList<>()).add(row);
    }
    map.replaceAll((month, list) -> List.copyOf(list));
    return map;
  }

  @Override
  public DataVersion version() {
    return version;
  }

  @Override
  public List<String> months(WardView view) {
    return List.copyOf(kpisByMonth.get(view).keySet());
  }

  @Override
  public Optional<UnitScope> unit(String code) {
    // get first: computeIfAbsent locks the map's bin even when the key is there (a convoy under
    // load)
    Optional<UnitScope> cached = units.get(code);
    return cached != null ? cached : units.computeIfAbsent(code, this::resolve);
  }

  @Override
  public Optional<UnitScope> preReformWard(String code) {
    Optional<UnitScope> cached = units.get("pre2025:" + code);
    if (cached != null) {
      return cached;
    }
    return units.computeIfAbsent(
        "pre2025:" + code,
        key -> {
          WardInfo old = preReform.get(code);
          if (old == null) {
            return Optional.empty();
          }
          String province =
              old.currentProvinceCode() != null ? old.currentProvinceCode() : old.provinceCode();
          return Optional.of(
              new UnitScope(
                  code, UnitLevel.WARD, old.wardName(), province, Set.of(code), Set.of()));
        });
  }

  private Optional<UnitScope> resolve(String code) {
    UnitLevel level;
    try {
      level = UnitLevel.of(code);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Set<String> pre = new LinkedHashSet<>();
    Set<String> now = new LinkedHashSet<>();
    String name = null;
    String province = null;
    switch (level) {
      case PROVINCE -> {
        for (WardInfo ward : wards) {
          if (ward.preReform()
              && (code.equals(ward.provinceCode()) || code.equals(ward.currentProvinceCode()))) {
            pre.add(ward.wardCode());
          } else if (!ward.preReform() && code.equals(ward.provinceCode())) {
            now.add(ward.wardCode());
            name = ward.provinceName();
          }
        }
        if (name == null) {
          name =
              wards.stream()
                  .filter(w -> code.equals(w.provinceCode()))
                  .map(WardInfo::provinceName)
                  .filter(n -> n != null)
                  .findFirst()
                  .orElse(code);
        }
        province = code;
      }
      case DISTRICT -> {
        for (WardInfo ward : preReform.values()) {
          if (code.equals(ward.districtCode())) {
            pre.add(ward.wardCode());
            now.addAll(ward.currentWardCodes());
            name = ward.districtName();
            province =
                ward.currentProvinceCode() != null
                    ? ward.currentProvinceCode()
                    : ward.provinceCode();
          }
        }
      }
      case WARD -> {
        WardInfo today = current.get(code);
        if (today != null) {
          now.add(code);
          name = today.wardName();
          province = today.provinceCode();
          for (WardInfo old : preReform.values()) {
            if (old.currentWardCodes().contains(code) || code.equals(old.currentWardCode())) {
              pre.add(old.wardCode());
            }
          }
        } else {
          WardInfo old = preReform.get(code);
          if (old != null) {
            pre.add(code);
            name = old.wardName();
            province =
                old.currentProvinceCode() != null ? old.currentProvinceCode() : old.provinceCode();
          }
        }
      }
      default -> throw new IllegalStateException("unknown level " + level);
    }
    if (pre.isEmpty() && now.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new UnitScope(code, level, name == null ? code : name, province, pre, now));
  }

  @Override
  public Optional<WardInfo> ward(WardView view, String wardCode, String month) {
    boolean currentList =
        view == WardView.CURRENT || month == null || month.compareTo(UnitScope.REFORM_MONTH) >= 0;
    WardInfo ward = (currentList ? current : preReform).get(wardCode);
    if (ward == null) {
      ward = (currentList ? preReform : current).get(wardCode);
    }
    return Optional.ofNullable(ward);
  }

  @Override
  public List<UnitScope> districts(UnitScope scope) {
    Set<String> codes = new java.util.TreeSet<>();
    for (String wardCode : scope.preReformWards()) {
      WardInfo ward = preReform.get(wardCode);
      if (ward != null && ward.districtCode() != null) {
        codes.add(ward.districtCode());
      }
    }
    List<UnitScope> districts = new ArrayList<>();
    for (String code : codes) {
      unit(code).filter(scope::covers).ifPresent(districts::add);
    }
    return districts;
  }

  /**
   * A unit's figures for one month, computed once per loaded version (this object is never changed,
   * and a newer Delta version is a new object): the KPI API answers most requests from here.
   */
  @Override
  public Aggregate aggregate(WardView view, UnitScope scope, String month) {
    String key =
        view
            + "|"
            + month
            + "|"
            + scope.code()
            + "|"
            + scope.preReformWards().size()
            + "|"
            + scope.currentWards().size();
    Aggregate cached = aggregates.get(key);
    if (cached != null) {
      return cached;
    }
    // The province figures once computed (in the background after a load); until then, from the
    // month's rows.
    Map<String, Aggregate> provinces = provinceAggregates;
    if (provinces != null
        && scope.level() == UnitLevel.PROVINCE
        && unit(scope.code()).filter(scope::equals).isPresent()) {
      Aggregate province = provinces.get(view + "|" + month + "|" + scope.code());
      if (province != null) {
        return province;
      }
    }
    List<KpiRow> rows = kpis(view, scope, month, month);
    Aggregate computed = new Aggregate(rows.size(), Aggregation.aggregate(rows));
    if (aggregates.size() < 100_000) {
      aggregates.put(key, computed);
    }
    return computed;
  }

  private volatile Map<String, Aggregate> provinceAggregates;

  /**
   * Every province's figures for every month of both views, in one pass over the rows (a row counts
   * for each province whose scope includes it): what the KPI API asks for most, without a pass per
   * request.
   */
  private Map<String, Aggregate> provinceAggregates() {
    Map<String, Aggregate> computed = provinceAggregates;
    if (computed != null) {
      return computed;
    }
    synchronized (this) {
      if (provinceAggregates != null) {
        return provinceAggregates;
      }
      Set<String> provinceCodes = new java.util.TreeSet<>();
      for (WardInfo ward : wards) {
        if (!ward.preReform() && ward.provinceCode() != null) {
          provinceCodes.add(ward.provinceCode());
        }
      }
      // Provinces by index, and each ward's provinces as indexes: the pass below makes no key per
      // row.
      List<String> provinces = new ArrayList<>(provinceCodes);
      Map<String, int[]> preToProvinces = new HashMap<>();
      Map<String, int[]> currentToProvinces = new HashMap<>();
      for (int p = 0; p < provinces.size(); p++) {
        int index = p;
        unit(provinces.get(p))
            .ifPresent(
                scope -> {
                  scope
                      .preReformWards()
                      .forEach(
                          w -> preToProvinces.merge(w, new int[] {index}, InMemoryGold::concat));
                  scope
                      .currentWards()
                      .forEach(
                          w ->
                              currentToProvinces.merge(w, new int[] {index}, InMemoryGold::concat));
                });
      }
      int columns = KpiRow.COUNT_COLUMNS.size();
      int[] none = new int[0];
      Map<String, Aggregate> result = new HashMap<>();
      for (WardView view : WardView.values()) {
        for (Map.Entry<String, List<KpiRow>> month : kpisByMonth.get(view).entrySet()) {
          boolean current =
              view == WardView.CURRENT || month.getKey().compareTo(UnitScope.REFORM_MONTH) >= 0;
          Map<String, int[]> toProvinces = current ? currentToProvinces : preToProvinces;
          long[][] totals = new long[provinces.size()][];
          boolean[][] seen = new boolean[provinces.size()][];
          int[] counts = new int[provinces.size()];
          for (KpiRow row : month.getValue()) {
            for (int province : toProvinces.getOrDefault(row.wardCode(), none)) {
              if (totals[province] == null) {
                totals[province] = new long[columns];
                seen[province] = new boolean[columns];
              }
              long[] sum = totals[province];
              boolean[] any = seen[province];
              counts[province]++;
              for (int i = 0; i < columns; i++) {
                if (!row.isNullAt(i)) {
                  sum[i] += row.countAt(i);
                  any[i] = true;
                }
              }
            }
          }
          for (int p = 0; p < provinces.size(); p++) {
            if (counts[p] > 0) {
              result.put(
                  view + "|" + month.getKey() + "|" + provinces.get(p),
                  new Aggregate(counts[p], Aggregation.fromTotals(totals[p], seen[p])));
            }
          }
        }
      }
      provinceAggregates = result;
      return result;
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /**
   * Computes the province figures now. The server does it on a background thread right after a
   * load, while it already answers: a province asked for before they are done is summed from its
   * month's rows.
   */
  public void precompute() {
    provinceAggregates();
  }

  @Override
  public List<KpiRow> kpis(WardView view, UnitScope scope, String fromMonth, String toMonth) {
    List<KpiRow> rows = new ArrayList<>();
    for (List<KpiRow> month :
        kpisByMonth.get(view).subMap(fromMonth, true, toMonth, true).values()) {
      for (KpiRow row : month) {
        if (scope.includes(view, row.wardCode(), row.month())) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  @Override
  public List<ServiceInfo> services() {
    return services;
  }

  @Override
  public List<ServiceMonthRow> serviceMonths(UnitScope scope, String month) {
    return filter(
        serviceMonthsByMonth.getOrDefault(month, List.of()),
        row -> scope.includes(WardView.AS_REPORTED, row.wardCode(), row.month()));
  }

  @Override
  public List<TargetRow> targets(UnitScope scope) {
    Set<String> allowed = new HashSet<>();
    Set<String> denied = new HashSet<>();
    List<TargetRow> rows = new ArrayList<>();
    for (TargetRow row : targets) {
      String unit = row.unitCode();
      if (!allowed.contains(unit) && !denied.contains(unit)) {
        (unit(unit).filter(scope::covers).isPresent() ? allowed : denied).add(unit);
      }
      if (allowed.contains(unit)) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public List<DailyReportRow> dailyReports(UnitScope scope, String month) {
    return filter(
        dailyReportsByMonth.getOrDefault(month, List.of()),
        row -> scope.includes(WardView.AS_REPORTED, row.wardCode(), row.month()));
  }

  @Override
  public List<AnomalyRow> anomalies(UnitScope scope, String month) {
    return filter(
        anomaliesByMonth.getOrDefault(month, List.of()),
        row -> scope.includes(WardView.CURRENT, row.unitCode(), row.month()));
  }

  private static <T> List<T> filter(Collection<T> rows, java.util.function.Predicate<T> keep) {
    return rows.stream().filter(keep).toList();
  }
}
