package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;

/**
 * The one rule of which reference a figure is judged against ({@link Reference#choose}): the unit's
 * own live target for the metric, else its province's live target, else the goal of {@link Goals}.
 * A target (a row of {@code gold.target_progress}) is live in a month when its period started by
 * the month's last day and its deadline is not before it. The dashboard's pages, its API and the
 * scorecard ({@link Scorecard}) all ask this class, so a script and a screen agree.
 *
 * <p>One instance per request over one {@link GoldData}: it reads the targets of {@code scope}
 * once, on first need, and those of a unit outside it (the province of a ward's page) when a figure
 * needs them.
 */
public final class References {
  private final GoldData gold;
  private final UnitScope scope;
  private final Goals goals;
  private final Map<String, Optional<UnitScope>> units = new HashMap<>();
  private Map<String, List<TargetRow>> targetsByUnit; // read on first need

  public References(GoldData gold, UnitScope scope, Goals goals) {
    this.gold = requireNonNull(gold, "gold is null");
    this.scope = requireNonNull(scope, "scope is null");
    this.goals = requireNonNull(goals, "goals is null");
  }

  public Goals goals() {
    return goals;
  }

  /** The band of a unit's figure of {@code month} against the reference that applies to it. */
  public Band band(Metric metric, String unitCode, String month, Object value) {
    return against(metric, reference(metric, unitCode, month).orElse(null), value);
  }

  /** The band of a figure against a reference already chosen (a target's own row). */
  public Band against(Metric metric, Reference reference, Object value) {
    return goals.band(
        metric,
        value == null ? null : ((Number) value).doubleValue(),
        reference == null ? null : reference.value());
  }

  /** The reference a unit's figure of {@code month} is judged against, if any. */
  public Optional<Reference> reference(Metric metric, String unitCode, String month) {
    if (!metric.isBanded()) {
      return Optional.empty();
    }
    String province = unit(unitCode).map(UnitScope::provinceCode).orElse(null);
    LocalDate monthEnd = YearMonth.parse(month).atEndOfMonth();
    return Reference.choose(
        liveTarget(metric, unitCode, monthEnd, Reference.Source.UNIT_TARGET),
        province == null || province.equals(unitCode)
            ? Optional.empty()
            : liveTarget(metric, province, monthEnd, Reference.Source.PROVINCE_TARGET),
        goals.goal(metric, unitCode, province));
  }

  /**
   * The unit's target for the metric live at {@code monthEnd}: where several campaigns are, the one
   * with the nearest deadline (then the highest bar in the metric's direction).
   */
  private Optional<Reference> liveTarget(
      Metric metric, String unitCode, LocalDate monthEnd, Reference.Source source) {
    return targetsOf(unitCode).stream()
        .filter(row -> row.metric().equals(metric.column()) && row.targetValue() != null)
        .filter(row -> row.periodStart() == null || !row.periodStart().isAfter(monthEnd))
        .filter(row -> row.deadline() != null && !row.deadline().isBefore(monthEnd))
        .min(
            Comparator.comparing(TargetRow::deadline)
                .thenComparing(
                    TargetRow::targetValue,
                    metric.direction() == Metric.Direction.LOWER_IS_BETTER
                        ? Comparator.<Double>naturalOrder()
                        : Comparator.<Double>reverseOrder()))
        .map(row -> new Reference(row.targetValue(), source, row.deadline(), row.campaign()));
  }

  private List<TargetRow> targetsOf(String unitCode) {
    if (targetsByUnit == null) {
      targetsByUnit =
          new HashMap<>(
              gold.targets(scope).stream().collect(Collectors.groupingBy(TargetRow::unitCode)));
    }
    List<TargetRow> rows = targetsByUnit.get(unitCode);
    if (rows != null) {
      return rows;
    }
    // Only a unit outside the scope (the province of a ward's page) needs a read of its own.
    Optional<UnitScope> unit = unit(unitCode);
    rows =
        unit.isEmpty() || scope.covers(unit.get())
            ? List.of()
            : gold.targets(unit.get()).stream()
                .filter(row -> row.unitCode().equals(unitCode))
                .toList();
    targetsByUnit.put(unitCode, rows);
    return rows;
  }

  private Optional<UnitScope> unit(String code) {
    return units.computeIfAbsent(code, gold::unit);
  }
}
