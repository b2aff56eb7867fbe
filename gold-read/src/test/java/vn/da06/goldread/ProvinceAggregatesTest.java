package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server answers before the province figures are computed (they are computed on a background
 * thread after a load): an answer from a province's month rows must equal the one from the
 * precomputed figures.
 */
class ProvinceAggregatesTest {

  @Test
  void aProvinceAnsweredBeforeThePrecomputeGetsTheSameFiguresAsAfter() {
    GoldData before = FakeKpiStore.small().current();
    GoldData after = FakeKpiStore.small().current();
    ((InMemoryGold) after).precompute();
    List<String> fromRows = answers(before);
    assertThat(answers(after)).isEqualTo(fromRows);
    // Lạng Sơn's July: 06325 (10 dossiers, 1 online) and 06400 (30, 27) in both views, so 40 and
    // 28.
    assertThat(fromRows)
        .anyMatch(
            answer ->
                answer.startsWith("CURRENT|2025-07|20 ")
                    && answer.contains("wardCount=2")
                    && answer.contains("dossiers_total=40")
                    && answer.contains("dossiers_online=28"));
  }

  private static List<String> answers(GoldData gold) {
    List<String> answers = new ArrayList<>();
    for (String province : List.of("20", "01")) {
      UnitScope scope = gold.unit(province).orElseThrow();
      for (WardView view : WardView.values()) {
        for (String month : gold.months(view)) {
          answers.add(
              view + "|" + month + "|" + province + " " + gold.aggregate(view, scope, month));
        }
      }
    }
    return answers;
  }
}
