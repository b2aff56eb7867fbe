package vn.da06.bench.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrinoBenchTest {

  @Test
  void reportsNearestRankPercentilesInTheSharedFigureFormat() {
    assertThat(TrinoBench.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5))
        .isEqualTo(5);
    assertThat(TrinoBench.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9))
        .isEqualTo(9);
    assertThat(TrinoBench.figure("trino.q01.median_ms", 1234.56, true))
        .containsExactly(
            Map.entry("name", "trino.q01.median_ms"),
            Map.entry("value", 1234.6),
            Map.entry("unit", "ms"),
            Map.entry("reference", 1000.0),
            Map.entry("ratio", 1.235),
            Map.entry("goal", TrinoBench.GOAL),
            Map.entry("met", false));
  }
}
