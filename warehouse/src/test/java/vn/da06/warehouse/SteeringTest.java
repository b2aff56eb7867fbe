package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteeringTest {
  private static final Metric ONLINE = Metrics.require("online_rate");
  private static final Metric CLEAN = Metrics.require("dq_clean_rate");

  @Test
  void readsWeightsAndWardVisibilityPerProvince(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("steering.yaml");
    Files.writeString(
        file,
        """
        scorecard:
          weights:
            online_rate: 2
            dq_clean_rate: 0
        provinces:
          "20":
            ward_users_see_other_wards: true
          "01":
            ward_users_see_other_wards: false
        """);
    Steering steering = Steering.load(file);
    assertThat(steering.weight(ONLINE)).isEqualTo(2.0);
    assertThat(steering.weight(CLEAN)).isEqualTo(0.0);
    assertThat(steering.weight(Metrics.require("on_time_rate"))).isEqualTo(1.0);
    assertThat(steering.wardUsersSeeOtherWards("20")).isTrue();
    assertThat(steering.wardUsersSeeOtherWards("01")).isFalse();
    assertThat(steering.wardUsersSeeOtherWards("02")).isFalse();
    assertThat(Steering.DEFAULT.wardUsersSeeOtherWards("20")).isFalse();
    assertThat(Steering.DEFAULT.weight(ONLINE)).isEqualTo(1.0);
  }

  @Test
  void theExampleFileIsValid() {
    Path example =
        Path.of(System.getProperty("basedir", "."), "..", "config", "steering.example.yaml");
    Steering steering = Steering.load(example);
    assertThat(steering.wardUsersSeeOtherWards("20")).isFalse();
    assertThat(steering.weights().keySet())
        .containsExactlyInAnyOrderElementsOf(
            Headline.metrics().stream().map(Metric::column).toList());
  }

  @Test
  void errorsNameTheFileTheEntryAndTheFix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("steering.yaml");
    Files.writeString(file, "scorecard:\n  weights:\n    online_rate: -1\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("scorecard.weights.online_rate")
        .hasMessageContaining("write a number 0 or above");
    Files.writeString(file, "scorecard:\n  weights:\n    dossiers_total: 1\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining("scorecard.weights.dossiers_total is not a headline indicator")
        .hasMessageContaining("online_rate");
    Files.writeString(file, "provinces:\n  \"20\":\n    ward_users_see_other_wards: yes please\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining("provinces.20.ward_users_see_other_wards")
        .hasMessageContaining("is not true or false");
    Files.writeString(file, "provinces:\n  \"20\":\n    see_others: true\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining("unknown entry 'provinces.20.see_others'")
        .hasMessageContaining("provinces.20.ward_users_see_other_wards");
    Files.writeString(file, "weights:\n  online_rate: 1\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining("unknown entry 'weights'")
        .hasMessageContaining("scorecard");
    Files.writeString(file, "provinces:\n  20x:\n    ward_users_see_other_wards: true\n");
    assertThatThrownBy(() -> Steering.load(file))
        .hasMessageContaining("provinces.20x is not a province code");
  }
}
