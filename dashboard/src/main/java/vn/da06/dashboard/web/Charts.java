package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * ECharts options as plain maps (serialised to JSON into a data-* attribute). Rates are sent as
 * percentages with one decimal, so no formatter function is needed in the browser.
 */
final class Charts {
  private Charts() {}

  static double number(Metric metric, Object value) {
    double number = ((Number) value).doubleValue();
    return metric.isRate() ? Math.round(number * 1000) / 10.0 : number;
  }

  static Chart lines(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns,
      Double goal) {
    List<Object> allSeries = new ArrayList<>();
    boolean rates = false;
    for (String column : columns) {
      Metric metric = Metrics.byColumn(column).orElseThrow();
      rates |= metric.isRate();
      List<Object> data = new ArrayList<>();
      for (String month : months) {
        Object value = series.get(month).get(column);
        data.add(value == null ? null : number(metric, value));
      }
      Map<String, Object> line =
          map("name", lang.label(metric), "type", "line", "data", data, "connectNulls", true);
      if (goal != null && allSeries.isEmpty()) {
        line.put(
            "markLine",
            map(
                "symbol",
                "none",
                "data",
                List.of(map("yAxis", goal * 100, "name", lang.t("online.goal"))),
                "lineStyle",
                map("color", "#c0392b")));
      }
      allSeries.add(line);
    }
    return new Chart(id, title, base(title, lang, months, rates, allSeries));
  }

  static Chart bars(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns) {
    List<Object> allSeries = new ArrayList<>();
    for (String column : columns) {
      Metric metric = Metrics.byColumn(column).orElseThrow();
      List<Object> data = new ArrayList<>();
      for (String month : months) {
        data.add(series.get(month).get(column));
      }
      allSeries.add(map("name", lang.label(metric), "type", "bar", "data", data));
    }
    return new Chart(id, title, base(title, lang, months, false, allSeries));
  }

  private static Map<String, Object> base(
      String title, Lang lang, List<String> months, boolean percent, List<Object> series) {
    List<String> labels = months.stream().map(lang::month).toList();
    return map(
        "tooltip", map("trigger", "axis"),
        "legend", map("bottom", 0),
        "grid", map("left", 56, "right", 16, "top", 24, "bottom", 56),
        "xAxis", map("type", "category", "data", labels),
        "yAxis",
            map("type", "value", "name", percent ? "%" : "", "max", percent ? (Object) 100 : null),
        "series", series,
        "aria", map("enabled", true, "label", map("description", title)));
  }

  /**
   * A heatmap of {@code [x, y, value, band]} cells coloured by band (the fourth dimension), not by
   * value: {@code pieces} name each band's thresholds in the legend beneath.
   */
  static Chart heatmap(
      String id,
      String title,
      Lang lang,
      List<String> months,
      List<String> wards,
      List<List<Object>> data,
      List<Map<String, Object>> pieces) {
    Map<String, Object> option =
        map(
            "tooltip", map("position", "top"),
            "grid", map("left", 200, "right", 16, "top", 16, "bottom", 96),
            "xAxis",
                map(
                    "type",
                    "category",
                    "data",
                    months.stream().map(lang::month).toList(),
                    "splitArea",
                    map("show", true)),
            "yAxis", map("type", "category", "data", wards, "splitArea", map("show", true)),
            "visualMap",
                map(
                    "type",
                    "piecewise",
                    "dimension",
                    3,
                    "pieces",
                    pieces,
                    "orient",
                    "horizontal",
                    "left",
                    "center",
                    "bottom",
                    0),
            "series",
                List.of(
                    map(
                        "name",
                        title,
                        "type",
                        "heatmap",
                        "data",
                        data,
                        "encode",
                        map("x", 0, "y", 1, "value", 2, "tooltip", 2),
                        "label",
                        map("show", false))));
    return new Chart(id, title, option, Math.max(320, 24 * wards.size() + 144));
  }

  static Chart horizontalBars(String id, String title, List<String> labels, List<Object> values) {
    Map<String, Object> option =
        map(
            "tooltip", map("trigger", "axis"),
            "grid", map("left", 220, "right", 24, "top", 16, "bottom", 32),
            "xAxis", map("type", "value", "name", "%"),
            "yAxis", map("type", "category", "data", labels, "inverse", true),
            "series",
                List.of(
                    map(
                        "name",
                        title,
                        "type",
                        "bar",
                        "data",
                        values,
                        "markLine",
                        map("symbol", "none", "data", List.of(map("xAxis", 100))))));
    return new Chart(id, title, option, Math.max(240, 22 * labels.size() + 60));
  }

  /**
   * Bars of percentages, each {@code {value, itemStyle}} where coloured by its band, with a line at
   * the reference where there is one.
   */
  static Chart verticalBars(
      String id, String title, List<String> labels, List<Object> values, Double reference) {
    Map<String, Object> series = map("name", title, "type", "bar", "data", values);
    if (reference != null) {
      series.put(
          "markLine",
          map(
              "symbol",
              "none",
              "data",
              List.of(map("yAxis", Math.round(reference * 1000) / 10.0))));
    }
    Map<String, Object> option =
        map(
            "tooltip", map("trigger", "axis"),
            "grid", map("left", 48, "right", 16, "top", 24, "bottom", 48),
            "xAxis", map("type", "category", "data", labels, "axisLabel", map("rotate", 60)),
            "yAxis", map("type", "value", "name", "%", "max", 100),
            "series", List.of(series));
    return new Chart(id, title, option);
  }

  static Chart stackedDays(String id, Lang lang, Map<String, long[]> perDay) {
    List<String> days = new ArrayList<>();
    List<List<Long>> values = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Map.Entry<String, long[]> entry : perDay.entrySet()) {
      days.add(lang.date(java.time.LocalDate.parse(entry.getKey())));
      for (int i = 0; i < 3; i++) {
        values.get(i).add(entry.getValue()[i]);
      }
    }
    String[] names = {lang.t("daily.ontime"), lang.t("daily.late"), lang.t("daily.missing")};
    String[] colors = {"#1a9850", "#f39c12", "#d73027"};
    List<Object> series = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      series.add(
          map(
              "name",
              names[i],
              "type",
              "bar",
              "stack",
              "days",
              "data",
              values.get(i),
              "itemStyle",
              map("color", colors[i])));
    }
    Map<String, Object> option =
        map(
            "tooltip",
            map("trigger", "axis"),
            "legend",
            map("bottom", 0),
            "grid",
            map("left", 48, "right", 16, "top", 24, "bottom", 72),
            "xAxis",
            map("type", "category", "data", days),
            "yAxis",
            map("type", "value"),
            "series",
            series);
    return new Chart(id, lang.t("nav.daily"), option);
  }

  /**
   * A map keeping insertion order that leaves out null values (ECharts treats a missing key as
   * default).
   */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }
}
