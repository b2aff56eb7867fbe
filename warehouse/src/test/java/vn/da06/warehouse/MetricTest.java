package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricTest {

  private static final Band.Margins MARGINS = Band.Margins.DEFAULT;
  private static final Metric ONLINE_RATE = Metrics.require("online_rate");
  private static final Metric ACTIVATIONS = Metrics.require("eid_activations_l2_cum");
  private static final Metric INCORRECT = Metrics.require("dq_incorrect");
  private static final Metric POPULATION = Metrics.require("eligible_population");

  @Test
  void theSeventyPercentOnlineGoalIsTheOnlineRatesOwnGoal() {
    assertThat(ONLINE_RATE.goal()).isEqualTo(0.70);
    assertThat(Metrics.onlineGoal()).isEqualTo(0.70);
    assertThat(Metrics.ALL.stream().filter(m -> m.goal() != null).map(Metric::column))
        .containsExactly("online_rate");
  }

  @Test
  void aRateIsMetAtItsReferenceCloseWithinFivePointsAndBehindBelow() {
    assertThat(ONLINE_RATE.band(0.70, 0.70, MARGINS)).isEqualTo(Band.MET);
    assertThat(ONLINE_RATE.band(0.93, 0.70, MARGINS)).isEqualTo(Band.MET);
    assertThat(ONLINE_RATE.band(0.65, 0.70, MARGINS)).isEqualTo(Band.CLOSE);
    assertThat(ONLINE_RATE.band(0.6499, 0.70, MARGINS)).isEqualTo(Band.BEHIND);
    assertThat(ONLINE_RATE.band(0.65, 0.70, new Band.Margins(0.02, 0.9))).isEqualTo(Band.BEHIND);
  }

  @Test
  void aCountIsCloseFromNinetyPercentOfItsReference() {
    assertThat(ACTIVATIONS.band(1000.0, 1000.0, MARGINS)).isEqualTo(Band.MET);
    assertThat(ACTIVATIONS.band(900.0, 1000.0, MARGINS)).isEqualTo(Band.CLOSE);
    assertThat(ACTIVATIONS.band(899.0, 1000.0, MARGINS)).isEqualTo(Band.BEHIND);
  }

  @Test
  void lowerIsBetterTurnsTheBandsAround() {
    assertThat(INCORRECT.direction()).isEqualTo(Metric.Direction.LOWER_IS_BETTER);
    assertThat(INCORRECT.band(90.0, 100.0, MARGINS)).isEqualTo(Band.MET);
    assertThat(INCORRECT.band(110.0, 100.0, MARGINS)).isEqualTo(Band.CLOSE);
    assertThat(INCORRECT.band(112.0, 100.0, MARGINS)).isEqualTo(Band.BEHIND);
    assertThat(INCORRECT.attainment(50.0, 100.0)).isEqualTo(2.0);
    assertThat(INCORRECT.attainment(200.0, 100.0)).isEqualTo(0.5);
    assertThat(INCORRECT.attainment(0.0, 100.0)).isEqualTo(1.0);
    assertThat(INCORRECT.meets(100, 100)).isTrue();
    assertThat(INCORRECT.meets(101, 100)).isFalse();
  }

  @Test
  void withoutAReferenceOrForASizeThereIsNoBand() {
    assertThat(ONLINE_RATE.band(0.5, null, MARGINS)).isEqualTo(Band.NONE);
    assertThat(ONLINE_RATE.band(null, 0.7, MARGINS)).isEqualTo(Band.NONE);
    assertThat(POPULATION.direction()).isEqualTo(Metric.Direction.NEUTRAL);
    assertThat(POPULATION.band(10.0, 5.0, MARGINS)).isEqualTo(Band.NONE);
    assertThat(POPULATION.attainment(10.0, 5.0)).isNull();
    assertThat(ONLINE_RATE.attainment(0.35, 0.70)).isEqualTo(0.5);
    assertThat(ONLINE_RATE.attainment(0.35, 0.0)).isNull();
  }

  @Test
  void valuesAreFormattedAsAVietnameseReaderExpects() {
    assertThat(ONLINE_RATE.format(0.842, true)).isEqualTo("84,2 %");
    assertThat(ONLINE_RATE.format(0.842, false)).isEqualTo("84.2 %");
    assertThat(ACTIVATIONS.format(38451L, true)).isEqualTo("38.451");
    assertThat(ACTIVATIONS.format(38451L, false)).isEqualTo("38,451");
    assertThat(ACTIVATIONS.format(null, true)).isEqualTo("–");
  }

  @Test
  void aNeutralMetricCannotHaveAGoal() {
    assertThatThrownBy(() -> POPULATION.withGoal(100.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eligible_population: a neutral metric has no goal");
    assertThatThrownBy(() -> ONLINE_RATE.withGoal(70.0))
        .hasMessageContaining("a rate's goal is between 0 and 1, not 70.0");
  }

  @Test
  void aUnitsFiguresComeFromSumsWithRatesRecomputed() {
    Map<String, Object> figures =
        RollUp.fromSums(
            new java.util.HashMap<>(Map.of("dossiers_online", 7L, "dossiers_total", 20L)));
    assertThat(figures.get("online_rate")).isEqualTo(0.35);
    assertThat(figures.get("dossiers_total")).isEqualTo(20L);
    assertThat(figures).containsEntry("eid_activation_rate", null);
    assertThat(figures.keySet()).startsWith("eid_applications_l1");
    assertThat(RollUp.SUMMED).contains("eid_applications_cum").doesNotContain("online_rate");
  }

  @Test
  void dailyReportStatusesAreAnEnumThatNamesABadValue() {
    assertThat(DailyReportStatus.of("LATE").label(true)).isEqualTo("Muộn");
    assertThatThrownBy(() -> DailyReportStatus.of("late"))
        .hasMessage("Cannot read daily report status 'late' (expected ON_TIME, LATE or MISSING)");
  }

  @Test
  void dataQualityVerdictsAreEvaluatedOnce() {
    var verdicts =
        DataQuality.evaluate(
            Map.of("dq_records", 100L, "dq_incorrect", 6L, "dq_incomplete", 5L, "dq_stale", 31L),
            DataQuality.DEFAULT_THRESHOLDS);
    assertThat(verdicts)
        .extracting(DataQuality.Verdict::rule)
        .containsExactlyElementsOf(DataQuality.RULES);
    assertThat(verdicts)
        .extracting(DataQuality.Verdict::overLimit)
        .containsExactly(true, false, false, true);
    assertThat(verdicts.get(2).share()).isEqualTo(0.0);
    assertThat(DataQuality.evaluate(Map.of(), DataQuality.DEFAULT_THRESHOLDS))
        .allMatch(verdict -> !verdict.known() && !verdict.overLimit());
  }
}
