package vn.da06.jobs.pipeline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.da06.warehouse.admin.Era;

/**
 * What a run recomputes of gold, decided from the months {@code ops.gold_pending} records, the
 * population snapshot dates and the months gold holds; no Spark in it.
 *
 * <p>Gold is recomputed from the earliest pending month on (every later month too: the cumulative
 * columns change), and earlier months are left as they are. With nothing pending, gold is only
 * recomputed when the targets changed (target progress reads every month) or gold was never
 * written; then from the first month. An update is <em>incremental</em> — it reads only the rows of
 * the months it redoes and continues the cumulative figures of the month before — when those months
 * are all after the reform, the ward list did not change and gold holds the month before.
 *
 * @param recompute whether gold is recomputed at all
 * @param fromMonth the first month recomputed (yyyy-MM), or NULL for every month
 * @param snapshots the population snapshot dates silver holds, in order
 * @param incremental whether the update reads the rows of the months from {@code fromMonth} only
 */
public record GoldPlan(
    boolean recompute, String fromMonth, List<LocalDate> snapshots, boolean incremental) {

  private static final String REFORM_MONTH = YearMonth.from(Era.REFORM_DATE).toString();

  public GoldPlan {
    snapshots = snapshots.stream().sorted().toList();
    if (incremental && fromMonth == null) {
      throw new IllegalArgumentException("Cannot update gold incrementally from no month");
    }
    if (fromMonth != null && !fromMonth.matches("\\d{4}-(0[1-9]|1[0-2])")) {
      throw new IllegalArgumentException(
          "Cannot plan gold from month " + fromMonth + ": it is not a month written yyyy-MM");
    }
  }

  /**
   * The plan of a run: from the earliest of the pending months (those this run recorded and those a
   * killed run left), if any.
   *
   * @param pendingMonths the {@code from_month} values of {@code ops.gold_pending}
   * @param targetsChanged whether the run merged new targets
   * @param goldWritten whether {@code gold.ward_month_kpis} exists
   */
  public static GoldPlan of(
      Collection<String> pendingMonths,
      List<LocalDate> snapshots,
      boolean targetsChanged,
      boolean goldWritten) {
    String from = earliest(pendingMonths);
    return new GoldPlan(from != null || targetsChanged || !goldWritten, from, snapshots, false);
  }

  /** Gold recomputed from {@code fromMonth} on (every month when NULL), whatever is pending. */
  public static GoldPlan from(String fromMonth, List<LocalDate> snapshots) {
    return new GoldPlan(true, fromMonth, snapshots, false);
  }

  /** The earliest of the months (yyyy-MM), or NULL when there is none. */
  public static String earliest(Collection<String> months) {
    return months.stream().filter(Objects::nonNull).min(String::compareTo).orElse(null);
  }

  /** This plan over the snapshot dates silver holds. */
  public GoldPlan withSnapshots(List<LocalDate> dates) {
    return new GoldPlan(recompute, fromMonth, dates, incremental);
  }

  /**
   * The month before {@code fromMonth}, whose gold rows an incremental update continues, when one
   * may be possible: the months redone are all after the reform and the ward list did not change.
   */
  public Optional<String> monthBefore(boolean wardsChanged) {
    if (fromMonth == null || wardsChanged || fromMonth.compareTo(REFORM_MONTH) <= 0) {
      return Optional.empty();
    }
    return Optional.of(YearMonth.parse(fromMonth).minusMonths(1).toString());
  }

  /**
   * This plan, incremental when gold's current table holds the month before ({@link #monthBefore}).
   *
   * @param heldMonths the months of {@code gold.ward_month_kpis_current} from the month before on
   */
  public GoldPlan withHeldMonths(Collection<String> heldMonths, boolean wardsChanged) {
    boolean seeded = monthBefore(wardsChanged).map(heldMonths::contains).orElse(false);
    return new GoldPlan(recompute, fromMonth, snapshots, seeded);
  }

  /** The first day of the first month recomputed, when not every month is. */
  public Optional<LocalDate> firstDay() {
    return fromMonth == null ? Optional.empty() : Optional.of(YearMonth.parse(fromMonth).atDay(1));
  }

  /** Whether gold's rows of the month (yyyy-MM) are rewritten. */
  public boolean rewrites(String month) {
    return fromMonth == null || month.compareTo(fromMonth) >= 0;
  }

  /** The rows of gold a write replaces, as a Delta predicate. */
  public String where() {
    return fromMonth == null ? "true" : "month >= '" + fromMonth + "'";
  }

  /**
   * Whether an incremental update reads any snapshot: those taken from its first month on (none
   * read when there is none). A full update reads them all.
   */
  public boolean readsSnapshots() {
    return !incremental || snapshots.stream().anyMatch(date -> !date.isBefore(firstDay().get()));
  }

  /**
   * The snapshot whose eligible population an incremental update carries over from gold's month
   * before (the latest taken before its first month, on the same current wards), if any.
   */
  public Optional<LocalDate> carriedSnapshot() {
    if (!incremental) {
      return Optional.empty();
    }
    LocalDate first = firstDay().get();
    return snapshots.stream().filter(date -> date.isBefore(first)).reduce((a, b) -> b);
  }

  /** The months of the snapshots the update measures: all, or from its first month on. */
  public List<String> snapshotMonths() {
    return snapshots.stream()
        .map(date -> YearMonth.from(date).toString())
        .filter(month -> !incremental || rewrites(month))
        .toList();
  }

  /** One month of gold and the snapshots its figures read. */
  public record CalendarMonth(
      String month, LocalDate eligibleSnapshot, LocalDate qualitySnapshot) {}

  /**
   * Each month from {@code first} to {@code last}: the snapshot that gives its eligible population
   * (the latest on or before its end) and the one that gives its data quality (the latest in it).
   */
  public List<CalendarMonth> calendar(YearMonth first, YearMonth last) {
    List<CalendarMonth> months = new ArrayList<>();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      LocalDate end = month.atEndOfMonth();
      LocalDate eligible = null;
      LocalDate quality = null;
      for (LocalDate snapshot : snapshots) {
        if (!snapshot.isAfter(end)) {
          eligible = snapshot;
          if (YearMonth.from(snapshot).equals(month)) {
            quality = snapshot;
          }
        }
      }
      months.add(new CalendarMonth(month.toString(), eligible, quality));
    }
    return months;
  }
}
