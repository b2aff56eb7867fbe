package vn.da06.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.da06.warehouse.Metric;

/**
 * A 12-month trend as a tiny inline SVG line (no script, no chart library: a headline card must
 * draw on a phone before ECharts has loaded). Months without a figure are skipped (a quarterly
 * figure joins its quarters); the last point is marked; the title gives the first and last values
 * in the page's number format.
 */
final class Sparkline {
  static final int WIDTH = 120;
  static final int HEIGHT = 28;

  private Sparkline() {}

  static String svg(Lang lang, Metric metric, List<Number> values) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    int known = 0;
    for (Number value : values) {
      if (value != null) {
        min = Math.min(min, value.doubleValue());
        max = Math.max(max, value.doubleValue());
        known++;
      }
    }
    if (known < 2) {
      return "";
    }
    double span = max - min == 0 ? 1 : max - min;
    double step = (WIDTH - 4) / (double) Math.max(1, values.size() - 1);
    List<String> segments = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    double lastX = 0;
    double lastY = 0;
    Number first = null;
    Number last = null;
    for (int i = 0; i < values.size(); i++) {
      Number value = values.get(i);
      if (value == null) {
        continue;
      }
      first = first == null ? value : first;
      last = value;
      lastX = 2 + i * step;
      lastY = HEIGHT - 3 - (value.doubleValue() - min) / span * (HEIGHT - 6);
      segment.append(segment.length() == 0 ? "M" : " L").append(xy(lastX, lastY));
    }
    if (segment.length() > 0) {
      segments.add(segment.toString());
    }
    String title =
        (lang == Lang.VI ? "12 tháng: " : "12 months: ")
            + lang.value(metric, first)
            + " → "
            + lang.value(metric, last);
    return "<svg class=\"spark\" viewBox=\"0 0 "
        + WIDTH
        + " "
        + HEIGHT
        + "\" width=\""
        + WIDTH
        + "\" height=\""
        + HEIGHT
        + "\" role=\"img\" aria-label=\""
        + Html.esc(title)
        + "\"><title>"
        + Html.esc(title)
        + "</title><path d=\""
        + String.join(" ", segments)
        + "\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/><circle cx=\""
        + fmt(lastX)
        + "\" cy=\""
        + fmt(lastY)
        + "\" r=\"2.2\" fill=\"currentColor\"/></svg>";
  }

  private static String xy(double x, double y) {
    return fmt(x) + "," + fmt(y);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
