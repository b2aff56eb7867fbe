package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;

/**
 * ECharts options as plain maps (serialised to JSON into a data-* attribute). Rates are sent as
 * percentages with one decimal. Each option carries a {@code da06} entry that app.js reads and
 * removes: how its values are written ({@link Format}) and whether its dates are months or days, so
 * axis labels and tooltips are formatted as the page is (38.451; 84,2 %; 07/2025 in Vietnamese).
 *
 * <p>Charts over months put their points on a time axis (a quarterly figure sits at its month, not
 * equally spaced with monthly ones) and mark the reform of the administrative units with a labelled
 * vertical line at 01/07/2025. Goal and target lines are labelled inside the plot.
 */
final class Charts {
  /** The first month of the wards after the reform: every chart over months marks it. */
  static final String REFORM_MONTH = UnitScope.REFORM_MONTH;

  private static final String REFORM_COLOUR = "#616e7c";
  private static final String REFERENCE_COLOUR = "#b42318";
  // a line's label stays readable over the bars and lines it crosses
  private static final String LABEL_BACKGROUND = "rgba(255,255,255,0.85)";

  /** How app.js writes a chart's values in its axis labels and tooltips. */
  enum Format {
    /** A percentage already multiplied by 100, one decimal: 84,2 %. */
    PERCENT,
    /** A whole number with thousands grouped: 38.451; the value axis ticks are whole. */
    COUNT,
    /** A number with at most one decimal: 2,5. */
    DECIMAL;

    static Format of(Metric metric) {
      return metric.isRate() ? PERCENT : COUNT;
    }

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private Charts() {}

  static double number(Metric metric, Object value) {
    double number = ((Number) value).doubleValue();
    return metric.isRate() ? Math.round(number * 1000) / 10.0 : number;
  }

  // ------------------------------------------------------------------ charts over months

  /**
   * Lines month by month, with a line at {@code goal} (a rate between 0 and 1) where there is one,
   * labelled with its value only: a bare number does not say whether it is a goal or a target (pass
   * the {@link Reference} to the other overload, whose label says which).
   */
  static Chart lines(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns,
      Double goal) {
    Metric judged = columns.isEmpty() ? null : Metrics.byColumn(columns.get(0)).orElse(null);
    return lines(
        id,
        title,
        lang,
        months,
        series,
        columns,
        goal == null ? null : Reference.goal(goal),
        judged,
        goal == null ? null : lang.rate(goal));
  }

  /**
   * Lines month by month, with a line at the reference (target or goal) of {@code judged}, labelled
   * with where it comes from ("chỉ tiêu của tỉnh 92,0 %, hạn 31/12/2025").
   */
  static Chart lines(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns,
      Reference reference,
      Metric judged) {
    return lines(
        id,
        title,
        lang,
        months,
        series,
        columns,
        reference,
        judged,
        reference == null || judged == null ? null : Bands.describe(lang, judged, reference));
  }

  private static Chart lines(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns,
      Reference reference,
      Metric judged,
      String referenceLabel) {
    List<Object> allSeries = new ArrayList<>();
    Format format = Format.COUNT;
    for (String column : columns) {
      Metric metric = Metrics.byColumn(column).orElseThrow();
      format = Format.of(metric);
      List<Object> data = new ArrayList<>();
      for (String month : months) {
        Object value = series.get(month).get(column);
        data.add(List.of(day(month), value == null ? "-" : number(metric, value)));
      }
      allSeries.add(
          map(
              "name",
              lang.label(metric),
              "type",
              "line",
              "data",
              data,
              "connectNulls",
              true,
              "symbolSize",
              6));
    }
    List<Object> marks = new ArrayList<>();
    if (reference != null && judged != null) {
      marks.add(referenceMark("yAxis", judged, reference, referenceLabel));
    }
    return new Chart(
        id, title, timeChart(title, lang, months, format, allSeries, marks, columns.size() > 1));
  }

  /** Bars month by month (counts): the value axis ticks are whole numbers. */
  static Chart bars(
      String id,
      String title,
      Lang lang,
      List<String> months,
      Map<String, Map<String, Object>> series,
      List<String> columns) {
    List<Object> allSeries = new ArrayList<>();
    Format format = Format.COUNT;
    for (String column : columns) {
      Metric metric = Metrics.byColumn(column).orElseThrow();
      format = Format.of(metric);
      List<Object> data = new ArrayList<>();
      for (String month : months) {
        Object value = series.get(month).get(column);
        data.add(List.of(day(month), value == null ? "-" : number(metric, value)));
      }
      allSeries.add(
          map("name", lang.label(metric), "type", "bar", "data", data, "barMaxWidth", 14));
    }
    return new Chart(
        id,
        title,
        timeChart(title, lang, months, format, allSeries, List.of(), columns.size() > 1));
  }

  private static Map<String, Object> timeChart(
      String title,
      Lang lang,
      List<String> months,
      Format format,
      List<Object> series,
      List<Object> marks,
      boolean legend) {
    List<Object> allMarks = new ArrayList<>(marks);
    if (coversReform(months)) {
      allMarks.add(reformMark(lang, day(REFORM_MONTH)));
    }
    if (!allMarks.isEmpty() && !series.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> first = (Map<String, Object>) series.get(0);
      first.put("markLine", markLine(allMarks));
    }
    Map<String, Object> valueAxis = valueAxis(format);
    return map(
        "da06", meta(format, "month", null),
        "animation", false,
        "tooltip", map("trigger", "axis", "className", "chart-tooltip", "confine", true),
        "legend", legend ? map("bottom", 0, "type", "scroll") : null,
        "grid",
            map(
                "left",
                12,
                "right",
                24,
                "top",
                28,
                "bottom",
                legend ? 40 : 12,
                "containLabel",
                true),
        "xAxis",
            map(
                "type",
                "time",
                "minInterval",
                28L * 24 * 3600 * 1000,
                "axisLabel",
                map("formatter", "{MM}/{yyyy}", "hideOverlap", true)),
        "yAxis", valueAxis,
        "series", series,
        "aria", map("enabled", true, "label", map("description", title)));
  }

  /** Whether the first month is before the reform and the last at or after it. */
  static boolean coversReform(List<String> months) {
    return !months.isEmpty()
        && months.get(0).compareTo(REFORM_MONTH) < 0
        && months.get(months.size() - 1).compareTo(REFORM_MONTH) >= 0;
  }

  /** The vertical line at the reform of the administrative units, labelled along it. */
  private static Map<String, Object> reformMark(Lang lang, Object at) {
    return map(
        "xAxis",
        at,
        "name",
        "reform",
        "label",
        map(
            "formatter",
            lang.t("chart.reform"),
            "position",
            "insideEndTop",
            "color",
            REFORM_COLOUR,
            "fontSize",
            11,
            "backgroundColor",
            LABEL_BACKGROUND,
            "padding",
            List.of(1, 3)),
        "lineStyle",
        map("color", REFORM_COLOUR, "type", "dashed", "width", 1));
  }

  /**
   * A line at a target or goal, labelled inside the plot at its start (where a rising series is
   * lowest), so the label is never cut at the edge.
   */
  private static Map<String, Object> referenceMark(
      String axis, Metric metric, Reference reference, String text) {
    return map(
        axis,
        metric.isRate() ? Math.round(reference.value() * 1000) / 10.0 : reference.value(),
        "name",
        "reference",
        "label",
        map(
            "formatter",
            Character.toUpperCase(text.charAt(0)) + text.substring(1),
            "position",
            "insideStartTop",
            "color",
            REFERENCE_COLOUR,
            "fontSize",
            11,
            "backgroundColor",
            LABEL_BACKGROUND,
            "padding",
            List.of(1, 3)),
        "lineStyle",
        map("color", REFERENCE_COLOUR, "type", "solid", "width", 1.5));
  }

  private static Map<String, Object> markLine(List<Object> data) {
    return map("symbol", "none", "silent", true, "animation", false, "data", data);
  }

  private static Map<String, Object> valueAxis(Format format) {
    return map(
        "type",
        "value",
        "max",
        format == Format.PERCENT ? (Object) 100 : null,
        "minInterval",
        format == Format.COUNT ? (Object) 1 : null,
        "axisLabel",
        map("hideOverlap", true));
  }

  private static Map<String, Object> meta(Format format, String dates, Integer valueIndex) {
    return map("format", format.code(), "dates", dates, "valueIndex", valueIndex);
  }

  /** {@code 2025-07} as {@code 2025-07-01}, a point of a time axis. */
  private static String day(String month) {
    return month + "-01";
  }

  // ------------------------------------------------------------------ other charts

  /**
   * A heatmap of {@code [x, y, value, band]} cells coloured by band (the fourth dimension), not by
   * value: {@code pieces} name each band's thresholds in the legend beneath. The metric is found by
   * the title, the metric's label, until the caller passes it.
   */
  static Chart heatmap(
      String id,
      String title,
      Lang lang,
      List<String> months,
      List<String> wards,
      List<List<Object>> data,
      List<Map<String, Object>> pieces) {
    Metric metric =
        Metrics.ALL.stream().filter(m -> lang.label(m).equals(title)).findFirst().orElse(null);
    return heatmap(id, title, lang, metric, months, wards, data, pieces);
  }

  static Chart heatmap(
      String id,
      String title,
      Lang lang,
      Metric metric,
      List<String> months,
      List<String> wards,
      List<List<Object>> data,
      List<Map<String, Object>> pieces) {
    List<String> labels = months.stream().map(lang::month).toList();
    List<Object> series = new ArrayList<>();
    series.add(
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
            map("show", false)));
    if (coversReform(months)) {
      // a line drawn by an empty series: the heatmap's own markLine has no vertical line
      series.add(
          map(
              "name",
              lang.t("chart.reform"),
              "type",
              "line",
              "data",
              List.of(),
              "z",
              10, // over the cells
              "tooltip",
              map("show", false),
              "markLine",
              markLine(List.of(reformMark(lang, lang.month(REFORM_MONTH))))));
    }
    Map<String, Object> option =
        map(
            "da06",
                meta(
                    metric == null ? Format.DECIMAL : Format.of(metric),
                    "month",
                    metric == null ? null : 2),
            "animation", false,
            "tooltip", map("position", "top", "className", "chart-tooltip", "confine", true),
            "grid", map("left", 8, "right", 16, "top", 16, "bottom", 96, "containLabel", true),
            "xAxis",
                map(
                    "type",
                    "category",
                    "data",
                    labels,
                    "splitArea",
                    map("show", true),
                    "axisLabel",
                    map("hideOverlap", true)),
            "yAxis",
                map(
                    "type",
                    "category",
                    "data",
                    wards,
                    "splitArea",
                    map("show", true),
                    "axisLabel",
                    map("width", 200, "overflow", "truncate")),
            "visualMap",
                map(
                    "type",
                    "piecewise",
                    "dimension",
                    3,
                    "seriesIndex",
                    0,
                    "pieces",
                    pieces,
                    "orient",
                    "horizontal",
                    "left",
                    "center",
                    "bottom",
                    0),
            "series", series);
    return new Chart(id, title, option, Math.max(320, 24 * wards.size() + 144));
  }

  /** Attainments in percent, one bar per label, with a line at 100 % labelled inside the plot. */
  static Chart horizontalBars(String id, String title, List<String> labels, List<Object> values) {
    return horizontalBars(id, title, labels, values, Format.PERCENT, 100.0, "100 %");
  }

  /**
   * One bar per label (values, or {@code {value, itemStyle}} where coloured by band), with a line
   * at {@code reference} (in the values' unit) labelled {@code referenceLabel} (short: the value)
   * above the plot. A percentage axis reaches 100 and the reference, so the line is never outside
   * it.
   */
  static Chart horizontalBars(
      String id,
      String title,
      List<String> labels,
      List<Object> values,
      Format format,
      Double reference,
      String referenceLabel) {
    Map<String, Object> series =
        map("name", title, "type", "bar", "data", values, "barMaxWidth", 18);
    if (reference != null) {
      series.put(
          "markLine",
          markLine(
              List.of(
                  map(
                      "xAxis",
                      reference,
                      "name",
                      "reference",
                      "label",
                      map(
                          "formatter",
                          referenceLabel,
                          "position",
                          "start", // the top: the category axis runs downwards
                          "color",
                          REFERENCE_COLOUR,
                          "fontSize",
                          11,
                          "backgroundColor",
                          LABEL_BACKGROUND,
                          "padding",
                          List.of(1, 3)),
                      "lineStyle",
                      map("color", REFERENCE_COLOUR, "type", "solid", "width", 1.5)))));
    }
    Map<String, Object> valueAxis = valueAxis(format);
    if (format == Format.PERCENT) {
      double highest = reference == null ? 100 : Math.max(100, reference);
      for (Object value : values) {
        Object number = value instanceof Map<?, ?> item ? item.get("value") : value;
        if (number instanceof Number n) {
          highest = Math.max(highest, n.doubleValue());
        }
      }
      valueAxis.put("max", Math.ceil(highest / 10) * 10);
    }
    Map<String, Object> option =
        map(
            "da06", meta(format, null, null),
            "animation", false,
            "tooltip",
                map(
                    "trigger",
                    "axis",
                    "axisPointer",
                    map("type", "shadow"),
                    "className",
                    "chart-tooltip",
                    "confine",
                    true),
            "grid", map("left", 8, "right", 32, "top", 28, "bottom", 8, "containLabel", true),
            "xAxis", valueAxis,
            "yAxis",
                map(
                    "type",
                    "category",
                    "data",
                    labels,
                    "inverse",
                    true,
                    "axisLabel",
                    map("width", 200, "overflow", "truncate")),
            "series", List.of(series));
    return new Chart(id, title, option, Math.max(200, 26 * labels.size() + 60));
  }

  /** Days of daily reports, stacked by on time, late, missing. */
  static Chart stackedDays(String id, Lang lang, Map<String, long[]> perDay) {
    List<String> days = new ArrayList<>();
    List<List<Long>> values = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    String reformDay = null;
    for (Map.Entry<String, long[]> entry : perDay.entrySet()) {
      String label = lang.date(java.time.LocalDate.parse(entry.getKey()));
      if (entry.getKey().equals(REFORM_MONTH + "-01")) {
        reformDay = label;
      }
      days.add(label);
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
    if (reformDay != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> first = (Map<String, Object>) series.get(0);
      first.put("markLine", markLine(List.of(reformMark(lang, reformDay))));
    }
    Map<String, Object> option =
        map(
            "da06",
            meta(Format.COUNT, "day", null),
            "animation",
            false,
            "tooltip",
            map("trigger", "axis", "className", "chart-tooltip", "confine", true),
            "legend",
            map("bottom", 0),
            "grid",
            map("left", 12, "right", 16, "top", 24, "bottom", 40, "containLabel", true),
            "xAxis",
            map("type", "category", "data", days, "axisLabel", map("hideOverlap", true)),
            "yAxis",
            valueAxis(Format.COUNT),
            "series",
            series);
    return new Chart(id, lang.t("nav.daily"), option);
  }

  // ------------------------------------------------------------------ sparkline

  private static final int SPARK_WIDTH = 120;
  private static final int SPARK_HEIGHT = 32;

  /**
   * A headline card's sparkline: the last 12 months (or fewer) of a metric as a tiny line without
   * axes, drawn on the server as inline SVG (no script, nothing to load, prints as it shows). Its
   * title says the first and last months and values in the page's format; the last point is marked.
   * Null values are left out (the line joins the months around them); where fewer than two months
   * have a value the element is empty.
   *
   * @param months months as {@code yyyy-MM}, oldest first, the same length as {@code values}
   * @param values the metric's values (rates between 0 and 1, or counts), null where unknown
   */
  static String sparkline(
      String id, Lang lang, Metric metric, List<String> months, List<? extends Number> values) {
    if (months.size() != values.size()) {
      throw new IllegalArgumentException(
          "Cannot draw sparkline "
              + id
              + ": "
              + months.size()
              + " months but "
              + values.size()
              + " values");
    }
    int from = Math.max(0, months.size() - 12);
    List<Integer> known = new ArrayList<>();
    for (int i = from; i < months.size(); i++) {
      if (values.get(i) != null) {
        known.add(i);
      }
    }
    StringBuilder out =
        new StringBuilder("<svg class=\"sparkline\" id=\"")
            .append(Html.esc(id))
            .append("\" data-sparkline=\"")
            .append(known.size())
            .append("\" viewBox=\"0 0 ")
            .append(SPARK_WIDTH)
            .append(' ')
            .append(SPARK_HEIGHT)
            .append("\" width=\"")
            .append(SPARK_WIDTH)
            .append("\" height=\"")
            .append(SPARK_HEIGHT)
            .append("\" role=\"img\" preserveAspectRatio=\"none\"");
    if (known.size() < 2) {
      return out.append(" aria-hidden=\"true\"></svg>").toString();
    }
    int firstIndex = known.get(0);
    int lastIndex = known.get(known.size() - 1);
    String summary =
        lang.label(metric)
            + ": "
            + lang.month(months.get(firstIndex))
            + " "
            + lang.value(metric, values.get(firstIndex))
            + " → "
            + lang.month(months.get(lastIndex))
            + " "
            + lang.value(metric, values.get(lastIndex));
    out.append(" aria-label=\"").append(Html.esc(summary)).append("\"><title>");
    out.append(Html.esc(summary)).append("</title>");
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (int i : known) {
      double value = values.get(i).doubleValue();
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    double span = high - low == 0 ? 1 : high - low;
    int slots = Math.max(1, months.size() - 1 - from);
    StringBuilder points = new StringBuilder();
    double lastX = 0;
    double lastY = 0;
    for (int i : known) {
      lastX = 2 + (SPARK_WIDTH - 4) * (i - from) / (double) slots;
      lastY = 3 + (SPARK_HEIGHT - 6) * (1 - (values.get(i).doubleValue() - low) / span);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", lastX, lastY));
    }
    out.append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"")
        .append(" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"")
        .append(points.toString().trim())
        .append("\"/>");
    out.append(
        String.format(
            Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"currentColor\"/>",
            lastX,
            lastY));
    return out.append("</svg>").toString();
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
