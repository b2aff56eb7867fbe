package vn.da06.bench;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure of any {@code ./da06 bench} command (pipeline, gold, dashboard, trino),
 * printed as a line of text or, with {@code --json}, as one JSON object: name, value, unit,
 * reference (what it is compared with, or null), ratio (value / reference, or null), goal (text, or
 * null) and met (null when there is no goal).
 */
public record Figure(
    String name,
    double value,
    String unit,
    Double reference,
    Double ratio,
    String goal,
    Boolean met) {
  public Figure {
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(
          "Cannot report figure " + name + ": it was not measured (NaN)");
    }
  }

  public static Figure plain(String name, double value, String unit) {
    return new Figure(name, value, unit, null, null, null, null);
  }

  public Map<String, Object> json() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("value", round(value));
    map.put("unit", unit);
    map.put("reference", reference == null ? null : round(reference));
    map.put("ratio", ratio == null ? null : round(ratio));
    map.put("goal", goal);
    map.put("met", met);
    return map;
  }

  public String text() {
    String line = String.format("%-28s %12s %-6s", name, format(value), unit);
    if (reference != null) {
      line +=
          "  reference " + format(reference) + (ratio == null ? "" : ", ratio " + format(ratio));
    }
    if (goal != null) {
      line += "  goal " + goal + ": " + (Boolean.TRUE.equals(met) ? "met" : "NOT met");
    }
    return line;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String format(double value) {
    return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.3f", value);
  }
}
