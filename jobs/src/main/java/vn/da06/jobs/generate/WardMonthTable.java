package vn.da06.jobs.generate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.admin.Era;

/**
 * The expected {@code gold.ward_month_kpis} counts of one unit of work: a current ward and the
 * pre-reform wards whose primary link lands in it. Ward index {@code 0..k-1} are the pre-reform
 * wards, {@code k} the current ward. Every event of the unit belongs to one of these wards, so
 * units never share a row.
 */
final class WardMonthTable {

  static final int APPLICATIONS_L1 = 0;
  static final int APPLICATIONS_L2 = 1;
  static final int ACTIVATIONS_L1 = 2;
  static final int ACTIVATIONS_L2 = 3;
  static final int DOSSIERS_TOTAL = 4;
  static final int DOSSIERS_ONLINE = 5;
  static final int ESSENTIAL_TOTAL = 6;
  static final int ESSENTIAL_ONLINE = 7;
  static final int DOSSIERS_VNEID = 8;
  static final int RESOLVED = 9;
  static final int RESOLVED_ON_TIME = 10;
  static final int RESOLVED_WITH_DUE = 11;
  // The portals' 2025 columns: counted only for dossiers whose current row is in a 2025 export
  // (SCOPE_EXPORTED by submitted month, DIGITIZATION_EXPORTED by resolved month count those).
  static final int ONLINE_FULL = 12;
  static final int FEE_PAID_ONLINE = 13;
  static final int FEE_PAID = 14;
  static final int SCOPE_EXPORTED = 15;
  static final int RESOLVED_DIGITIZED = 16;
  static final int DIGITIZATION_EXPORTED = 17;
  private static final int EVENT_COLUMNS = 18;

  /** One row of {@code _manifest/ward_month.csv}; null values are NULL. */
  record Row(String wardCode, YearMonth month, Map<String, Long> values) {}

  private final List<String> wardCodes;
  private final int current;
  private final List<YearMonth> months;
  private final long[][][] events;
  private final Map<Integer, long[][]> quality = new HashMap<>();
  private final List<LocalDate> snapshotDates = new ArrayList<>();
  private final List<Map<Integer, Long>> snapshotEligible = new ArrayList<>();

  WardMonthTable(List<String> oldWardCodes, String currentWardCode, List<YearMonth> months) {
    this.wardCodes = new ArrayList<>(oldWardCodes);
    this.wardCodes.add(currentWardCode);
    this.current = oldWardCodes.size();
    this.months = List.copyOf(months);
    this.events = new long[EVENT_COLUMNS][wardCodes.size()][months.size()];
  }

  /**
   * Counts an event dated {@code day} of a record whose ward (read in the era of the record's own
   * date) is {@code recordWard}. From July 2025 on, a pre-reform ward's events count at its primary
   * current ward, which is this unit's current ward.
   */
  void addEvent(int column, int recordWard, LocalDate day) {
    int month = monthIndex(day);
    if (month < 0) {
      throw new IllegalStateException(
          "event dated "
              + day
              + " is outside "
              + months.get(0)
              + ".."
              + months.get(months.size() - 1));
    }
    events[column][wardAsOf(recordWard, day)][month]++;
  }

  /** The unit's (current ward's) count of an event column in a month; null outside the months. */
  Long unitTotal(int column, java.time.YearMonth month) {
    int index = monthIndex(month.atDay(1));
    if (index < 0) {
      return null;
    }
    long total = 0;
    for (long[] ward : events[column]) {
      total += ward[index];
    }
    return total;
  }

  int wardAsOf(int recordWard, LocalDate day) {
    return Era.on(day) == Era.POST_REFORM ? current : recordWard;
  }

  /**
   * Records the accepted rows of a snapshot: its quality counts and eligible population by ward
   * code.
   */
  void addSnapshot(
      LocalDate date, PopulationQuality.Result result, Map<String, Integer> wardIndex) {
    int month = monthIndex(date);
    long[][] byWard = new long[wardCodes.size()][];
    result.quality().forEach((code, counts) -> byWard[index(wardIndex, code)] = counts.clone());
    quality.put(month, byWard);
    Map<Integer, Long> eligible = new HashMap<>();
    result
        .eligible()
        .forEach((code, count) -> eligible.merge(index(wardIndex, code), count, Long::sum));
    snapshotDates.add(date);
    snapshotEligible.add(eligible);
  }

  private static int index(Map<String, Integer> wardIndex, String code) {
    Integer index = wardIndex.get(code);
    if (index == null) {
      throw new IllegalStateException(
          "population row counted at ward " + code + " outside its unit");
    }
    return index;
  }

  private int monthIndex(LocalDate day) {
    YearMonth month = YearMonth.from(day);
    int index =
        (int)
            (month.getYear() * 12L
                + month.getMonthValue()
                - (months.get(0).getYear() * 12L + months.get(0).getMonthValue()));
    return index >= 0 && index < months.size() ? index : -1;
  }

  /** The manifest columns: {@link Metrics#counts()} then {@link Metrics#HELPER_COUNTS}. */
  static List<String> columns() {
    List<String> columns = new ArrayList<>();
    Metrics.counts().stream().map(Metric::column).forEach(columns::add);
    columns.addAll(Metrics.HELPER_COUNTS);
    return columns;
  }

  List<Row> rows() {
    List<String> columns = columns();
    List<Row> rows = new ArrayList<>();
    for (int month = 0; month < months.size(); month++) {
      YearMonth yearMonth = months.get(month);
      boolean post = Era.on(yearMonth.atDay(1)) == Era.POST_REFORM;
      LocalDate monthEnd = yearMonth.atEndOfMonth();
      int snapshot = -1;
      for (int s = 0; s < snapshotDates.size(); s++) {
        if (!snapshotDates.get(s).isAfter(monthEnd)) {
          snapshot = s;
        }
      }
      long[][] monthQuality = quality.get(month);
      List<Integer> wards = post ? List.of(current) : range(current);
      for (int ward : wards) {
        Map<String, Long> values = new HashMap<>();
        long[] cumulative = new long[EVENT_COLUMNS];
        for (int column = 0; column < EVENT_COLUMNS; column++) {
          for (int m = 0; m <= month; m++) {
            if (post) {
              for (int w = 0; w <= current; w++) {
                cumulative[column] += events[column][w][m];
              }
            } else {
              cumulative[column] += events[column][ward][m];
            }
          }
        }
        values.put("eid_applications_l1", events[APPLICATIONS_L1][ward][month]);
        values.put("eid_applications_l2", events[APPLICATIONS_L2][ward][month]);
        values.put("eid_activations_l1", events[ACTIVATIONS_L1][ward][month]);
        values.put("eid_activations_l2", events[ACTIVATIONS_L2][ward][month]);
        values.put("eid_applications_l1_cum", cumulative[APPLICATIONS_L1]);
        values.put("eid_applications_l2_cum", cumulative[APPLICATIONS_L2]);
        values.put("eid_activations_l1_cum", cumulative[ACTIVATIONS_L1]);
        values.put("eid_activations_l2_cum", cumulative[ACTIVATIONS_L2]);
        values.put(
            "eid_applications_cum", cumulative[APPLICATIONS_L1] + cumulative[APPLICATIONS_L2]);
        values.put("eid_activations_cum", cumulative[ACTIVATIONS_L1] + cumulative[ACTIVATIONS_L2]);
        values.put("eligible_population", snapshot < 0 ? null : eligible(snapshot, ward, post));
        values.put("dossiers_total", events[DOSSIERS_TOTAL][ward][month]);
        values.put("dossiers_online", events[DOSSIERS_ONLINE][ward][month]);
        values.put("essential_dossiers_total", events[ESSENTIAL_TOTAL][ward][month]);
        values.put("essential_dossiers_online", events[ESSENTIAL_ONLINE][ward][month]);
        values.put("dossiers_online_vneid", events[DOSSIERS_VNEID][ward][month]);
        values.put("dossiers_resolved", events[RESOLVED][ward][month]);
        values.put("dossiers_resolved_on_time", events[RESOLVED_ON_TIME][ward][month]);
        values.put("dossiers_resolved_with_due", events[RESOLVED_WITH_DUE][ward][month]);
        // NULL, not 0, for a ward-month none of whose dossiers came in a 2025 export.
        boolean scope = events[SCOPE_EXPORTED][ward][month] > 0;
        boolean digitization = events[DIGITIZATION_EXPORTED][ward][month] > 0;
        values.put("dossiers_online_full", scope ? events[ONLINE_FULL][ward][month] : null);
        values.put("dossiers_total_with_scope", scope ? events[DOSSIERS_TOTAL][ward][month] : null);
        values.put("dossiers_fee_paid_online", scope ? events[FEE_PAID_ONLINE][ward][month] : null);
        values.put("dossiers_fee_paid", scope ? events[FEE_PAID][ward][month] : null);
        values.put(
            "dossiers_resolved_digitized",
            digitization ? events[RESOLVED_DIGITIZED][ward][month] : null);
        values.put(
            "dossiers_resolved_with_digitization",
            digitization ? events[RESOLVED][ward][month] : null);
        long[] counts =
            monthQuality == null
                ? null
                : (monthQuality[ward] == null ? new long[6] : monthQuality[ward]);
        values.put("dq_records", counts == null ? null : counts[PopulationQuality.RECORDS]);
        values.put("dq_incorrect", counts == null ? null : counts[PopulationQuality.INCORRECT]);
        values.put("dq_incomplete", counts == null ? null : counts[PopulationQuality.INCOMPLETE]);
        values.put("dq_unclean", counts == null ? null : counts[PopulationQuality.UNCLEAN]);
        values.put("dq_stale", counts == null ? null : counts[PopulationQuality.STALE]);
        values.put("dq_clean_records", counts == null ? null : counts[PopulationQuality.CLEAN]);
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String column : columns) {
          if (!values.containsKey(column)) {
            throw new IllegalStateException(
                "the generator does not compute metric column " + column);
          }
          ordered.put(column, values.get(column));
        }
        rows.add(new Row(wardCodes.get(ward), yearMonth, ordered));
      }
    }
    return rows;
  }

  /**
   * Eligible population of {@code ward} from snapshot {@code s}: a pre-reform snapshot read in a
   * post-reform month counts every pre-reform ward at its primary current ward.
   */
  private Long eligible(int s, int ward, boolean postMonth) {
    boolean postSnapshot = Era.on(snapshotDates.get(s)) == Era.POST_REFORM;
    Map<Integer, Long> eligible = snapshotEligible.get(s);
    if (postMonth && !postSnapshot) {
      return eligible.values().stream().mapToLong(Long::longValue).sum();
    }
    return eligible.getOrDefault(ward, 0L);
  }

  private static List<Integer> range(int size) {
    List<Integer> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(i);
    }
    return list;
  }
}
