package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalsTest {

  private static final Metric ONLINE_RATE = Metrics.require("online_rate");
  private static final Metric CLEAN_RATE = Metrics.require("dq_clean_rate");

  @Test
  void aWardOverrideBeatsItsProvinceWhichBeatsTheNationalGoal(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("goals.yaml");
    Files.writeString(
        file,
        """
        goals:
          dq_clean_rate: 0.95
        units:
          "20":
            online_rate: 0.75
          "06325":
            online_rate: 0.80
        bands:
          rate_margin_points: 0.03
        """);
    Goals goals = Goals.load(file);
    assertThat(goals.goal(ONLINE_RATE, "06325", "20")).hasValue(0.80);
    assertThat(goals.goal(ONLINE_RATE, "06328", "20")).hasValue(0.75);
    assertThat(goals.goal(ONLINE_RATE, "01001", "01")).hasValue(0.70);
    assertThat(goals.goal(CLEAN_RATE)).hasValue(0.95);
    assertThat(Goals.DEFAULT.goal(CLEAN_RATE)).isEmpty();
    assertThat(goals.margins()).isEqualTo(new Band.Margins(0.03, 0.90));
    assertThat(goals.band(ONLINE_RATE, 0.66, 0.70)).isEqualTo(Band.BEHIND);
    assertThat(Goals.DEFAULT.band(ONLINE_RATE, 0.66, 0.70)).isEqualTo(Band.CLOSE);
  }

  @Test
  void aBadGoalsFileNamesTheEntryAndTheFix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("goals.yaml");
    Files.writeString(file, "goals:\n  online_rate: 70\n");
    assertThatThrownBy(() -> Goals.load(file))
        .hasMessage(
            "Cannot read goals file "
                + file
                + ": goals.online_rate = 70.0 is not a fraction between 0 and 1 (write 70 % as 0.70)");
    Files.writeString(file, "units:\n  \"20\":\n    online: 0.7\n");
    assertThatThrownBy(() -> Goals.load(file))
        .hasMessageContaining("units.20.online is not a gold metric");
    Files.writeString(file, "unit:\n  \"20\": {}\n");
    assertThatThrownBy(() -> Goals.load(file))
        .hasMessageContaining("unknown entry 'unit' (expected goals, units or bands)");
    Files.writeString(file, "goals:\n  eligible_population: 10\n");
    assertThatThrownBy(() -> Goals.load(file)).hasMessageContaining("it takes no goal");
  }

  @Test
  void theReferenceIsTheUnitsTargetElseTheProvincesElseTheGoal() {
    LocalDate deadline = LocalDate.of(2026, 12, 31);
    Optional<Reference> unit =
        Optional.of(new Reference(0.8, Reference.Source.UNIT_TARGET, deadline, "Chiến dịch"));
    Optional<Reference> province =
        Optional.of(new Reference(0.75, Reference.Source.PROVINCE_TARGET, deadline, "Tỉnh"));
    assertThat(Reference.choose(unit, province, Optional.of(0.7))).isEqualTo(unit);
    assertThat(Reference.choose(Optional.empty(), province, Optional.of(0.7))).isEqualTo(province);
    assertThat(Reference.choose(Optional.empty(), Optional.empty(), Optional.of(0.7)))
        .hasValue(Reference.goal(0.7));
    assertThat(Reference.choose(Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
  }
}
