package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.AnomalyRow;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/** gold.anomalies on the quality page, and the mark any figure can carry. */
class AnomalyPagesTest {
  static final String PASSWORD = "mật khẩu thử 1";
  static final String REASON =
      "Kích hoạt mức 2 tháng 07/2025: 1.240, gấp 9 lần trung vị 12 tháng (138)";

  @TempDir static Path dir;
  static Path usersFile;

  @BeforeAll
  static void users() {
    String hash = Passwords.hash(PASSWORD.toCharArray());
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User("tinh", "20", Role.ADMIN, hash, null),
                new User("khac", "06400", Role.VIEWER, hash, null)))
        .save(usersFile);
  }

  static AnomalyRow surge() {
    return new AnomalyRow(
        "06325",
        "2025-07",
        "month",
        "eid_activations_l2",
        1240.0,
        0.0,
        180.0,
        "ward_history",
        40.0,
        REASON,
        "Level-2 activations in 07/2025: 1,240, 9 times the 12-month median (138)",
        Instant.parse("2025-08-01T00:05:00Z"),
        "2025-07");
  }

  @Test
  void theQualityPageListsTheMonthsAnomaliesByWardWithALinkToTheWard() {
    DashboardApp dashboard =
        new DashboardApp(
            FakeKpiStore.small(List.of(surge())),
            new UserDirectory(usersFile),
            new AuditLog(dir.resolve("audit.jsonl")),
            new DashboardApp.Settings(false, 5, Duration.ofMinutes(15), Duration.ofHours(1)));
    JavalinTest.test(
        dashboard.create(),
        (server, ignored) -> {
          TestClient client = new TestClient(server.port());
          client.login("tinh", PASSWORD);
          String page = client.get("/units/20/quality?month=2025-07").body();
          assertThat(page)
              .contains("Số liệu bất thường tháng 07/2025 (1)")
              .contains(Html.esc(REASON))
              .contains("href=\"/units/06325?month=2025-07")
              .contains("Lịch sử của xã/phường");
          // Another month: nothing flagged, and said so.
          assertThat(client.get("/units/20/quality?month=2025-06").body())
              .contains("Không có số liệu bất thường nào trong tháng này.");
          // A ward sees its own ward's anomalies only.
          TestClient other = new TestClient(server.port());
          other.login("khac", PASSWORD);
          assertThat(other.get("/units/06400/quality?month=2025-07").body())
              .doesNotContain(Html.esc(REASON));
        });
  }

  @Test
  void theMarkShowsTheReasonOnHoverAndOnTapEscaped() {
    String mark = AnomalyMarks.markup("a < b & \"c\"\nd");
    assertThat(mark)
        .startsWith("<details class=\"anomaly-mark\"><summary title=\"a &lt; b &amp; &quot;c&quot;")
        .contains(">⚠</summary>")
        .contains("<span class=\"anomaly-reason\">a &lt; b &amp; &quot;c&quot;<br>d</span>");
  }
}
