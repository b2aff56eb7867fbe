package vn.da06.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The goals figures are judged against where no live target applies, and the band margins. A goal
 * is the metric's national goal ({@link Metric#goal}: online 70 %, Đề án 06) unless configuration
 * overrides it, nationally or for a province or ward. Read once at the entry point from a YAML file
 * ({@code config/goals.yaml}):
 *
 * <pre>
 * goals:                 # national overrides (and goals for metrics without one)
 *   online_rate: 0.70
 * units:                 # per province or ward code
 *   "20":
 *     online_rate: 0.75
 * bands:
 *   rate_margin_points: 0.05   # close: within 5 percentage points of a rate's reference
 *   count_share: 0.90          # close: at least 90 % of a count's reference
 * </pre>
 */
public record Goals(
    Map<String, Double> national, Map<String, Map<String, Double>> units, Band.Margins margins) {

  /** The metrics' own national goals and the default margins. */
  public static final Goals DEFAULT = new Goals(Map.of(), Map.of(), Band.Margins.DEFAULT);

  public Goals {
    national = Map.copyOf(national);
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    units.forEach((unit, goals) -> copy.put(unit, Map.copyOf(goals)));
    units = Map.copyOf(copy);
    requireNonNull(margins, "margins is null");
  }

  /**
   * The goal for a metric of a unit: the ward's own override, else its province's, else the
   * national override, else the metric's national goal; empty where none exists.
   */
  public Optional<Double> goal(Metric metric, String unitCode, String provinceCode) {
    for (String unit : new String[] {unitCode, provinceCode}) {
      if (unit != null) {
        Double goal = units.getOrDefault(unit, Map.of()).get(metric.column());
        if (goal != null) {
          return Optional.of(goal);
        }
      }
    }
    Double goal = national.get(metric.column());
    return Optional.ofNullable(goal != null ? goal : metric.goal());
  }

  /** The national goal of a metric (overridden or its own). */
  public Optional<Double> goal(Metric metric) {
    return goal(metric, null, null);
  }

  /** The band of a value against a reference, with this configuration's margins. */
  public Band band(Metric metric, Double value, Double reference) {
    return metric.band(value, reference, margins);
  }

  /** Reads a goals file; an error naming the file, the entry and the fix for anything wrong. */
  public static Goals load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read goals file " + file + ": " + e.getMessage() + " (fix the YAML syntax)", e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return DEFAULT;
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("goals") && !key.equals("units") && !key.equals("bands")) {
        throw new IllegalArgumentException(
            "Cannot read goals file "
                + file
                + ": unknown entry '"
                + key
                + "' (expected goals, units or bands)");
      }
    }
    Map<String, Double> national = goalsOf(file, "goals", root.path("goals"));
    Map<String, Map<String, Double>> units = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("units").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> unit = it.next();
      if (!unit.getKey().matches("\\d{2}|\\d{5}")) {
        throw new IllegalArgumentException(
            "Cannot read goals file "
                + file
                + ": unit '"
                + unit.getKey()
                + "' is not a province (2 digits) or ward (5 digits) code (quote codes: \"20\")");
      }
      units.put(unit.getKey(), goalsOf(file, "units." + unit.getKey(), unit.getValue()));
    }
    JsonNode bands = root.path("bands");
    Band.Margins margins =
        new Band.Margins(
            bands.path("rate_margin_points").asDouble(Band.Margins.DEFAULT.ratePoints()),
            bands.path("count_share").asDouble(Band.Margins.DEFAULT.countShare()));
    return new Goals(national, units, margins);
  }

  private static Map<String, Double> goalsOf(Path file, String where, JsonNode node) {
    Map<String, Double> goals = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Metric metric =
          Metrics.byColumn(entry.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Cannot read goals file "
                              + file
                              + ": "
                              + where
                              + "."
                              + entry.getKey()
                              + " is not a gold metric (use a column of gold.ward_month_kpis)"));
      if (!entry.getValue().isNumber()) {
        throw new IllegalArgumentException(
            "Cannot read goals file "
                + file
                + ": "
                + where
                + "."
                + entry.getKey()
                + " must be a number (a rate as a fraction: 0.70)");
      }
      double goal = entry.getValue().asDouble();
      if (!metric.isBanded() || (metric.isRate() && (goal < 0 || goal > 1))) {
        throw new IllegalArgumentException(
            "Cannot read goals file "
                + file
                + ": "
                + where
                + "."
                + entry.getKey()
                + " = "
                + goal
                + (metric.isBanded()
                    ? " is not a fraction between 0 and 1 (write 70 % as 0.70)"
                    : " is a size, not a performance: it takes no goal"));
      }
      goals.put(entry.getKey(), goal);
    }
    return goals;
  }
}
