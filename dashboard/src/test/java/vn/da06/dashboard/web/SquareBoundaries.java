package vn.da06.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A boundary file the tests write: one square per ward code, in rows of eight, around Lạng Sơn
 * (longitude 106.3, latitude 22.3), each square 0.05° a side.
 */
final class SquareBoundaries {
  private SquareBoundaries() {}

  static Path write(Path file, List<String> wardCodes) {
    List<Object> features = new ArrayList<>();
    for (int i = 0; i < wardCodes.size(); i++) {
      double west = 106.3 + (i % 8) * 0.05;
      double north = 22.3 - (i / 8) * 0.05;
      List<List<Double>> ring =
          List.of(
              List.of(west, north),
              List.of(west + 0.05, north),
              List.of(west + 0.05, north - 0.05),
              List.of(west, north - 0.05),
              List.of(west, north));
      features.add(
          Map.of(
              "type",
              "Feature",
              "properties",
              Map.of(WardBoundaries.CODE_PROPERTY, wardCodes.get(i)),
              "geometry",
              Map.of("type", "Polygon", "coordinates", List.of(ring))));
    }
    try {
      new ObjectMapper()
          .writeValue(file.toFile(), Map.of("type", "FeatureCollection", "features", features));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
