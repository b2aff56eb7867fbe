package vn.da06.goldread;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a cold start serves while it reads the rest of gold: every small table whole and the
 * ward-month rows of the latest months only, with the month list of the whole tables (from their
 * partition values). A question about the loaded months is answered at once; any other waits for
 * the whole gold (up to {@code wait}, then 503 "still loading"). Both answer from the same Delta
 * versions, so a request never mixes two loads: the figures of a loaded month are the same as the
 * whole gold's.
 */
final class PartialGold implements GoldData {
  private final InMemoryGold loaded;
  private final Map<WardView, List<String>> months;
  private final Map<WardView, String> loadedFrom;
  private final CompletableFuture<InMemoryGold> whole;
  private final Duration wait;

  /**
   * @param loaded the small tables and, of each view, the ward-month rows of the months from {@code
   *     loadedFrom}
   * @param months every month of each view (oldest first), as the whole gold will have them
   * @param loadedFrom of each view, the first month from which {@code loaded} holds every row
   *     ({@code ""}: every month; a view absent here: none)
   * @param whole the whole gold of the same versions, when read
   */
  PartialGold(
      InMemoryGold loaded,
      Map<WardView, List<String>> months,
      Map<WardView, String> loadedFrom,
      CompletableFuture<InMemoryGold> whole,
      Duration wait) {
    this.loaded = loaded;
    this.months = new EnumMap<>(months);
    this.months.replaceAll((view, list) -> List.copyOf(list));
    this.loadedFrom = new EnumMap<>(WardView.class);
    this.loadedFrom.putAll(loadedFrom);
    this.whole = whole;
    this.wait = wait;
  }

  /** Whether the rows of {@code view} from {@code fromMonth} on are all in the loaded part. */
  boolean holds(WardView view, String fromMonth) {
    String first = loadedFrom.get(view);
    return first != null && fromMonth.compareTo(first) >= 0;
  }

  /**
   * Whether reading the months before the latest failed (the store then reads gold again at its
   * next poll).
   */
  boolean failed() {
    return whole.isCompletedExceptionally();
  }

  /** The whole gold, waited for: a request outside the loaded months is answered from it. */
  private InMemoryGold whole() {
    try {
      return whole.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new WarehouseUnavailableException(
          "The dashboard has loaded the latest month and is still loading the"
              + " months before it (try again in a few seconds)");
    } catch (ExecutionException e) {
      throw new WarehouseUnavailableException(
          "The dashboard could not load the months before the latest one: "
              + e.getCause().getMessage()
              + " (it tries again at its next poll of the warehouse)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseUnavailableException("The dashboard is stopping");
    }
  }

  @Override
  public DataVersion version() {
    return loaded.version();
  }

  @Override
  public List<String> months(WardView view) {
    return months.getOrDefault(view, List.of());
  }

  @Override
  public Optional<UnitScope> unit(String code) {
    return loaded.unit(code);
  }

  @Override
  public Optional<UnitScope> preReformWard(String code) {
    return loaded.preReformWard(code);
  }

  @Override
  public Optional<WardInfo> ward(WardView view, String wardCode, String month) {
    return loaded.ward(view, wardCode, month);
  }

  @Override
  public List<UnitScope> districts(UnitScope scope) {
    return loaded.districts(scope);
  }

  @Override
  public List<KpiRow> kpis(WardView view, UnitScope scope, String fromMonth, String toMonth) {
    return (holds(view, fromMonth) ? loaded : whole()).kpis(view, scope, fromMonth, toMonth);
  }

  @Override
  public Aggregate aggregate(WardView view, UnitScope scope, String month) {
    return (holds(view, month) ? loaded : whole()).aggregate(view, scope, month);
  }

  @Override
  public List<ServiceInfo> services() {
    return loaded.services();
  }

  @Override
  public List<ServiceMonthRow> serviceMonths(UnitScope scope, String month) {
    return loaded.serviceMonths(scope, month);
  }

  @Override
  public List<TargetRow> targets(UnitScope scope) {
    return loaded.targets(scope);
  }

  @Override
  public List<DailyReportRow> dailyReports(UnitScope scope, String month) {
    return loaded.dailyReports(scope, month);
  }

  @Override
  public List<AnomalyRow> anomalies(UnitScope scope, String month) {
    return loaded.anomalies(scope, month);
  }
}
