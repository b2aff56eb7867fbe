package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.da06.goldread.FakeKpiStore.now;
import static vn.da06.goldread.FakeKpiStore.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.DataVersion;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.goldread.InMemoryGold;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.TargetRow;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The colours of real pages are {@link Metric#band} of the figure shown against the reference that
 * applies: the ward's own live target, else its province's, else the goal; none without one.
 *
 * <p>Province 20, July 2025: ward 06325 sends 1 of 10 dossiers online and has its own online target
 * of 12 %; ward 06400 sends 27 of 30 online, its own online target ended in June, and the
 * province's target of 92 % applies. The goal of 70 % would colour them the other way round.
 * Incorrect records (lower is better): the province's target is at most 2; 06400 has 1, 06325 5.
 * Essential online rate has no target: a configured national goal of 50 % applies.
 */
class BandsTest {
  static final String PASSWORD = "mật khẩu thử 1";
  static final Band.Margins MARGINS = Band.Margins.DEFAULT;
  static final String ONLINE = Metrics.require("online_rate").labelVi();
  static final Goals GOALS =
      new Goals(Map.of("essential_online_rate", 0.5), Map.of(), Band.Margins.DEFAULT);

  @TempDir static Path dir;
  static Path usersFile;

  @BeforeAll
  static void users() {
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User("tinh", "20", Role.ADMIN, Passwords.hash(PASSWORD.toCharArray()), null)))
        .save(usersFile);
  }

  static TargetRow target(
      String unit, String metric, double value, LocalDate start, LocalDate deadline) {
    return new TargetRow(
        unit,
        metric,
        "Chiến dịch",
        value,
        start,
        deadline,
        "2025-07",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static FakeKpiStore store() {
    List<KpiRow> rows = new ArrayList<>();
    for (String month : List.of("2025-07", "2025-08")) {
      rows.add(
          row(
              "06325",
              month,
              Map.of(
                  "dossiers_total", 10L,
                  "dossiers_online", 1L,
                  "essential_dossiers_total", 10L,
                  "essential_dossiers_online", 6L,
                  "dq_records", 100L,
                  "dq_incorrect", 5L,
                  "dq_clean_records", 90L)));
      rows.add(
          row(
              "06400",
              month,
              Map.of(
                  "dossiers_total", 30L,
                  "dossiers_online", 27L,
                  "essential_dossiers_total", 10L,
                  "essential_dossiers_online", 4L,
                  "dq_records", 100L,
                  "dq_incorrect", 1L,
                  "dq_clean_records", 95L)));
    }
    LocalDate july = LocalDate.of(2025, 7, 1);
    List<TargetRow> targets =
        List.of(
            target("06325", "online_rate", 0.12, july, LocalDate.of(2025, 12, 31)),
            // ended before the end of July: not live, so the province's target applies
            target(
                "06400", "online_rate", 0.50, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30)),
            target("20", "online_rate", 0.92, july, LocalDate.of(2025, 12, 31)),
            target("20", "dq_incorrect", 2, july, LocalDate.of(2025, 12, 31)));
    return new FakeKpiStore(
        new InMemoryGold(
            new DataVersion(3, Instant.parse("2025-09-01T00:00:00Z"), Map.of()),
            List.of(now("06325", "Xã Bắc Sơn", "20"), now("06400", "Xã Khác", "20")),
            rows,
            rows,
            List.of(),
            List.of(),
            targets,
            List.of()));
  }

  interface Body {
    void accept(TestClient client) throws Exception;
  }

  static void run(Body body) {
    DashboardApp dashboard =
        new DashboardApp(
            store(),
            new UserDirectory(usersFile),
            new AuditLog(dir.resolve("audit-" + System.nanoTime() + ".jsonl")),
            new DashboardApp.Settings(false, 5, Duration.ofMinutes(15), Duration.ofHours(1)),
            GOALS);
    // Today is when this gold was current: its 2025 targets are live.
    dashboard.clock(
        java.time.Clock.fixed(Instant.parse("2025-08-20T03:00:00Z"), java.time.ZoneOffset.UTC));
    JavalinTest.test(
        dashboard.create(),
        (server, ignored) -> {
          TestClient client = new TestClient(server.port());
          client.login("tinh", PASSWORD);
          body.accept(client);
        });
  }

  static Band band(String column, double value, Double reference) {
    return Metrics.require(column).band(value, reference, MARGINS);
  }

  @Test
  void aWardIsJudgedAgainstItsOwnLiveTargetElseItsProvincesNotTheGoal() {
    run(
        client -> {
          String html = client.get("/units/20/ranking?month=2025-07&metric=online_rate").body();
          Band own = band("online_rate", 0.1, 0.12);
          Band province = band("online_rate", 0.9, 0.92);
          assertThat(own).isEqualTo(Band.CLOSE).isNotEqualTo(band("online_rate", 0.1, 0.70));
          assertThat(province).isEqualTo(Band.CLOSE).isNotEqualTo(band("online_rate", 0.9, 0.70));
          assertThat(cellClass(html, "league", "06325", ONLINE))
              .isEqualTo("rate " + own.cssClass());
          assertThat(cellClass(html, "league", "06400", ONLINE))
              .isEqualTo("rate " + province.cssClass());
          assertThat(html)
              .contains(
                  "data-testid=\"league-legend\"", "Đạt ≥ chỉ tiêu/mục tiêu", "Chưa có chỉ tiêu");

          // A ward's own page reads its province's targets, outside the ward's scope.
          String ward = client.get("/units/06400/ranking?month=2025-07&metric=online_rate").body();
          assertThat(cellClass(ward, "league", "06400", ONLINE))
              .isEqualTo("rate " + province.cssClass());
          assertThat(ward).contains("chỉ tiêu của tỉnh 92,0 %, hạn 31/12/2025", "Đạt ≥ 92,0 %");

          String overview = client.get("/units/06325?month=2025-07").body();
          // The headline card of online_rate: banded against the ward's own target, which it names.
          assertThat(overview)
              .containsPattern(
                  "data-metric=\"online_rate\" data-band=\"close\">.*?"
                      + "<span class=\"reference\">[^<]*/ 12 % đến 31/12/2025[^<]*</span>");
        });
  }

  @Test
  void aMetricWithoutTargetOrGoalIsUncolouredAndAConfiguredGoalColours() {
    run(
        client -> {
          String html = client.get("/units/20/ranking?month=2025-07&metric=dossiers_total").body();
          assertThat(band("dossiers_total", 10, null)).isEqualTo(Band.NONE);
          assertThat(
                  cellClass(html, "league", "06325", Metrics.require("dossiers_total").labelVi()))
              .isEqualTo("count band-none");
          assertThat(
                  cellClass(html, "league", "06400", Metrics.require("dossiers_total").labelVi()))
              .isEqualTo("count band-none");
          assertThat(html).doesNotContain("data-testid=\"league-legend\"");

          String services = client.get("/units/20/services?month=2025-07").body();
          String label = Metrics.require("essential_online_rate").labelVi();
          assertThat(cellClass(services, "wards", "06325", label))
              .isEqualTo("rate " + band("essential_online_rate", 0.6, 0.5).cssClass())
              .isEqualTo("rate band-met");
          assertThat(cellClass(services, "wards", "06400", label))
              .isEqualTo("rate " + band("essential_online_rate", 0.4, 0.5).cssClass())
              .isEqualTo("rate band-behind");
        });
  }

  @Test
  void lowerIsBetterRanksTheLowestFirstAndColoursItMet() {
    run(
        client -> {
          String html = client.get("/units/20/ranking?month=2025-07&metric=dq_incorrect").body();
          String label = Metrics.require("dq_incorrect").labelVi();
          assertThat(cellClass(html, "league", "06400", label))
              .isEqualTo("count " + band("dq_incorrect", 1, 2.0).cssClass())
              .isEqualTo("count band-met");
          assertThat(cellClass(html, "league", "06325", label))
              .isEqualTo("count " + band("dq_incorrect", 5, 2.0).cssClass())
              .isEqualTo("count band-behind");
          assertThat(html.indexOf(">06400<")).isPositive().isLessThan(html.indexOf(">06325<"));
          assertThat(html).contains("Đạt ≤ 2<", "Gần đạt ≤ 2,2<", "Chưa đạt &gt; 2,2<");

          String quality = client.get("/units/20/quality?month=2025-07").body();
          assertThat(cellClass(quality, "quality", "06325", label)).isEqualTo("count band-behind");
          assertThat(cellClass(quality, "quality", "06325", "Bản ghi dân cư"))
              .isEqualTo("count band-none");

          JsonNode api =
              new ObjectMapper()
                  .readTree(
                      client
                          .get("/api/v1/units/20/wards?metric=dq_incorrect&month=2025-07")
                          .body());
          assertThat(api.get("wards").get(0).get("ward_code").asText()).isEqualTo("06400");
          assertThat(api.get("wards").get(0).get("rank").asInt()).isEqualTo(1);
        });
  }

  @Test
  void theHeatmapShowsEachCellsBandWithALegendNotAGradient() throws Exception {
    run(
        client -> {
          String html = client.get("/units/20/ranking?month=2025-08&metric=online_rate").body();
          Matcher chart =
              Pattern.compile("id=\"heatmap\"[^>]*data-chart=\"([^\"]*)\"").matcher(html);
          assertThat(chart.find()).as("heatmap chart").isTrue();
          JsonNode option =
              new ObjectMapper()
                  .readTree(
                      chart
                          .group(1)
                          .replace("&quot;", "\"")
                          .replace("&lt;", "<")
                          .replace("&gt;", ">")
                          .replace("&#39;", "'")
                          .replace("&amp;", "&"));
          assertThat(option.at("/visualMap/type").asText()).isEqualTo("piecewise");
          assertThat(option.at("/visualMap/pieces")).hasSize(4);
          assertThat(option.at("/visualMap/pieces/0/label").asText()).startsWith("Đạt");
          List<String> wards = new ArrayList<>();
          option.at("/yAxis/data").forEach(ward -> wards.add(ward.asText().substring(0, 5)));
          for (JsonNode cell : option.at("/series/0/data")) {
            String ward = wards.get(cell.get(1).asInt());
            Band expected =
                ward.equals("06325")
                    ? band("online_rate", 0.1, 0.12)
                    : band("online_rate", 0.9, 0.92);
            assertThat(cell.get(3).asInt()).as(ward).isEqualTo(expected.ordinal());
          }
          assertThat(option.at("/series/0/data")).hasSize(4);
        });
  }

  @Test
  void theHeadlineStripBandsEachIndicatorAsMetricDoesAndGivesAWardItsRankInTheProvince() {
    run(
        client -> {
          String province = client.get("/units/20?month=2025-08").body();
          // Online: (1 + 27) / (10 + 30) against the province's live target of 92 %.
          Band online = band("online_rate", 28 / 40.0, 0.92);
          assertThat(province)
              .contains("data-metric=\"online_rate\" data-band=\"" + online.apiName() + "\"")
              .containsPattern("/ 92 % đến 31/12/2025");
          // Essential online: (6 + 4) / 20 = 50 % against the configured goal of 50 % (GOALS).
          Band expected = band("essential_online_rate", 10 / 20.0, 0.5);
          assertThat(province)
              .contains(
                  "data-metric=\"essential_online_rate\" data-band=\"" + expected.apiName() + "\"")
              .containsPattern("/ mục tiêu 50 ?%");
          assertThat(province).doesNotContain("data-testid=\"standing\"");

          String ward = client.get("/units/06325?month=2025-08").body();
          // 06325 is at 10 % online, 06400 at 90 %: second of two; the province is at 70 %.
          assertThat(ward).contains("Hạng 2/2 · Tỉnh: 70,0 %");
          String other = client.get("/units/06400?month=2025-08").body();
          assertThat(other).contains("Hạng 1/2 · Tỉnh: 70,0 %");
        });
  }

  /** The class of the cell of a table's row (found by a ward code) under a column's label. */
  static String cellClass(String html, String table, String wardCode, String column) {
    int start = html.indexOf("data-table=\"" + table + "\"");
    assertThat(start).as("table " + table).isPositive();
    String body = html.substring(start, html.indexOf("</table>", start));
    List<String> headers = new ArrayList<>();
    Matcher th = Pattern.compile("<th[^>]*>(.*?)</th>").matcher(body);
    while (th.find()) {
      headers.add(th.group(1).replaceAll("<[^>]+>", "").replaceAll(" [▲▼]$", ""));
    }
    int index = headers.indexOf(column);
    assertThat(index).as(column + " in " + headers).isNotNegative();
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
    while (tr.find()) {
      List<String[]> cells = new ArrayList<>();
      Matcher td = Pattern.compile("<td class=\"([^\"]*)\"[^>]*>(.*?)</td>").matcher(tr.group(1));
      while (td.find()) {
        cells.add(new String[] {td.group(1), td.group(2).replaceAll("<[^>]+>", "")});
      }
      if (cells.stream().anyMatch(cell -> cell[1].equals(wardCode))) {
        return cells.get(index)[0];
      }
    }
    throw new AssertionError("no row of " + wardCode + " in table " + table);
  }
}
