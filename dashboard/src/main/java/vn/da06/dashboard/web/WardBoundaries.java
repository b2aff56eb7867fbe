package vn.da06.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The communes' boundaries an operator supplies for the ward map ({@code serve --boundaries FILE},
 * default {@code config/ward-boundaries.geojson} where it exists): a GeoJSON FeatureCollection with
 * one feature per ward of today (after 01/07/2025), its code in the property {@code ward_code} (or
 * the feature's {@code id}), its geometry a Polygon or MultiPolygon in longitude/latitude (WGS 84).
 * The file is read once, at start; what is wrong with it is said with the feature's place in the
 * file. Which codes are not wards, and which wards have no boundary, is checked against the ward
 * list of the data on each map page ({@link MapPage}), since the data may change after the start.
 */
public final class WardBoundaries {
  /** The request attribute the app puts the boundaries under for {@link MapPage}. */
  static final String ATTRIBUTE = "da06.boundaries";

  /** The property that names a feature's ward. */
  public static final String CODE_PROPERTY = "ward_code";

  /** One ward's outline: polygons of rings of {@code [longitude, latitude]} points. */
  record Shape(String wardCode, List<List<double[]>> rings) {
    Shape {
      Objects.requireNonNull(wardCode, "wardCode is null");
      rings = List.copyOf(rings);
    }
  }

  private final Path file;
  private final Map<String, Shape> shapes;

  private WardBoundaries(Path file, Map<String, Shape> shapes) {
    this.file = file;
    this.shapes = Map.copyOf(shapes);
  }

  /** The file it was read from (said on the map page and in the log). */
  public Path file() {
    return file;
  }

  /** Ward codes of the file. */
  public java.util.Set<String> codes() {
    return shapes.keySet();
  }

  Shape shape(String wardCode) {
    return shapes.get(wardCode);
  }

  public int size() {
    return shapes.size();
  }

  /**
   * Reads a GeoJSON FeatureCollection of wards.
   *
   * @throws IllegalArgumentException with what is wrong and where, when the file is not one
   */
  public static WardBoundaries read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.newInputStream(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read ward boundaries " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw invalid(file, "it is not a GeoJSON FeatureCollection (its \"type\" must be that)");
    }
    JsonNode features = root.path("features");
    if (!features.isArray() || features.isEmpty()) {
      throw invalid(file, "it has no features (one per ward is expected)");
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (int i = 0; i < features.size(); i++) {
      JsonNode feature = features.get(i);
      String where = "feature " + (i + 1);
      String code = code(feature);
      if (code == null) {
        throw invalid(
            file,
            where
                + " has no ward code (give each feature a property \""
                + CODE_PROPERTY
                + "\", e.g. \"06325\")");
      }
      where += " (ward " + code + ")";
      if (shapes.containsKey(code)) {
        throw invalid(
            file, where + " repeats a ward code already given (one feature per ward, merged)");
      }
      shapes.put(code, new Shape(code, rings(file, where, feature.path("geometry"))));
    }
    return new WardBoundaries(file, shapes);
  }

  private static String code(JsonNode feature) {
    JsonNode code = feature.path("properties").path(CODE_PROPERTY);
    if (code.isMissingNode() || code.isNull()) {
      code = feature.path("id");
    }
    if (code.isMissingNode() || code.isNull()) {
      return null;
    }
    String text = code.asText().trim();
    if (code.isNumber() && text.matches("\\d{1,5}")) {
      text = "0".repeat(5 - text.length()) + text; // a code written as a number lost its zeros
    }
    return text.isEmpty() ? null : text;
  }

  private static List<List<double[]>> rings(Path file, String where, JsonNode geometry) {
    String type = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    List<JsonNode> polygons = new ArrayList<>();
    if (type.equals("Polygon")) {
      polygons.add(coordinates);
    } else if (type.equals("MultiPolygon")) {
      coordinates.forEach(polygons::add);
    } else {
      throw invalid(
          file,
          where + " has a geometry of type '" + type + "' (a ward is a Polygon or a MultiPolygon)");
    }
    List<List<double[]>> rings = new ArrayList<>();
    for (JsonNode polygon : polygons) {
      for (JsonNode ring : polygon) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode point : ring) {
          double longitude = point.path(0).asDouble(Double.NaN);
          double latitude = point.path(1).asDouble(Double.NaN);
          if (!(Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90)) {
            throw invalid(
                file,
                where
                    + " has a point "
                    + point
                    + " that is not [longitude, latitude] in degrees (WGS 84, as GeoJSON requires)");
          }
          points.add(new double[] {longitude, latitude});
        }
        if (points.size() < 3) {
          throw invalid(file, where + " has a ring of fewer than 3 points");
        }
        rings.add(points);
      }
    }
    if (rings.isEmpty()) {
      throw invalid(file, where + " has no coordinates");
    }
    return rings;
  }

  private static IllegalArgumentException invalid(Path file, String reason) {
    return new IllegalArgumentException(
        "Cannot read ward boundaries "
            + file
            + ": "
            + reason
            + " (format: docs/dashboard.md, \"Bản đồ xã/phường\")");
  }
}
