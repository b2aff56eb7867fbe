package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/** The ward map over the small fake warehouse (province 20: wards 06325 and 06400). */
class MapPageTest {
  static final String PASSWORD = "mật khẩu thử 1";
  @TempDir static Path dir;
  static Path users;

  @BeforeAll
  static void users() {
    users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User("tinh", "20", Role.VIEWER, Passwords.hash(PASSWORD.toCharArray()), null),
                new User("xa", "06325", Role.VIEWER, Passwords.hash(PASSWORD.toCharArray()), null)))
        .save(users);
  }

  private static String mapPage(WardBoundaries boundaries, String path) {
    return mapPage(boundaries, "tinh", path);
  }

  private static String mapPage(WardBoundaries boundaries, String user, String path) {
    DashboardApp dashboard =
        new DashboardApp(
                FakeKpiStore.small(),
                new UserDirectory(users),
                new AuditLog(dir.resolve("audit-" + System.nanoTime() + ".jsonl")),
                new DashboardApp.Settings(false, 5, Duration.ofMinutes(15), Duration.ofHours(1)))
            .boundaries(boundaries);
    String[] body = new String[1];
    JavalinTest.test(
        dashboard.create(),
        (server, ignored) -> {
          TestClient client = new TestClient(server.port());
          client.login(user, PASSWORD);
          body[0] = client.get(path).body();
        });
    return body[0];
  }

  @Test
  void withoutBoundariesThePageSaysHowToAddThem() {
    String page = mapPage(null, "/units/20/map");

    assertThat(page).contains("data-testid=\"map-missing\"").contains("--boundaries");
    assertThat(page).doesNotContain("data-testid=\"ward-map\"");
  }

  @Test
  void drawsTheUnitsWardsAsLinksAndSaysWhichWardsAndCodesDoNotMatch() {
    // 06400 of province 20 has no boundary; 00001 is a ward of another province; 99999 no ward
    WardBoundaries boundaries =
        WardBoundaries.read(
            SquareBoundaries.write(
                dir.resolve("wards.geojson"), List.of("06325", "00001", "99999")));

    String page = mapPage(boundaries, "/units/20/map?month=2025-06&metric=online_rate");

    assertThat(page).contains("data-testid=\"ward-map\"");
    assertThat(page).contains("data-ward=\"06325\"").contains("href=\"/units/06325");
    assertThat(page).doesNotContain("data-ward=\"00001\"").doesNotContain("data-ward=\"99999\"");
    assertThat(page).containsPattern("data-testid=\"map-missing-wards\">[^<]*06400 Xã Khác");
    assertThat(page).containsPattern("data-testid=\"map-unknown-codes\">[^<]*99999\\.");
    assertThat(page).doesNotContainPattern("data-testid=\"map-unknown-codes\">[^<]*00001");
    assertThat(page).contains("Ranh giới: 1 trong 2 xã/phường");
  }

  @Test
  void aWardsMapShowsTheOtherWardsOfItsProvinceOnlyAsBareOutlines() {
    WardBoundaries boundaries =
        WardBoundaries.read(
            SquareBoundaries.write(dir.resolve("both.geojson"), List.of("06325", "06400")));

    String page = mapPage(boundaries, "xa", "/units/06325/map?metric=online_rate");

    assertThat(page).contains("data-ward=\"06325\"");
    assertThat(page).containsOnlyOnce("class=\"ward-around\"");
    assertThat(page).doesNotContain("data-ward=\"06400\"").doesNotContain("Xã Khác");
  }

  @Test
  void theMenuLeadsToTheMap() {
    String page = mapPage(null, "/units/20");

    assertThat(page).contains("data-page=\"map\"").contains(">Bản đồ</a>");
  }
}
