package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.da06.goldread.FakeKpiStore.row;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Metrics;

class AggregationTest {

  @Test
  void recomputesARateFromSummedNumeratorAndDenominatorInsteadOfAveragingWardRates() {
    List<KpiRow> wards =
        List.of(
            row("06325", "2025-07", Map.of("dossiers_total", 1L, "dossiers_online", 1L)),
            row("06328", "2025-07", Map.of("dossiers_total", 9L, "dossiers_online", 0L)));

    Map<String, Object> unit = Aggregation.aggregate(wards);

    assertThat(unit.get("dossiers_total")).isEqualTo(10L);
    assertThat(unit.get("dossiers_online")).isEqualTo(1L);
    assertThat((Double) unit.get("online_rate"))
        .isEqualTo(0.1); // the mean of 100% and 0% would be 50%
  }

  @Test
  void usesTheHelperCountsAsDenominatorsAndLeavesARateNullWhenNothingIsCounted() {
    List<KpiRow> wards =
        List.of(
            row(
                "06325",
                "2025-07",
                Map.of(
                    "eid_activations_cum",
                    3L,
                    "eid_applications_cum",
                    4L,
                    "dossiers_resolved_on_time",
                    2L,
                    "dossiers_resolved",
                    9L,
                    "dossiers_resolved_with_due",
                    3L)),
            row("06328", "2025-07", Map.of("eid_activations_cum", 1L, "eid_applications_cum", 4L)));

    Map<String, Object> unit = Aggregation.aggregate(wards);

    assertThat(unit.get("eid_activation_rate")).isEqualTo(0.5);
    assertThat((Double) unit.get("on_time_rate")).isEqualTo(2.0 / 3);
    assertThat(unit.get("online_rate")).isNull();
    assertThat(unit.keySet())
        .containsAll(Metrics.ALL.stream().map(m -> m.column()).toList())
        .containsAll(Metrics.HELPER_COUNTS);
  }

  @Test
  void aCountNullInEveryWardStaysNull() {
    java.util.LinkedHashMap<String, Object> values =
        new java.util.LinkedHashMap<>(row("06325", "2025-07", Map.of()).values());
    values.put("dq_records", null);
    values.put("dq_clean_records", null);
    KpiRow noSnapshot = new KpiRow("06325", "2025-07", "20", null, values);

    Map<String, Object> unit = Aggregation.aggregate(List.of(noSnapshot));

    assertThat(unit.get("dq_records")).isNull();
    assertThat(unit.get("dq_clean_rate")).isNull();
  }
}
