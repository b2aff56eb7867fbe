package vn.da06.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a province steers by the scorecard: the weight of each headline indicator in the composite
 * rank (equal by default), and whether the users of a ward may see the other wards' names and
 * figures (by default a ward user sees only his own ward, his rank among the province's wards and
 * the province's figure). Read once at the entry point from {@code config/steering.yaml}:
 *
 * <pre>
 * scorecard:
 *   weights:                  # per headline metric; a metric not named weighs 1
 *     eid_l2_coverage_rate: 2
 *     dq_clean_rate: 1
 * provinces:
 *   "20":
 *     ward_users_see_other_wards: false
 * </pre>
 *
 * The pages, the API, the exports and the reports read the same record, so a setting is enforced
 * the same way everywhere.
 */
public record Steering(Map<String, Double> weights, Map<String, Boolean> wardUsersSeeOtherWards) {

  /** Equal weights; ward users see only their own ward. */
  public static final Steering DEFAULT = new Steering(Map.of(), Map.of());

  public Steering {
    weights = Map.copyOf(weights);
    wardUsersSeeOtherWards = Map.copyOf(wardUsersSeeOtherWards);
  }

  /** The weight of a metric in the composite rank: configured, else 1. */
  public double weight(Metric metric) {
    return weights.getOrDefault(metric.column(), 1.0);
  }

  /** Whether the ward users of a province may see the other wards of their province. */
  public boolean wardUsersSeeOtherWards(String provinceCode) {
    return provinceCode != null && wardUsersSeeOtherWards.getOrDefault(provinceCode, false);
  }

  /** Reads a steering file; an error naming the file, the entry and the fix for anything wrong. */
  public static Steering load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read steering file " + file + ": " + e.getMessage() + " (fix the YAML syntax)",
          e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return DEFAULT;
    }
    requireOnly(file, "", root, Set.of("scorecard", "provinces"));
    requireOnly(file, "scorecard.", root.path("scorecard"), Set.of("weights"));
    Map<String, Double> weights = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("scorecard").path("weights").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String where = "scorecard.weights." + entry.getKey();
      Metric metric =
          Metrics.byColumn(entry.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Cannot read steering file "
                              + file
                              + ": "
                              + where
                              + " is not a gold metric (use a headline metric: "
                              + String.join(
                                  ", ", Headline.metrics().stream().map(Metric::column).toList())
                              + ")"));
      if (!Headline.isHeadline(metric)) {
        throw new IllegalArgumentException(
            "Cannot read steering file "
                + file
                + ": "
                + where
                + " is not a headline indicator, so it is not in the scorecard (use one of "
                + String.join(", ", Headline.metrics().stream().map(Metric::column).toList())
                + ")");
      }
      JsonNode value = entry.getValue();
      if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
        throw new IllegalArgumentException(
            "Cannot read steering file "
                + file
                + ": "
                + where
                + " = "
                + value
                + " is not a weight (write a number 0 or above: 1 is the default, 2 counts double,"
                + " 0 leaves the indicator out of the rank)");
      }
      weights.put(metric.column(), value.asDouble());
    }
    Map<String, Boolean> seeOthers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("provinces").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> province = it.next();
      String where = "provinces." + province.getKey();
      if (!province.getKey().matches("\\d{2}")) {
        throw new IllegalArgumentException(
            "Cannot read steering file "
                + file
                + ": "
                + where
                + " is not a province code (2 digits; quote it: \"20\")");
      }
      requireOnly(file, where + ".", province.getValue(), Set.of("ward_users_see_other_wards"));
      JsonNode see = province.getValue().path("ward_users_see_other_wards");
      if (!see.isMissingNode()) {
        if (!see.isBoolean()) {
          throw new IllegalArgumentException(
              "Cannot read steering file "
                  + file
                  + ": "
                  + where
                  + ".ward_users_see_other_wards = "
                  + see
                  + " is not true or false (write false to show a ward user only his own ward)");
        }
        seeOthers.put(province.getKey(), see.asBoolean());
      }
    }
    return new Steering(weights, seeOthers);
  }

  private static void requireOnly(Path file, String where, JsonNode node, Set<String> known) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "Cannot read steering file "
              + file
              + ": "
              + (where.isEmpty() ? "the file" : where.substring(0, where.length() - 1))
              + " must be a mapping of "
              + String.join(", ", known.stream().sorted().toList()));
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "Cannot read steering file "
                + file
                + ": unknown entry '"
                + where
                + key
                + "' (expected "
                + String.join(" or ", known.stream().sorted().map(k -> where + k).toList())
                + ")");
      }
    }
  }
}
