package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardBoundariesTest {
  @TempDir Path dir;

  private Path file(String json) throws Exception {
    return Files.writeString(dir.resolve("wards.geojson"), json);
  }

  @Test
  void readsOneShapePerWardCodeOfAFeatureCollection() {
    WardBoundaries boundaries =
        WardBoundaries.read(
            SquareBoundaries.write(dir.resolve("w.geojson"), List.of("06325", "06400")));

    assertThat(boundaries.codes()).containsExactlyInAnyOrder("06325", "06400");
    assertThat(boundaries.shape("06325").rings()).hasSize(1);
    assertThat(boundaries.shape("06325").rings().get(0)).hasSize(5);
  }

  @Test
  void takesTheFeatureIdWhereThereIsNoWardCodeAndPadsACodeWrittenAsANumber() throws Exception {
    WardBoundaries boundaries =
        WardBoundaries.read(
            file(
                """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "06400", "properties": {},
                   "geometry": {"type": "MultiPolygon", "coordinates": [[[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22]]],
                                                                        [[[107, 22], [107.1, 22], [107.1, 22.1], [107, 22]]]]}},
                  {"type": "Feature", "properties": {"ward_code": 6325},
                   "geometry": {"type": "Polygon", "coordinates": [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22]]]}}]}
                """));

    assertThat(boundaries.codes()).containsExactlyInAnyOrder("06400", "06325");
    assertThat(boundaries.shape("06400").rings()).hasSize(2);
  }

  @Test
  void saysWhichFeatureIsWrongAndHow() throws Exception {
    assertThatThrownBy(() -> WardBoundaries.read(file("{\"type\": \"Feature\"}")))
        .hasMessageContaining("is not a GeoJSON FeatureCollection")
        .hasMessageContaining("docs/dashboard.md");
    assertThatThrownBy(
            () ->
                WardBoundaries.read(
                    file(
                        """
                        {"type": "FeatureCollection", "features": [
                          {"type": "Feature", "properties": {"name": "Xã A"},
                           "geometry": {"type": "Polygon", "coordinates": [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22]]]}}]}
                        """)))
        .hasMessageContaining("feature 1 has no ward code")
        .hasMessageContaining("\"ward_code\"");
    assertThatThrownBy(
            () ->
                WardBoundaries.read(
                    file(
                        """
                        {"type": "FeatureCollection", "features": [
                          {"type": "Feature", "properties": {"ward_code": "06325"},
                           "geometry": {"type": "Point", "coordinates": [106, 22]}}]}
                        """)))
        .hasMessageContaining("feature 1 (ward 06325) has a geometry of type 'Point'");
    assertThatThrownBy(
            () ->
                WardBoundaries.read(
                    file(
                        """
                        {"type": "FeatureCollection", "features": [
                          {"type": "Feature", "properties": {"ward_code": "06325"},
                           "geometry": {"type": "Polygon", "coordinates": [[[2450000, 1200000], [2450100, 1200000], [2450100, 1200100], [2450000, 1200000]]]}}]}
                        """)))
        .hasMessageContaining("is not [longitude, latitude] in degrees");
  }

  @Test
  void refusesAWardGivenTwice() {
    Path file = SquareBoundaries.write(dir.resolve("w.geojson"), List.of("06325", "06325"));

    assertThatThrownBy(() -> WardBoundaries.read(file))
        .hasMessageContaining("feature 2 (ward 06325) repeats a ward code");
  }
}
