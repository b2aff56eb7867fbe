package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.Steering;

class ScorecardTest {
  static final Metric ONLINE = Metrics.require("online_rate");
  static final Metric CLEAN = Metrics.require("dq_clean_rate");
  static final Metric INCORRECT = Metrics.require("dq_incorrect");

  static Scorecard.Cell cell(Metric metric, Double value, Double reference) {
    Reference ref = reference == null ? null : Reference.goal(reference);
    return new Scorecard.Cell(
        metric,
        value,
        ref,
        Goals.DEFAULT.band(metric, value, reference),
        Scorecard.attainment(metric, value, ref),
        null);
  }

  @Test
  void theCompositeIsTheWeightedMeanOfAttainmentsCappedAtOne() {
    Steering weights = new Steering(Map.of("online_rate", 3.0, "dq_clean_rate", 1.0), Map.of());
    List<Scorecard.Cell> cells =
        List.of(
            cell(ONLINE, 0.35, 0.70), // half the goal
            cell(CLEAN, 0.99, 0.95), // above the goal: counts as 1, not 1.04
            cell(Metrics.require("on_time_rate"), null, 0.9)); // no value: left out
    assertThat(cells.get(1).attainment()).isEqualTo(1.0);
    assertThat(Scorecard.composite(cells, weights))
        .isCloseTo((3 * (0.35 / 0.70) + 1 * 1.0) / (3 + 1), within(1e-12));
    assertThat(Scorecard.composite(cells, Steering.DEFAULT))
        .isCloseTo(((0.35 / 0.70) + 1.0) / 2, within(1e-12));
    // A weight of 0 leaves the indicator out; nothing left gives no composite.
    Steering onlyClean = new Steering(Map.of("online_rate", 0.0), Map.of());
    assertThat(Scorecard.composite(cells, onlyClean)).isEqualTo(1.0);
    assertThat(Scorecard.composite(List.of(cell(ONLINE, 0.5, null)), Steering.DEFAULT)).isNull();
  }

  @Test
  void attainmentIsInvertedWhereLowerIsBetter() {
    assertThat(Scorecard.attainment(INCORRECT, 4.0, Reference.goal(2))).isEqualTo(2.0 / 4.0);
    assertThat(Scorecard.attainment(INCORRECT, 1.0, Reference.goal(2))).isEqualTo(1.0);
    assertThat(Scorecard.attainment(ONLINE, 0.8, null)).isNull();
  }

  @Test
  void equalValuesShareARankAndTheNextSkips() {
    Map<String, Double> values = new HashMap<>();
    values.put("a", 0.5);
    values.put("b", 0.7);
    values.put("c", 0.7);
    values.put("d", null);
    assertThat(Scorecard.rankByValue(values, ONLINE))
        .containsExactlyInAnyOrderEntriesOf(Map.of("b", 1, "c", 1, "a", 3));
    assertThat(Scorecard.rankByValue(values, INCORRECT))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 2));
    assertThat(Scorecard.movement(5, 3)).isEqualTo(2);
    assertThat(Scorecard.movement(3, 4)).isEqualTo(-1);
    assertThat(Scorecard.movement(null, 4)).isNull();
  }

  @Test
  void ranksAProvincesWardsByTheirCompositeAndSaysTheirMovement() {
    GoldData gold = FakeKpiStore.small().current();
    UnitScope province = gold.unit("20").orElseThrow();
    References references = new References(gold, province, Goals.DEFAULT);
    Scorecard card =
        Scorecard.of(gold, references, Steering.DEFAULT, WardView.CURRENT, province, "2025-07");
    assertThat(card.wards()).extracting(Scorecard.Line::unitCode).containsExactly("06400", "06325");
    assertThat(card.ranked()).isEqualTo(2);
    Scorecard.Line first = card.wards().get(0);
    Scorecard.Line second = card.wards().get(1);
    assertThat(first.rank()).isEqualTo(1);
    assertThat(second.rank()).isEqualTo(2);
    // Online is the only headline figure the fake has: 27/30 (capped at 1) against 1/10 of 70 %.
    double goal = ONLINE.goal();
    assertThat(first.cell(ONLINE).band()).isEqualTo(Band.MET);
    assertThat(second.cell(ONLINE).band()).isEqualTo(Band.BEHIND);
    assertThat(second.composite()).isCloseTo((1.0 / 10) / goal, within(1e-12));
    assertThat(first.composite()).isEqualTo(1.0);
    assertThat(second.cell(ONLINE).rank()).isEqualTo(2);
    // June in today's wards had the same order: no movement.
    assertThat(card.monthBefore()).isEqualTo("2025-06");
    assertThat(first.rankChange()).isZero();
    assertThat(second.rankBefore()).isEqualTo(2);
    // The province's own figure beside them, unranked.
    assertThat(card.province().cell(ONLINE).value()).isCloseTo(28.0 / 40, within(1e-12));
    assertThat(card.province().rank()).isNull();
    // As reported, June's wards are the former ones: no movement is claimed across the reform.
    Scorecard reported =
        Scorecard.of(gold, references, Steering.DEFAULT, WardView.AS_REPORTED, province, "2025-07");
    assertThat(reported.monthBefore()).isNull();
    assertThat(reported.wards()).allMatch(line -> line.rankChange() == null);
  }

  @Test
  void theLeagueRanksByOneMetricWithChangeAndMovement() {
    GoldData gold = FakeKpiStore.small().current();
    UnitScope province = gold.unit("20").orElseThrow();
    League league =
        League.of(
            gold,
            new References(gold, province, Goals.DEFAULT),
            WardView.CURRENT,
            province,
            "2025-07",
            ONLINE);
    assertThat(league.entries())
        .extracting(League.Entry::wardCode)
        .containsExactly("06400", "06325");
    League.Entry first = league.entries().get(0);
    assertThat(first.rank()).isEqualTo(1);
    assertThat(first.change()).isCloseTo(27.0 / 30 - 8.0 / 10, within(1e-12));
    assertThat(first.rankChange()).isZero();
    assertThat(first.band()).isEqualTo(Band.MET);
    assertThat(league.ranked()).isEqualTo(2);
  }
}
