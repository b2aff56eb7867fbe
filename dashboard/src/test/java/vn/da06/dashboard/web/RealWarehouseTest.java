package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/** The server over a real Delta warehouse written by the pipeline (Lạng Sơn, province 20). */
class RealWarehouseTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROVINCE_TOKEN = Tokens.newToken();
  static final String WARD_TOKEN = Tokens.newToken();

  @TempDir static Path dir;
  static Path warehouse;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static GoldData gold;
  static UnitScope mergedWard;
  static Path usersFile;

  @BeforeAll
  static void start() {
    warehouse = TestWarehouse.get();
    store = new DeltaKpiStore(warehouse, null, THREADS);
    store.refresh();
    gold = store.current();
    UnitScope province = gold.unit(TestWarehouse.PROVINCE).orElseThrow();
    mergedWard =
        province.currentWards().stream()
            .sorted()
            .map(code -> gold.unit(code).orElseThrow())
            .filter(ward -> ward.preReformWards().size() >= 2)
            .findFirst()
            .orElseThrow();
    String hash = Passwords.hash("mật khẩu thử 1".toCharArray());
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "tinh",
                    TestWarehouse.PROVINCE,
                    Role.ANALYST,
                    hash,
                    Tokens.hash(PROVINCE_TOKEN)),
                new User("xa", mergedWard.code(), Role.ANALYST, hash, Tokens.hash(WARD_TOKEN))))
        .save(usersFile);
  }

  @AfterAll
  static void stop() {
    store.close();
    THREADS.close();
  }

  private static void run(Body body) {
    DashboardApp dashboard =
        new DashboardApp(
            store,
            new UserDirectory(usersFile),
            new AuditLog(dir.resolve("audit.jsonl")),
            DashboardApp.Settings.defaults());
    // Today is the day after the warehouse's latest month: its targets of that time are live.
    java.util.List<String> months = gold.months(WardView.AS_REPORTED);
    java.time.LocalDate today =
        java.time.YearMonth.parse(months.get(months.size() - 1)).plusMonths(1).atDay(1);
    dashboard.clock(
        java.time.Clock.fixed(
            today.atTime(9, 0).atZone(PageContext.VIETNAM).toInstant(), PageContext.VIETNAM));
    JavalinTest.test(dashboard.create(), (server, ignored) -> body.accept(server.port()));
  }

  interface Body {
    void accept(int port) throws Exception;
  }

  @Test
  void provinceFiguresAreSummedCountsAndRatesRecomputedFromTheGoldWardRows() {
    String month = "2025-06";
    // Independently of the dashboard's aggregation: straight from the rows of gold.ward_month_kpis.
    List<Map<String, Object>> rows =
        new DeltaTableReader()
                .read(
                    Path.of(
                        Tables.location(warehouse.toString(), Tables.GOLD, Tables.WARD_MONTH_KPIS)))
                .rows()
                .stream()
                .filter(
                    row ->
                        month.equals(row.get("month"))
                            && gold.unit(TestWarehouse.PROVINCE)
                                .orElseThrow()
                                .preReformWards()
                                .contains((String) row.get("ward_code")))
                .toList();
    assertThat(rows).hasSizeGreaterThan(10);
    run(
        port -> {
          JsonNode body =
              JSON.readTree(
                  new TestClient(port)
                      .bearer(PROVINCE_TOKEN)
                      .get("/api/v1/units/20/kpis?month=" + month)
                      .body());
          assertThat(body.get("ward_count").asInt()).isEqualTo(rows.size());
          assertThat(body.get("data_version").asLong()).isEqualTo(gold.version().version());
          for (Metric metric : Metrics.ALL) {
            if (metric.isRate()) {
              long numerator = sum(rows, metric.numerator());
              long denominator = sum(rows, metric.denominator());
              if (denominator == 0) {
                assertThat(body.get(metric.column()).isNull()).as(metric.column()).isTrue();
              } else {
                assertThat(body.get(metric.column()).asDouble())
                    .as(metric.column())
                    .isCloseTo(
                        (double) numerator / denominator,
                        org.assertj.core.data.Offset.offset(1e-12));
              }
            } else if (rows.stream().anyMatch(row -> row.get(metric.column()) != null)) {
              assertThat(body.get(metric.column()).asLong())
                  .as(metric.column())
                  .isEqualTo(sum(rows, metric.column()));
            }
          }
          double online = body.get("online_rate").asDouble();
          double mean =
              rows.stream()
                  .map(row -> (Double) row.get("online_rate"))
                  .filter(v -> v != null)
                  .mapToDouble(Double::doubleValue)
                  .average()
                  .orElseThrow();
          assertThat(online)
              .as("recomputed, not the mean of ward rates")
              .isNotCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        });
  }

  private static long sum(List<Map<String, Object>> rows, String column) {
    return rows.stream()
        .map(row -> (Number) row.get(column))
        .filter(v -> v != null)
        .mapToLong(Number::longValue)
        .sum();
  }

  @Test
  void theLeagueTableListsEveryWardOfTheProvinceForTheMonth() {
    run(
        port -> {
          String month =
              gold.months(WardView.AS_REPORTED).get(gold.months(WardView.AS_REPORTED).size() - 1);
          JsonNode body =
              JSON.readTree(
                  new TestClient(port)
                      .bearer(PROVINCE_TOKEN)
                      .get("/api/v1/units/20/wards?metric=eid_l2_coverage_rate&month=" + month)
                      .body());
          int expected =
              gold.kpis(WardView.AS_REPORTED, gold.unit("20").orElseThrow(), month, month).size();
          assertThat(body.get("wards").size()).isEqualTo(expected).isGreaterThan(10);
          double previous = Double.MAX_VALUE;
          for (JsonNode ward : body.get("wards")) {
            if (!ward.get("eid_l2_coverage_rate").isNull()) {
              assertThat(ward.get("eid_l2_coverage_rate").asDouble()).isLessThanOrEqualTo(previous);
              previous = ward.get("eid_l2_coverage_rate").asDouble();
            }
          }
        });
  }

  @Test
  void aWardUserGetsOnlyTheirWardAnd403ForEveryOtherUnit() {
    run(
        port -> {
          TestClient ward = new TestClient(port).bearer(WARD_TOKEN);
          JsonNode before =
              JSON.readTree(
                  ward.get("/api/v1/units/" + mergedWard.code() + "/kpis?month=2025-06").body());
          assertThat(before.get("ward_count").asInt())
              .isEqualTo(mergedWard.preReformWards().size());
          JsonNode todays =
              JSON.readTree(
                  ward.get(
                          "/api/v1/units/"
                              + mergedWard.code()
                              + "/kpis?month=2025-06&wards=current")
                      .body());
          assertThat(todays.get("ward_count").asInt()).isEqualTo(1);
          assertThat(todays.get("eid_applications_l2").asLong())
              .isEqualTo(before.get("eid_applications_l2").asLong());
          String otherWard =
              gold.unit("20").orElseThrow().currentWards().stream()
                  .filter(code -> !code.equals(mergedWard.code()))
                  .sorted()
                  .findFirst()
                  .orElseThrow();
          for (String path :
              List.of(
                  "/api/v1/units/20/kpis",
                  "/api/v1/units/" + otherWard + "/kpis",
                  "/api/v1/units/01/kpis",
                  "/units/20",
                  "/units/" + otherWard + "/ranking",
                  "/units/20/targets/export/csv?table=targets")) {
            assertThat(ward.get(path).statusCode()).as(path).isEqualTo(403);
          }
          TestClient province = new TestClient(port).bearer(PROVINCE_TOKEN);
          assertThat(province.get("/api/v1/units/01/kpis").statusCode()).isEqualTo(403);
          assertThat(province.get("/api/v1/units/" + otherWard + "/kpis").statusCode())
              .isEqualTo(200);
        });
  }

  @Test
  void everyPageRendersOverTheRealWarehouse() {
    run(
        port -> {
          TestClient client = new TestClient(port).bearer(PROVINCE_TOKEN);
          for (String unit : List.of("20", mergedWard.code())) {
            for (String page :
                List.of("", "/ranking", "/targets", "/quality", "/services", "/daily")) {
              for (String query : List.of("", "?wards=current", "?month=2025-06&lang=en")) {
                HttpResponse<String> response = client.get("/units/" + unit + page + query);
                assertThat(response.statusCode()).as(unit + page + query).isEqualTo(200);
                assertThat(response.body()).contains("data-chart=");
              }
            }
          }
        });
  }

  @Test
  void aNewerDeltaVersionIsLoadedAndSwappedInWhole() throws Exception {
    Path copy = dir.resolve("copy");
    copyTree(warehouse, copy);
    try (DeltaKpiStore watched = new DeltaKpiStore(copy, null, THREADS)) {
      watched.refresh();
      GoldData first = watched.current();
      assertThat(watched.refresh()).as("nothing new").isFalse();
      assertThat(watched.current()).isSameAs(first);

      // A new commit of ward_month_kpis (a no-op commit, as an idempotent re-run writes).
      Path log = copy.resolve("gold/ward_month_kpis/_delta_log");
      long next = first.version().version() + 1;
      Files.writeString(
          log.resolve(String.format("%020d.json", next)),
          "{\"commitInfo\":{\"timestamp\":"
              + System.currentTimeMillis()
              + ",\"operation\":\"WRITE\","
              + "\"operationParameters\":{},\"isBlindAppend\":true}}\n");

      assertThat(watched.refresh()).isTrue();
      GoldData second = watched.current();
      assertThat(second).isNotSameAs(first);
      assertThat(second.version().version()).isEqualTo(next);
      assertThat(first.version().version())
          .isEqualTo(next - 1); // a request holding the old data keeps it whole
      assertThat(second.months(WardView.AS_REPORTED)).isEqualTo(first.months(WardView.AS_REPORTED));
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @Test
  void theServedVersionIsTheLatestCommitOfTheKpiTable() {
    assertThat(gold.version().tableVersions()).containsKey(Tables.WARD_MONTH_KPIS);
    assertThat(gold.version().version())
        .isEqualTo(gold.version().tableVersions().get(Tables.WARD_MONTH_KPIS));
    assertThat(Duration.between(gold.version().updatedAt(), java.time.Instant.now()))
        .isLessThan(Duration.ofDays(1));
  }

  @Test
  void aReusedPreReformWardCodeOpensAloneWithEraPre2025() throws Exception {
    // A code of both lists in gold.dim_ward; preferably one whose old ward went to a ward of
    // another code.
    List<Map<String, Object>> dim =
        new DeltaTableReader()
            .read(Path.of(Tables.location(warehouse.toString(), Tables.GOLD, Tables.DIM_WARD)))
            .rows();
    Map<String, Map<String, Object>> current = new java.util.HashMap<>();
    for (Map<String, Object> row : dim) {
      if ("POST_REFORM".equals(row.get("era"))
          && TestWarehouse.PROVINCE.equals(row.get("province_code"))) {
        current.put((String) row.get("ward_code"), row);
      }
    }
    Map<String, Object> old =
        dim.stream()
            .filter(
                row ->
                    "PRE_REFORM".equals(row.get("era"))
                        && current.containsKey((String) row.get("ward_code")))
            .sorted(
                java.util.Comparator.comparing(
                        (Map<String, Object> row) ->
                            row.get("ward_code").equals(row.get("current_ward_code")) ? 1 : 0)
                    .thenComparing(row -> (String) row.get("ward_code")))
            .findFirst()
            .orElseThrow();
    String code = (String) old.get("ward_code");
    String month = "2025-06";
    Map<String, Object> goldRow =
        new DeltaTableReader()
                .read(
                    Path.of(
                        Tables.location(warehouse.toString(), Tables.GOLD, Tables.WARD_MONTH_KPIS)))
                .rows()
                .stream()
                .filter(row -> code.equals(row.get("ward_code")) && month.equals(row.get("month")))
                .findFirst()
                .orElseThrow();
    UnitScope today = gold.unit(code).orElseThrow();
    run(
        port -> {
          TestClient client = new TestClient(port).bearer(PROVINCE_TOKEN);
          JsonNode former =
              JSON.readTree(
                  client
                      .get("/api/v1/units/" + code + "/kpis?month=" + month + "&era=pre2025")
                      .body());
          assertThat(former.get("unit_name").asText()).isEqualTo(old.get("ward_name"));
          assertThat(former.get("era").asText()).isEqualTo("pre2025");
          assertThat(former.get("ward_count").asInt()).isEqualTo(1);
          assertThat(former.get("eid_applications_l2").asLong())
              .isEqualTo(((Number) goldRow.get("eid_applications_l2")).longValue());
          assertThat(former.get("dossiers_total").asLong())
              .isEqualTo(((Number) goldRow.get("dossiers_total")).longValue());
          JsonNode now =
              JSON.readTree(client.get("/api/v1/units/" + code + "/kpis?month=" + month).body());
          assertThat(now.get("unit_name").asText()).isEqualTo(current.get(code).get("ward_name"));
          assertThat(now.get("ward_count").asInt()).isEqualTo(today.preReformWards().size());
          assertThat(now.has("era")).isFalse();

          String link = "/units/" + code + "?month=" + month + "&amp;era=pre2025";
          assertThat(client.get("/units/" + code + "?month=2025-07").body())
              .contains("data-testid=\"era-note\"", link);
          // Wards as reported (today's wards are the default): a former ward's row links to its
          // era.
          assertThat(client.get("/units/20/ranking?month=" + month + "&wards=reported").body())
              .contains(
                  "/units/" + code + "?month=" + month + "&amp;wards=reported&amp;era=pre2025");
          HttpResponse<String> page = client.get("/units/" + code + "?era=pre2025");
          assertThat(page.statusCode()).isEqualTo(200);
          assertThat(page.body())
              .contains(
                  Html.esc((String) old.get("ward_name")),
                  "<option value=\"2025-06\" selected",
                  "data-era=\"current\"");
        });
  }
}
