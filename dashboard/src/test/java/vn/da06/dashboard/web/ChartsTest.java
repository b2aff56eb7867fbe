package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

class ChartsTest {
  private static Map<String, Map<String, Object>> series(String column, Object... monthsAndValues) {
    Map<String, Map<String, Object>> series = new LinkedHashMap<>();
    for (int i = 0; i < monthsAndValues.length; i += 2) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(column, monthsAndValues[i + 1]);
      series.put((String) monthsAndValues[i], row);
    }
    return series;
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      current =
          step instanceof Integer index
              ? ((List<Object>) current).get(index)
              : ((Map<String, Object>) current).get(step);
    }
    return (T) current;
  }

  @Test
  void quarterlyPointsSitAtTheirMonthsOnATimeAxis() {
    List<String> months = List.of("2024-12", "2025-03", "2025-06", "2025-09");
    Chart chart =
        Charts.lines(
            "q",
            "Sạch",
            Lang.VI,
            months,
            series(
                "dq_clean_rate", "2024-12", 0.9, "2025-03", 0.91, "2025-06", 0.95, "2025-09", 0.96),
            List.of("dq_clean_rate"),
            null);

    assertThat((String) at(chart.option(), "xAxis", "type")).isEqualTo("time");
    List<List<Object>> data = at(chart.option(), "series", 0, "data");
    assertThat(data.stream().map(point -> point.get(0)))
        .containsExactly("2024-12-01", "2025-03-01", "2025-06-01", "2025-09-01");
    assertThat(data.get(2).get(1)).isEqualTo(95.0);
    assertThat((String) at(chart.option(), "da06", "format")).isEqualTo("percent");
  }

  @Test
  void aChartOverTheReformMarksItWithALabelledLineInThePagesLanguage() {
    for (Lang lang : Lang.values()) {
      Chart chart =
          Charts.bars(
              "b",
              "Hồ sơ",
              lang,
              List.of("2025-06", "2025-07"),
              series("eid_applications_l2", "2025-06", 10L, "2025-07", 12L),
              List.of("eid_applications_l2"));

      List<Map<String, Object>> marks = at(chart.option(), "series", 0, "markLine", "data");
      assertThat(marks).hasSize(1);
      assertThat(marks.get(0).get("xAxis")).isEqualTo("2025-07-01");
      assertThat((String) at(marks.get(0), "label", "formatter"))
          .isEqualTo(lang == Lang.VI ? "Sắp xếp ĐVHC 01/07/2025" : "Admin reform 01/07/2025");
    }
    Chart after =
        Charts.bars(
            "b",
            "Hồ sơ",
            Lang.VI,
            List.of("2025-07", "2025-08"),
            series("eid_applications_l2", "2025-07", 10L, "2025-08", 12L),
            List.of("eid_applications_l2"));
    assertThat((Object) at(after.option(), "series", 0, "markLine")).isNull();
  }

  @Test
  void countsTickInWholeNumbersAndRatesStopAtAHundred() {
    Chart counts =
        Charts.bars(
            "b",
            "Hồ sơ",
            Lang.VI,
            List.of("2025-06"),
            series("eid_applications_l2", "2025-06", 3L),
            List.of("eid_applications_l2"));
    Chart rates =
        Charts.lines(
            "l",
            "Tỷ lệ",
            Lang.VI,
            List.of("2025-06"),
            series("online_rate", "2025-06", 0.5),
            List.of("online_rate"),
            null);

    assertThat((Object) at(counts.option(), "yAxis", "minInterval")).isEqualTo(1);
    assertThat((String) at(counts.option(), "da06", "format")).isEqualTo("count");
    assertThat((Object) at(rates.option(), "yAxis", "max")).isEqualTo(100);
  }

  @Test
  void theReferenceLineIsLabelledInsideThePlotWithWhereItComesFrom() {
    Reference target =
        new Reference(
            0.8, Reference.Source.PROVINCE_TARGET, java.time.LocalDate.of(2026, 12, 31), "C");
    Chart chart =
        Charts.lines(
            "o",
            "Trực tuyến",
            Lang.VI,
            List.of("2026-09", "2026-10"),
            series("online_rate", "2026-09", 0.7, "2026-10", 0.72),
            List.of("online_rate"),
            target,
            Metrics.require("online_rate"));

    Map<String, Object> mark = at(chart.option(), "series", 0, "markLine", "data", 0);
    assertThat(mark.get("yAxis")).isEqualTo(80.0);
    assertThat((String) at(mark, "label", "position")).isEqualTo("insideStartTop");
    assertThat((String) at(mark, "label", "formatter"))
        .isEqualTo("Chỉ tiêu của tỉnh 80,0 %, hạn 31/12/2026");
  }

  @Test
  void aBareGoalIsLabelledWithItsValueOnly() {
    Chart chart =
        Charts.lines(
            "o",
            "Trực tuyến",
            Lang.EN,
            List.of("2026-09"),
            series("online_rate", "2026-09", 0.7),
            List.of("online_rate"),
            0.7);

    assertThat(
            (String) at(chart.option(), "series", 0, "markLine", "data", 0, "label", "formatter"))
        .isEqualTo("70.0 %");
  }

  @Test
  void aPercentageBarChartReachesItsReferenceLine() {
    Chart chart =
        Charts.horizontalBars("t", "Đạt", List.of("A", "B"), new ArrayList<>(List.of(40.0, 55.5)));

    assertThat((Object) at(chart.option(), "xAxis", "max")).isEqualTo(100.0);
    assertThat((Object) at(chart.option(), "series", 0, "markLine", "data", 0, "xAxis"))
        .isEqualTo(100.0);
  }

  @Test
  void aSparklineIsATinyLineOfTheLastTwelveMonthsTitledInThePagesFormat() {
    List<String> months = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int month = 1; month <= 14; month++) {
      months.add(String.format("2025-%02d", Math.min(month, 12)));
      values.add(month == 5 ? null : 0.5 + month / 100.0);
    }
    months.set(12, "2026-01");
    months.set(13, "2026-02");

    String svg = Charts.sparkline("s", Lang.VI, Metrics.require("online_rate"), months, values);

    // months 3..14 are the last twelve; month 5 has no value: 11 points
    String points = svg.replaceAll("(?s).*points=\"([^\"]*)\".*", "$1");
    assertThat(points.split(" ")).hasSize(11);
    assertThat(svg).contains("data-sparkline=\"11\"");
    assertThat(svg).contains("03/2025 53,0 % → 02/2026 64,0 %");
    assertThat(svg).doesNotContain("<text").doesNotContain("<line");
  }

  @Test
  void aSparklineWithFewerThanTwoValuesIsEmpty() {
    String svg =
        Charts.sparkline(
            "s",
            Lang.EN,
            Metrics.require("eid_activations_l2"),
            List.of("2026-01", "2026-02"),
            Arrays.asList(null, 38451L));

    assertThat(svg).contains("data-sparkline=\"1\"").doesNotContain("polyline");
    assertThatThrownBy(
            () ->
                Charts.sparkline(
                    "s",
                    Lang.EN,
                    Metrics.require("eid_activations_l2"),
                    List.of("2026-01"),
                    List.of(1L, 2L)))
        .hasMessageContaining("1 months but 2 values");
  }
}
