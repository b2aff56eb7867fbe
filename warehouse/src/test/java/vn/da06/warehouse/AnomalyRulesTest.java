package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thresholds of gold.anomalies: defaults, the YAML file, the sentences. */
class AnomalyRulesTest {

  @TempDir Path dir;

  @Test
  void theExampleFileHoldsTheDefaults() {
    Path example =
        Path.of(System.getProperty("da06.project.dir", ".."))
            .resolve("config/anomalies.example.yaml");
    assertThat(AnomalyRules.load(example)).isEqualTo(AnomalyRules.DEFAULT);
  }

  @Test
  void aFileOverridesWhatItNamesAndKeepsTheRest() throws IOException {
    Path file = dir.resolve("anomalies.yaml");
    Files.writeString(file, "anomalies:\n  history_z: 4.5\n  report_provisional: true\n");
    AnomalyRules rules = AnomalyRules.load(file);
    assertThat(rules.historyZ()).isEqualTo(4.5);
    assertThat(rules.reportProvisional()).isTrue();
    assertThat(rules.minChange()).isEqualTo(AnomalyRules.DEFAULT.minChange());
  }

  @Test
  void aWrongEntryIsNamed() throws IOException {
    Path file = dir.resolve("anomalies.yaml");
    Files.writeString(file, "anomalies:\n  histroy_z: 4.5\n");
    assertThatThrownBy(() -> AnomalyRules.load(file)).hasMessageContaining("anomalies.histroy_z");
    Files.writeString(file, "anomalies:\n  metrics: [online_rate]\n");
    assertThatThrownBy(() -> AnomalyRules.load(file)).hasMessageContaining("online_rate");
  }

  @Test
  void aTargetExpectsItsMonthlyCountAndWhatACampaignAlsoMoves() {
    assertThat(AnomalyRules.DEFAULT.expectedBy("eid_activations_l2_cum"))
        .contains("eid_activations_l2", "eid_applications_l2");
    assertThat(AnomalyRules.DEFAULT.expectedBy("online_rate")).containsExactly("dossiers_online");
  }

  @Test
  void anAnomalyOnAPartOfAHeadlineRateIsOnThatHeadline() {
    assertThat(AnomalyRules.headlineOf("dossiers_online").map(Metric::column))
        .contains("online_rate");
    assertThat(AnomalyRules.headlineOf("eligible_population").map(Metric::column))
        .contains("eid_l2_coverage_rate");
    assertThat(AnomalyRules.headlineOf("eid_activations_l2").map(Metric::column))
        .contains("eid_activations_l2");
    assertThat(AnomalyRules.headlineOf(AnomalyRules.DAILY_REPORT)).isEmpty();
  }

  @Test
  void theReasonReadsAsTheChairWouldSayIt() {
    AnomalyReasons.Finding surge =
        new AnomalyReasons.Finding(
            "06001",
            "2026-10",
            "month",
            "eid_activations_l2",
            AnomalyRules.WARD_HISTORY,
            1240,
            100.0,
            180.0,
            40.0,
            138.0,
            null,
            null,
            12);
    assertThat(AnomalyReasons.vi(surge))
        .isEqualTo("Kích hoạt mức 2 tháng 10/2026: 1.240, gấp 9 lần trung vị 12 tháng (138)");
    assertThat(AnomalyReasons.en(surge))
        .isEqualTo("Level-2 activations in 10/2026: 1,240, 9 times the 12-month median (138)");
    AnomalyReasons.Finding shift =
        new AnomalyReasons.Finding(
            "06001",
            "2026-09",
            "month",
            "eligible_population",
            AnomalyRules.POPULATION_SHIFT,
            8100,
            null,
            null,
            -0.32,
            11900.0,
            null,
            null,
            12);
    assertThat(AnomalyReasons.vi(shift)).contains("8.100").contains("giảm 32 %").contains("11.900");
  }
}
