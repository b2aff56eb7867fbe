package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.warehouse.AnomalyRules;

/**
 * The anomalies the generator plants at known places (issue 24), so that {@code gold.anomalies} is
 * measured, not assumed; listed in {@code _manifest/anomalies.csv}. Decided once from the plan: the
 * largest wards (steadiest figures) get one kind each, in turn, twice over in a province of 8 wards
 * or more:
 *
 * <ul>
 *   <li>{@link Kind#SURGE}: level-2 applications, all activated, K = max(3 × min_change, 9 × the
 *       12-month median) more than the ward had, in a month no campaign covers;
 *   <li>{@link Kind#DROP}: none of the ward's service dossiers of a month exported (an export that
 *       missed the ward), where the six months before were steady;
 *   <li>{@link Kind#POPULATION}: 40 % of the ward's residents missing from one population snapshot
 *       (and back in the next);
 *   <li>{@link Kind#DAILY}: every daily report of a campaign month claims more level-2 applications
 *       than the system holds (5 more, or twice as many).
 * </ul>
 */
final class Plants {

  enum Kind {
    SURGE,
    DROP,
    POPULATION,
    DAILY
  }

  /**
   * One planted anomaly.
   *
   * @param month the month it is in (POPULATION: the snapshot's month)
   * @param snapshot POPULATION: the snapshot that lost residents; else null
   */
  record Place(Kind kind, int unitIndex, String wardCode, YearMonth month, LocalDate snapshot) {}

  static final Plants NONE = new Plants(Map.of());

  /** Residents a POPULATION plant leaves out of its snapshot: 2 in 5. */
  static boolean leftOut(Person person) {
    return person.index % 5 < 2;
  }

  private final Map<Integer, Place> byUnit;

  private Plants(Map<Integer, Place> byUnit) {
    this.byUnit = Map.copyOf(byUnit);
  }

  Place at(int unitIndex) {
    return byUnit.get(unitIndex);
  }

  List<Place> all() {
    return byUnit.values().stream().sorted(Comparator.comparing(Place::unitIndex)).toList();
  }

  static Plants of(Plan plan) {
    List<YearMonth> months = plan.months;
    if (months.size() < AnomalyRules.DEFAULT.minHistoryMonths() + 3) {
      return NONE; // not enough history to judge any month
    }
    List<Plan.Unit> units = new ArrayList<>(plan.workUnits);
    // The largest wards first: residents are planned per pre-reform ward.
    units.sort(
        Comparator.comparingInt(
                (Plan.Unit unit) ->
                    -unit.olds().stream().mapToInt(old -> plan.residents(old.code())).sum())
            .thenComparing(Plan.Unit::index));
    List<YearMonth> quiet = new ArrayList<>();
    YearMonth earliest = months.get(0).plusMonths(AnomalyRules.DEFAULT.minHistoryMonths() + 1);
    for (int i = months.size() - 2; i >= 0 && months.get(i).compareTo(earliest) >= 0; i--) {
      YearMonth month = months.get(i);
      boolean campaign =
          plan.campaigns.stream()
              .anyMatch(c -> c.overlapDays(month.atDay(1), month.atEndOfMonth()) > 0);
      if (!campaign) {
        quiet.add(month);
      }
    }
    YearMonth campaignMonth = null;
    for (YearMonth month : months) {
      for (Campaign campaign : plan.campaigns) {
        if (campaign.overlapDays(month.atDay(1), month.atEndOfMonth()) >= 20) {
          campaignMonth = month;
        }
      }
    }
    LocalDate snapshot = null;
    if (plan.snapshots.size() >= 3) {
      snapshot = plan.snapshots.get(plan.snapshots.size() - 2);
    } else if (plan.snapshots.size() == 2) {
      snapshot = plan.snapshots.get(1);
    }
    int rounds = units.size() >= 8 ? 2 : 1;
    Map<Integer, Place> places = new LinkedHashMap<>();
    int next = 0;
    for (int round = 0; round < rounds; round++) {
      for (Kind kind : Kind.values()) {
        if (next >= units.size()) {
          break;
        }
        YearMonth month =
            switch (kind) {
              case SURGE -> pick(quiet, 2 * round);
              case DROP -> pick(quiet, 2 * round + 1);
              case POPULATION -> snapshot == null ? null : YearMonth.from(snapshot);
              case DAILY -> campaignMonth;
            };
        if (month == null) {
          continue;
        }
        Plan.Unit unit = units.get(next++);
        places.put(
            unit.index(),
            new Place(
                kind,
                unit.index(),
                unit.current().code(),
                month,
                kind == Kind.POPULATION ? snapshot : null));
      }
    }
    return new Plants(places);
  }

  private static YearMonth pick(List<YearMonth> months, int i) {
    return i < months.size() ? months.get(i) : null;
  }

  /** The median of a ward's monthly figures over the 12 months before {@code month}. */
  static double medianBefore(WardMonthTable table, int column, YearMonth month) {
    List<Long> values = new ArrayList<>();
    for (int back = 1; back <= AnomalyRules.DEFAULT.historyMonths(); back++) {
      Long value = table.unitTotal(column, month.minusMonths(back));
      if (value != null) {
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      return 0;
    }
    values.sort(Long::compare);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
  }

  /**
   * The cells of {@code gold.ward_month_kpis_current} (or daily reports) a place changes: the
   * planted ones (which the anomaly step must find), then those it moves as a consequence (which it
   * may find). Each: unit_code, period (yyyy-MM), metric, planted (true/false).
   */
  static List<String[]> cells(Place place, Plan plan) {
    String ward = place.wardCode();
    String month = place.month().toString();
    List<String[]> cells = new ArrayList<>();
    switch (place.kind()) {
      case SURGE -> {
        cells.add(new String[] {ward, month, "eid_activations_l2", "true"});
        cells.add(new String[] {ward, month, "eid_applications_l2", "true"});
      }
      case DROP -> {
        cells.add(new String[] {ward, month, "dossiers_total", "true"});
        // Online dossiers drop to zero too, but are often too few to have been steady.
        cells.add(new String[] {ward, month, "dossiers_online", "false"});
        cells.add(new String[] {ward, month, "dossiers_resolved", "false"});
        cells.add(
            new String[] {
              ward, place.month().plusMonths(1).toString(), "dossiers_resolved", "false"
            });
      }
      case POPULATION -> {
        cells.add(new String[] {ward, month, "eligible_population", "true"});
        int s = plan.snapshots.indexOf(place.snapshot());
        if (s + 1 < plan.snapshots.size()) {
          cells.add(
              new String[] {
                ward,
                YearMonth.from(plan.snapshots.get(s + 1)).toString(),
                "eligible_population",
                "true"
              });
        }
      }
      case DAILY -> cells.add(new String[] {ward, month, AnomalyRules.DAILY_REPORT, "true"});
    }
    return cells;
  }
}
