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
import java.util.LinkedHashMap;
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
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The scorecard, the league table and the API over a small province 20 of four wards, where only
 * the online rate has figures: in August 06100 sends 9 of 10 dossiers online, 06200 7 of 10, 06300
 * 5 of 10 and 06400 3 of 10 (in July 06400 was first and 06100 last). The province's online target
 * is 80 % until the end of 2025; 06300 has its own target of 50 %. A ward user (06300) sees his own
 * row, his rank among the four and the province's figure — and the others only where the province
 * allows it.
 */
class ScorecardPageTest {
  static final String PASSWORD = "mật khẩu thử 1";
  static final Metric ONLINE = Metrics.require("online_rate");
  static final Map<String, Long> AUGUST =
      Map.of("06100", 9L, "06200", 7L, "06300", 5L, "06400", 3L);
  static final Map<String, Long> JULY = Map.of("06100", 2L, "06200", 4L, "06300", 6L, "06400", 8L);
  static final Map<String, Double> REFERENCE =
      Map.of("06100", 0.8, "06200", 0.8, "06300", 0.5, "06400", 0.8);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path usersFile;

  @BeforeAll
  static void users() {
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User("tinh", "20", Role.ADMIN, Passwords.hash(PASSWORD.toCharArray()), null),
                new User(
                    "xa", "06300", Role.ANALYST, Passwords.hash(PASSWORD.toCharArray()), null)))
        .save(usersFile);
  }

  static TargetRow target(String unit, double value) {
    return new TargetRow(
        unit,
        "online_rate",
        "Chiến dịch trực tuyến",
        value,
        LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 12, 31),
        "2025-08",
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static FakeKpiStore store(Map<String, String> names) {
    List<KpiRow> rows = new ArrayList<>();
    for (String ward : AUGUST.keySet()) {
      rows.add(
          row(ward, "2025-07", Map.of("dossiers_total", 10L, "dossiers_online", JULY.get(ward))));
      rows.add(
          row(ward, "2025-08", Map.of("dossiers_total", 10L, "dossiers_online", AUGUST.get(ward))));
    }
    rows.sort(java.util.Comparator.comparing(KpiRow::month));
    List<vn.da06.goldread.WardInfo> wards = new ArrayList<>();
    names.forEach((code, name) -> wards.add(now(code, name, "20")));
    return new FakeKpiStore(
        new InMemoryGold(
            new DataVersion(5, Instant.parse("2025-09-01T00:00:00Z"), Map.of()),
            wards,
            rows,
            rows,
            List.of(),
            List.of(),
            List.of(target("20", 0.8), target("06300", 0.5)),
            List.of()));
  }

  static Map<String, String> plainNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("06100", "Xã Một");
    names.put("06200", "Xã Hai");
    names.put("06300", "Xã Ba");
    names.put("06400", "Xã Bốn");
    return names;
  }

  interface Body {
    void accept(TestClient client) throws Exception;
  }

  static void run(String user, Steering steering, Map<String, String> names, Body body) {
    DashboardApp dashboard =
        new DashboardApp(
                store(names),
                new UserDirectory(usersFile),
                new AuditLog(dir.resolve("audit-" + System.nanoTime() + ".jsonl")),
                new DashboardApp.Settings(false, 5, Duration.ofMinutes(15), Duration.ofHours(1)),
                Goals.DEFAULT)
            .steering(steering);
    JavalinTest.test(
        dashboard.create(),
        (server, ignored) -> {
          TestClient client = new TestClient(server.port());
          client.login(user, PASSWORD);
          body.accept(client);
        });
  }

  static void run(String user, Steering steering, Body body) {
    run(user, steering, plainNames(), body);
  }

  static double online(String ward) {
    return AUGUST.get(ward) / 10.0;
  }

  /** The rank of a ward among the four by the online rate of August, best first. */
  static int expectedRank(String ward) {
    return 1 + (int) AUGUST.values().stream().filter(v -> v > AUGUST.get(ward)).count();
  }

  /**
   * The composite rank of a ward in a month: online is the only headline figure, so the composite
   * is its attainment of its reference, capped at 1 (ties share a rank).
   */
  static int compositeRank(Map<String, Long> month, String ward) {
    java.util.function.ToDoubleFunction<String> composite =
        code -> Math.min(1, month.get(code) / 10.0 / REFERENCE.get(code));
    double mine = composite.applyAsDouble(ward);
    return 1
        + (int)
            month.keySet().stream().filter(code -> composite.applyAsDouble(code) > mine).count();
  }

  @Test
  void everyCellIsColouredByItsBandTitledWithItsTargetAndLinkedToItsWard() {
    run(
        "tinh",
        Steering.DEFAULT,
        client -> {
          String html = client.get("/units/20/scorecard?month=2025-08").body();
          for (String ward : AUGUST.keySet()) {
            Band band = ONLINE.band(online(ward), REFERENCE.get(ward), Band.Margins.DEFAULT);
            Map<String, String> cell = cell(html, "scorecard", ward, ONLINE.labelVi());
            assertThat(cell.get("class")).as(ward).isEqualTo("rate " + band.cssClass());
            assertThat(cell.get("href")).startsWith("/units/" + ward + "?");
            assertThat(cell.get("title"))
                .contains(band.label(true))
                .contains(ward.equals("06300") ? "chỉ tiêu của đơn vị 50,0 %" : "chỉ tiêu của tỉnh")
                .contains("hạn 31/12/2025");
            assertThat(cell(html, "scorecard", ward, "Hạng chung").get("text"))
                .isEqualTo(String.valueOf(compositeRank(AUGUST, ward)));
          }
          // July's order was the reverse: 06100 went from 4th to 1st, 06400 from 1st to 4th.
          assertThat(compositeRank(JULY, "06100") - compositeRank(AUGUST, "06100")).isEqualTo(3);
          assertThat(cell(html, "scorecard", "06100", "Thay đổi hạng").get("text")).isEqualTo("▲3");
          assertThat(cell(html, "scorecard", "06400", "Thay đổi hạng").get("text")).isEqualTo("▼3");
          assertThat(html)
              .contains("data-testid=\"scorecard-legend-online_rate\"")
              .contains("Toàn tỉnh");
          // Sorted by a column: online rate ascending puts the worst first.
          String sorted =
              client.get("/units/20/scorecard?month=2025-08&sort=online_rate&dir=asc").body();
          assertThat(sorted.indexOf(">06400<")).isLessThan(sorted.indexOf(">06100<"));
          assertThat(html.indexOf(">06100<")).isLessThan(html.indexOf(">06400<"));
        });
  }

  @Test
  void aWardUserSeesHisRankAmongTheProvincesWardsAndTheProvinceFigureButNoOtherWard() {
    run(
        "xa",
        Steering.DEFAULT,
        client -> {
          String html = client.get("/units/06300/scorecard?month=2025-08").body();
          assertThat(html)
              .contains("data-rank=\"" + compositeRank(AUGUST, "06300") + "\" data-ranked=\"4\"")
              .contains("Hạng " + expectedRank("06300") + " / 4 · Đạt")
              .contains("Toàn tỉnh: 60,0 %");
          assertThat(html).doesNotContain("06100", "06200", "06400", "Xã Một", "Xã Hai");
          // His online figure is banded against his own target, not "1 / 1" in green.
          Band own = ONLINE.band(online("06300"), 0.5, Band.Margins.DEFAULT);
          assertThat(html)
              .contains(
                  "data-metric=\"online_rate\" data-band=\""
                      + own.apiName()
                      + "\" data-rank=\""
                      + expectedRank("06300")
                      + "\"");
          String ranking =
              client.get("/units/06300/ranking?month=2025-08&metric=online_rate").body();
          Map<String, String> rank = cell(ranking, "league", "06300", "Hạng");
          assertThat(rank.get("text")).isEqualTo(expectedRank("06300") + " / 4");
          assertThat(rank.get("class")).contains(own.cssClass());
          assertThat(ranking).doesNotContain("06100", "06200", "06400");
          // The API and the exports keep the same rule.
          JsonNode wards =
              JSON.readTree(
                  client.get("/api/v1/units/06300/wards?metric=online_rate&month=2025-08").body());
          assertThat(wards.get("wards")).hasSize(1);
          assertThat(wards.at("/wards/0/rank").asInt()).isEqualTo(expectedRank("06300"));
          assertThat(wards.get("ranked_wards").asInt()).isEqualTo(4);
          JsonNode card =
              JSON.readTree(client.get("/api/v1/units/06300/scorecard?month=2025-08").body());
          assertThat(card.get("wards")).hasSize(1);
          for (String format : List.of("csv-excel", "csv", "xlsx")) {
            byte[] export =
                client
                    .getBytes(
                        "/units/06300/scorecard/export/"
                            + format
                            + "?month=2025-08&table=scorecard")
                    .body();
            String text = format.equals("xlsx") ? XlsxText.of(export) : new String(export, "UTF-8");
            assertThat(text).as(format).contains("06300").doesNotContain("06100", "06400");
          }
          // Another ward's page stays closed.
          assertThat(client.get("/units/06100/scorecard").statusCode()).isEqualTo(403);
        });
  }

  @Test
  void whereTheProvinceAllowsItAWardUserSeesTheOtherWardsWithoutLinksToThem() {
    Steering open = new Steering(Map.of(), Map.of("20", true));
    run(
        "xa",
        open,
        client -> {
          String html = client.get("/units/06300/scorecard?month=2025-08").body();
          for (String ward : AUGUST.keySet()) {
            Map<String, String> cell = cell(html, "scorecard", ward, ONLINE.labelVi());
            assertThat(cell.get("class"))
                .isEqualTo(
                    "rate "
                        + ONLINE
                            .band(online(ward), REFERENCE.get(ward), Band.Margins.DEFAULT)
                            .cssClass());
            assertThat(cell.get("href")).isEqualTo(ward.equals("06300") ? cell.get("href") : null);
          }
          assertThat(cell(html, "scorecard", "06300", ONLINE.labelVi()).get("href")).isNotNull();
          assertThat(html).contains("Hạng " + expectedRank("06300") + " / 4");
          String ranking =
              client.get("/units/06300/ranking?month=2025-08&metric=online_rate").body();
          assertThat(ranking).contains(">06100<", ">06400<");
          JsonNode wards =
              JSON.readTree(
                  client.get("/api/v1/units/06300/wards?metric=online_rate&month=2025-08").body());
          assertThat(wards.get("wards")).hasSize(4);
        });
  }

  @Test
  void theApiAnswersTheSameBandsRanksAndMovementsAsTheScorecardPage() {
    run(
        "tinh",
        Steering.DEFAULT,
        client -> {
          String html = client.get("/units/20/scorecard?month=2025-08").body();
          JsonNode card =
              JSON.readTree(client.get("/api/v1/units/20/scorecard?month=2025-08").body());
          assertThat(card.get("wards")).hasSize(4);
          for (JsonNode ward : card.get("wards")) {
            String code = ward.get("unit_code").asText();
            assertThat(cell(html, "scorecard", code, "Hạng chung").get("text"))
                .isEqualTo(ward.get("rank").asText());
            assertThat(cell(html, "scorecard", code, "Thay đổi hạng").get("text"))
                .isEqualTo(Standings.movement(ward.get("rank_change").asInt()));
            for (Metric metric : vn.da06.warehouse.Headline.metrics()) {
              String band = ward.at("/indicators/" + metric.column() + "/band").asText();
              assertThat(cell(html, "scorecard", code, metric.labelVi()).get("class"))
                  .as(code + " " + metric.column())
                  .endsWith("band-" + band);
            }
          }
          JsonNode kpis =
              JSON.readTree(client.get("/api/v1/units/06300/kpis?month=2025-08").body());
          String ward = client.get("/units/06300/scorecard?month=2025-08").body();
          assertThat(ward)
              .contains("data-rank=\"" + kpis.get("rank").asInt() + "\" data-ranked=\"4\"");
          assertThat(kpis.at("/band/online_rate").asText())
              .isEqualTo(ONLINE.band(online("06300"), 0.5, Band.Margins.DEFAULT).apiName());
          assertThat(kpis.get("rank").asInt()).isEqualTo(compositeRank(AUGUST, "06300"));
          assertThat(kpis.get("rank_change").asInt())
              .isEqualTo(compositeRank(JULY, "06300") - compositeRank(AUGUST, "06300"));
        });
  }

  @Test
  void theHeatmapListsTheMonthsWardsByTheirLatestValueAndAWardUserOnlyHisOwn() {
    run(
        "tinh",
        Steering.DEFAULT,
        client -> {
          List<String> rows =
              heatmapRows(client.get("/units/20/ranking?month=2025-08&metric=online_rate").body());
          // ECharts draws the first category at the bottom: the best ward is the last, on top.
          List<String> expected =
              AUGUST.keySet().stream()
                  .sorted(
                      java.util.Comparator.comparing((String ward) -> AUGUST.get(ward))
                          .thenComparing(java.util.Comparator.reverseOrder()))
                  .toList();
          assertThat(rows).extracting(row -> row.substring(0, 5)).isEqualTo(expected);
        });
    run(
        "xa",
        Steering.DEFAULT,
        client ->
            assertThat(
                    heatmapRows(
                        client.get("/units/06300/ranking?month=2025-08&metric=online_rate").body()))
                .containsExactly("06300 Xã Ba"));
  }

  /** The heatmap's rows (its y axis), bottom first. */
  static List<String> heatmapRows(String html) throws Exception {
    Matcher chart = Pattern.compile("id=\"heatmap\"[^>]*data-chart=\"([^\"]*)\"").matcher(html);
    assertThat(chart.find()).as("heatmap on the page").isTrue();
    JsonNode option = JSON.readTree(unescape(chart.group(1)));
    List<String> rows = new ArrayList<>();
    option.at("/yAxis/data").forEach(node -> rows.add(node.asText()));
    return rows;
  }

  /** A cell of a table by the row's ward code and the column's header: class, text, href, title. */
  static Map<String, String> cell(String html, String table, String wardCode, String column) {
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
    Pattern tdPattern =
        Pattern.compile(
            "<td class=\"([^\"]*)\"(?: title=\"([^\"]*)\")?(?: data-label=\"[^\"]*\")?>(.*?)</td>");
    while (tr.find()) {
      List<Map<String, String>> cells = new ArrayList<>();
      Matcher td = tdPattern.matcher(tr.group(1));
      while (td.find()) {
        Map<String, String> cell = new LinkedHashMap<>();
        cell.put("class", td.group(1));
        cell.put("title", td.group(2) == null ? null : unescape(td.group(2)));
        cell.put("text", unescape(td.group(3).replaceAll("<[^>]+>", "")));
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(td.group(3));
        cell.put("href", href.find() ? unescape(href.group(1)) : null);
        cells.add(cell);
      }
      if (cells.stream().anyMatch(cell -> cell.get("text").equals(wardCode))) {
        return cells.get(index);
      }
    }
    throw new AssertionError("no row of " + wardCode + " in table " + table);
  }

  static String unescape(String text) {
    return text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
