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

  @Test
  void aUnitsFullyOnlineRateCountsOnlyTheWardsWithAValue() {
    // 06325's exports carry online_scope: 3 of 10 dossiers toàn trình. 06328's do not: NULL, and
    // its 90 dossiers must not dilute the unit's rate to 3 %.
    KpiRow known =
        row(
            "06325",
            "2025-07",
            Map.of(
                "dossiers_total",
                10L,
                "dossiers_online_full",
                3L,
                "dossiers_total_with_scope",
                10L,
                "dossiers_resolved",
                4L,
                "dossiers_resolved_digitized",
                1L,
                "dossiers_resolved_with_digitization",
                4L));
    java.util.LinkedHashMap<String, Object> values =
        new java.util.LinkedHashMap<>(
            row("06328", "2025-07", Map.of("dossiers_total", 90L)).values());
    for (String column :
        List.of(
            "dossiers_online_full",
            "dossiers_total_with_scope",
            "dossiers_fee_paid_online",
            "dossiers_fee_paid",
            "dossiers_resolved_digitized",
            "dossiers_resolved_with_digitization",
            "online_full_rate",
            "online_payment_rate",
            "digitized_result_rate")) {
      values.put(column, null);
    }
    KpiRow unknown = new KpiRow("06328", "2025-07", "20", null, values);

    Map<String, Object> unit = Aggregation.aggregate(List.of(known, unknown));

    assertThat(unit.get("dossiers_total")).isEqualTo(100L);
    assertThat(unit.get("dossiers_online_full")).isEqualTo(3L);
    assertThat(unit.get("online_full_rate")).isEqualTo(0.3);
    assertThat(unit.get("digitized_result_rate")).isEqualTo(0.25);
    // No fee figure in either ward: NULL, not 0 %.
    assertThat(unit.get("dossiers_fee_paid")).isEqualTo(0L);
    assertThat(unit.get("online_payment_rate")).isNull();
    assertThat(Aggregation.aggregate(List.of(unknown)).get("online_full_rate")).isNull();
    assertThat(Aggregation.aggregate(List.of(unknown)).get("dossiers_online_full")).isNull();
  }
}
