package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Headline;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.Steering;

/**
 * The scorecard of a province's wards for one month: each headline indicator ({@link Headline}) of
 * each ward, with the reference it is judged against ({@link References}: the ward's live target,
 * else the province's, else the goal), its band and its attainment; a composite — the weighted mean
 * of the attainments (value ÷ reference, inverted where lower is better, capped at 1; weights from
 * {@link Steering}) — the ward's rank among the province's wards by it, and its rank the month
 * before. The dashboard's scorecard and ranking pages, its API and the reports read this one
 * computation, so a script, a screen and a letter agree.
 *
 * @param month the month ranked ({@code yyyy-MM})
 * @param monthBefore the month the movement is measured from; null where there is none (the first
 *     month of gold, or July 2025 as reported, when the wards themselves changed)
 * @param metrics the columns, in the headline's order
 * @param province the province's own figures (no rank)
 * @param wards every ward of the province with a row in the month, best composite first
 */
public record Scorecard(
    String month, String monthBefore, List<Metric> metrics, Line province, List<Line> wards) {

  public Scorecard {
    requireNonNull(month, "month is null");
    metrics = List.copyOf(metrics);
    requireNonNull(province, "province is null");
    wards = List.copyOf(wards);
  }

  /** One indicator of one unit: its value, what it is judged against, its band and attainment. */
  public record Cell(
      Metric metric,
      Double value,
      Reference reference,
      Band band,
      Double attainment,
      Integer rank) {
    Cell withRank(Integer newRank) {
      return new Cell(metric, value, reference, band, attainment, newRank);
    }
  }

  /**
   * One unit's row.
   *
   * @param rank 1 = the best composite among the province's wards; null without a composite (or for
   *     the province itself)
   * @param rankBefore the rank the month before; null where there was none
   */
  public record Line(
      String unitCode,
      String unitName,
      List<Cell> cells,
      Double composite,
      Integer rank,
      Integer rankBefore) {
    public Line {
      cells = List.copyOf(cells);
    }

    /** Places gained since the month before (2 = up two places, -1 = down one); null if unknown. */
    public Integer rankChange() {
      return Scorecard.movement(rankBefore, rank);
    }

    public Cell cell(Metric metric) {
      return cells.stream()
          .filter(cell -> cell.metric().equals(metric))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(metric.column() + " is not a column"));
    }
  }

  /** A ward's row, if it has one in the month. */
  public Optional<Line> ward(String wardCode) {
    return wards.stream().filter(line -> line.unitCode().equals(wardCode)).findFirst();
  }

  /** How many wards have a rank (the "65" of "Hạng 56 / 65"). */
  public int ranked() {
    return (int) wards.stream().filter(line -> line.rank() != null).count();
  }

  // ------------------------------------------------------------------ the computation

  /**
   * The scorecard of {@code province}'s wards in {@code month}, judged by {@code references} (built
   * over the province, so its targets are read once).
   */
  public static Scorecard of(
      GoldData gold,
      References references,
      Steering steering,
      WardView view,
      UnitScope province,
      String month) {
    List<Metric> metrics = Headline.metrics();
    String before = League.monthBefore(gold, view, month);
    Map<String, Integer> ranksBefore =
        before == null
            ? Map.of()
            : rankByScore(composites(gold, references, steering, view, province, before, metrics));
    List<Line> lines = new ArrayList<>();
    Map<String, Double> scores = new HashMap<>();
    for (KpiRow row : gold.kpis(view, province, month, month)) {
      List<Cell> cells = cells(references, metrics, row.wardCode(), month, row::value);
      Double composite = composite(cells, steering);
      scores.put(row.wardCode(), composite);
      String name =
          gold.ward(view, row.wardCode(), month).map(WardInfo::wardName).orElse(row.wardCode());
      lines.add(new Line(row.wardCode(), name, cells, composite, null, null));
    }
    Map<String, Integer> ranks = rankByScore(scores);
    // Each indicator's own rank among the province's wards ("Hạng 56 / 65" beside the figure).
    Map<Metric, Map<String, Integer>> metricRanks = new HashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      Map<String, Double> values = new HashMap<>();
      for (Line line : lines) {
        values.put(line.unitCode(), line.cells().get(i).value());
      }
      metricRanks.put(metrics.get(i), rankByValue(values, metrics.get(i)));
    }
    List<Line> wards = new ArrayList<>();
    for (Line line : lines) {
      wards.add(
          new Line(
              line.unitCode(),
              line.unitName(),
              line.cells().stream()
                  .map(cell -> cell.withRank(metricRanks.get(cell.metric()).get(line.unitCode())))
                  .toList(),
              line.composite(),
              ranks.get(line.unitCode()),
              ranksBefore.get(line.unitCode())));
    }
    wards.sort(
        Comparator.comparing(Line::rank, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Line::unitCode));
    Map<String, Object> total = gold.aggregate(view, province, month).values();
    List<Cell> provinceCells = cells(references, metrics, province.code(), month, total::get);
    Line provinceLine =
        new Line(
            province.code(),
            province.name(),
            provinceCells,
            composite(provinceCells, steering),
            null,
            null);
    return new Scorecard(month, before, metrics, provinceLine, wards);
  }

  private static Map<String, Double> composites(
      GoldData gold,
      References references,
      Steering steering,
      WardView view,
      UnitScope province,
      String month,
      List<Metric> metrics) {
    Map<String, Double> scores = new HashMap<>();
    for (KpiRow row : gold.kpis(view, province, month, month)) {
      scores.put(
          row.wardCode(),
          composite(cells(references, metrics, row.wardCode(), month, row::value), steering));
    }
    return scores;
  }

  private static List<Cell> cells(
      References references,
      List<Metric> metrics,
      String unitCode,
      String month,
      java.util.function.Function<String, Object> values) {
    List<Cell> cells = new ArrayList<>();
    for (Metric metric : metrics) {
      Object raw = values.apply(metric.column());
      Double value = raw == null ? null : ((Number) raw).doubleValue();
      Reference reference = references.reference(metric, unitCode, month).orElse(null);
      cells.add(
          new Cell(
              metric,
              value,
              reference,
              references.against(metric, reference, value),
              attainment(metric, value, reference),
              null));
    }
    return cells;
  }

  /**
   * A figure's attainment of its reference for the composite: {@link Metric#attainment} (value ÷
   * reference, inverted where lower is better) capped at 1, so surpassing one target does not make
   * up for missing another; null without a value or a reference.
   */
  public static Double attainment(Metric metric, Double value, Reference reference) {
    Double attainment = metric.attainment(value, reference == null ? null : reference.value());
    return attainment == null ? null : Math.max(0, Math.min(1, attainment));
  }

  /**
   * The weighted mean of the cells' attainments, over the cells that have one and a weight above 0;
   * null where none has.
   */
  public static Double composite(List<Cell> cells, Steering steering) {
    double sum = 0;
    double weights = 0;
    for (Cell cell : cells) {
      double weight = steering.weight(cell.metric());
      if (cell.attainment() != null && weight > 0) {
        sum += weight * cell.attainment();
        weights += weight;
      }
    }
    return weights == 0 ? null : sum / weights;
  }

  /** Ranks by a score where higher is better (the composite). */
  public static Map<String, Integer> rankByScore(Map<String, Double> scores) {
    return rank(scores, false);
  }

  /**
   * Ranks units by a metric's value in its direction: 1 is the highest value, or the lowest where
   * lower is better. Equal values share a rank and the next rank skips (1, 2, 2, 4); a unit without
   * a value has no rank.
   */
  public static Map<String, Integer> rankByValue(Map<String, Double> values, Metric metric) {
    return rank(values, metric.direction() == Metric.Direction.LOWER_IS_BETTER);
  }

  private static Map<String, Integer> rank(Map<String, Double> values, boolean lowerIsBetter) {
    List<Double> sorted =
        values.values().stream()
            .filter(v -> v != null && !v.isNaN())
            .sorted(lowerIsBetter ? Comparator.naturalOrder() : Comparator.reverseOrder())
            .toList();
    Map<String, Integer> ranks = new HashMap<>();
    values.forEach(
        (unit, value) -> {
          if (value != null && !value.isNaN()) {
            ranks.put(unit, sorted.indexOf(value) + 1);
          }
        });
    return ranks;
  }

  /** Places gained from {@code before} to {@code now} (positive = up); null if either is null. */
  public static Integer movement(Integer before, Integer now) {
    return before == null || now == null ? null : before - now;
  }
}
