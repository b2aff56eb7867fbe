package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.goldread.KpiStore;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/** The real server (JavalinTest) over the hand-written store of {@link FakeKpiStore#small()}. */
class DashboardAppTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "mật khẩu thử 1";
  static final String WARD_TOKEN = Tokens.newToken();
  static final String VIEWER_TOKEN = Tokens.newToken();

  @TempDir static Path dir;
  static Path usersFile;

  @BeforeAll
  static void users() {
    String hash = Passwords.hash(PASSWORD.toCharArray());
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User("tinh", "20", Role.ADMIN, hash, null),
                new User("huyen", "201", Role.ANALYST, hash, null),
                new User("xa", "06325", Role.ANALYST, hash, Tokens.hash(WARD_TOKEN)),
                new User("xem", "20", Role.VIEWER, hash, Tokens.hash(VIEWER_TOKEN))))
        .save(usersFile);
  }

  interface Body {
    void accept(TestClient client, Path audit) throws Exception;
  }

  private static void run(KpiStore store, Body body) {
    Path audit = dir.resolve("audit-" + System.nanoTime() + ".jsonl");
    DashboardApp dashboard =
        new DashboardApp(
            store,
            new UserDirectory(usersFile),
            new AuditLog(audit),
            new DashboardApp.Settings(false, 5, Duration.ofMinutes(15), Duration.ofHours(1)));
    // Today is when the fake gold was current: its 2025 targets are live.
    dashboard.clock(TodoListTest.at(2025, 8, 10));
    JavalinTest.test(
        dashboard.create(), (server, ignored) -> body.accept(new TestClient(server.port()), audit));
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void everyRouteButLoginStaticAssetsAndHealthNeedsASessionOrAToken() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          assertThat(client.get("/health").statusCode()).isEqualTo(200);
          assertThat(client.get("/login").statusCode()).isEqualTo(200);
          assertThat(client.get("/static/app.js").statusCode()).isEqualTo(200);
          assertThat(client.get(Layout.ECHARTS).statusCode()).isEqualTo(200);

          HttpResponse<String> page = client.get("/units/20/ranking?month=2025-07");
          assertThat(page.statusCode()).isEqualTo(302);
          assertThat(page.headers().firstValue("Location"))
              .hasValue("/login?next=%2Funits%2F20%2Franking%3Fmonth%3D2025-07");
          HttpResponse<String> api = client.get("/api/v1/units/20/kpis");
          assertThat(api.statusCode()).isEqualTo(401);
          assertThat(json(api).get("error").asText())
              .startsWith("Cannot answer: sign in, or send Authorization: Bearer");
          assertThat(client.get("/units/20/ranking/export/csv?table=league").statusCode())
              .isEqualTo(302);
          assertThat(client.bearer("da06_wrong").get("/api/v1/units/06325/kpis").statusCode())
              .isEqualTo(401);
        });
  }

  @Test
  void aProvinceRateIsRecomputedFromItsWardsNotAveraged() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          assertThat(client.login("tinh", PASSWORD).statusCode()).isEqualTo(302);
          JsonNode june = json(client.get("/api/v1/units/20/kpis?month=2025-06"));
          // wards 1/1, 0/9, 8/10 online: 9/20 = 45 %, where the mean of the ward rates would be 60
          // %
          assertThat(june.get("dossiers_total").asLong()).isEqualTo(20);
          assertThat(june.get("dossiers_online").asLong()).isEqualTo(9);
          assertThat(june.get("online_rate").asDouble()).isEqualTo(0.45);
          assertThat(june.get("ward_count").asInt()).isEqualTo(3);
          assertThat(june.get("data_version").asLong()).isEqualTo(7);
          assertThat(june.get("unit_code").asText()).isEqualTo("20");
          assertThat(june.has("eid_l2_coverage_rate")).isTrue();
          assertThat(june.get("eid_l2_coverage_rate").isNull()).isTrue(); // no eligible population
          // The 2025 indicators come through the one metric list: the unit's figure (NULL where
          // no ward has one) and the definition, with its helper denominator.
          assertThat(june.has("online_full_rate")).isTrue();
          assertThat(june.get("online_full_rate").isNull()).isTrue();
          assertThat(june.has("dossiers_total_with_scope")).isTrue();
          JsonNode metrics = json(client.get("/api/v1/metrics")).get("metrics");
          assertThat(metrics)
              .extracting(metric -> metric.get("column").asText())
              .contains(
                  "dossiers_online_full",
                  "online_full_rate",
                  "dossiers_fee_paid_online",
                  "dossiers_fee_paid",
                  "online_payment_rate",
                  "dossiers_resolved_digitized",
                  "digitized_result_rate");

          JsonNode ranking =
              json(client.get("/api/v1/units/20/wards?metric=online_rate&month=2025-07"));
          assertThat(ranking.get("wards"))
              .extracting(ward -> ward.get("ward_code").asText())
              .containsExactly("06400", "06325");
          assertThat(ranking.get("wards").get(0).get("online_rate").asDouble()).isEqualTo(0.9);
          assertThat(ranking.get("wards").get(0).get("rank").asInt()).isEqualTo(1);
        });
  }

  @Test
  void aWardUserSeesTodaysWardWithTheHistoryOfTheOldWardsMergedIntoIt() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.bearer(WARD_TOKEN);
          JsonNode asReported = json(client.get("/api/v1/units/06325/kpis?month=2025-06"));
          assertThat(asReported.get("ward_count").asInt()).isEqualTo(2);
          assertThat(asReported.get("dossiers_total").asLong()).isEqualTo(10);
          assertThat(asReported.get("online_rate").asDouble()).isEqualTo(0.1);
          JsonNode todays =
              json(client.get("/api/v1/units/06325/kpis?month=2025-06&wards=current"));
          assertThat(todays.get("ward_count").asInt()).isEqualTo(1);
          assertThat(todays.get("dossiers_total").asLong()).isEqualTo(10);
          assertThat(client.get("/api/v1/units/06328/kpis?month=2025-06").statusCode())
              .isEqualTo(200);
          assertThat(client.get("/units/06325?month=2025-07").statusCode()).isEqualTo(200);
        });
  }

  @Test
  void everyOtherUnitIsForbiddenOnPagesApiAndExports() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.bearer(WARD_TOKEN);
          for (String path :
              List.of(
                  "/api/v1/units/20/kpis",
                  "/api/v1/units/06400/kpis",
                  "/api/v1/units/202/kpis",
                  "/api/v1/units/20/wards?metric=online_rate",
                  "/units/20",
                  "/units/06400/ranking",
                  "/units/01/targets",
                  "/units/20/ranking/export/csv?table=league",
                  "/units/06400/overview/export/xlsx?table=metrics",
                  "/api/v1/units/99999/kpis")) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).contains("outside your unit 06325");
          }
          assertThat(Files.readString(audit))
              .contains("\"event\":\"forbidden\"", "\"path\":\"/units/20\"");

          TestClient district = new TestClient(port(client));
          assertThat(district.login("huyen", PASSWORD).statusCode()).isEqualTo(302);
          JsonNode mine = json(district.get("/api/v1/units/201/kpis?month=2025-06"));
          assertThat(mine.get("dossiers_total").asLong()).isEqualTo(10);
          assertThat(district.get("/api/v1/units/202/kpis").statusCode()).isEqualTo(403);
          assertThat(district.get("/units/20").statusCode()).isEqualTo(403);

          TestClient province = new TestClient(port(client));
          province.login("tinh", PASSWORD);
          assertThat(province.get("/api/v1/units/01/kpis").statusCode()).isEqualTo(403);
          assertThat(province.get("/api/v1/units/00001/kpis").statusCode()).isEqualTo(403);
          assertThat(province.get("/api/v1/units/201/kpis").statusCode()).isEqualTo(200);
        });
  }

  private static int port(TestClient client) {
    try {
      java.lang.reflect.Field field = TestClient.class.getDeclaredField("base");
      field.setAccessible(true);
      String base = (String) field.get(client);
      return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void mistakesInTheRequestAreExplainedNotStackTraces() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          HttpResponse<String> month = client.get("/api/v1/units/20/kpis?month=2025-13");
          assertThat(month.statusCode()).isEqualTo(400);
          assertThat(json(month).get("error").asText())
              .isEqualTo("Cannot show month '2025-13': write it yyyy-MM, e.g. 2025-07");
          HttpResponse<String> metric = client.get("/api/v1/units/20/wards?metric=nope");
          assertThat(metric.statusCode()).isEqualTo(400);
          assertThat(json(metric).get("error").asText())
              .startsWith("Cannot show metric 'nope': it is not a gold metric");
          assertThat(client.get("/api/v1/units/20/wards").statusCode()).isEqualTo(400);
          HttpResponse<String> unit = client.get("/units/2x0");
          assertThat(unit.statusCode()).isEqualTo(400);
          assertThat(unit.body()).contains("Cannot read unit code").doesNotContain("Exception");
          assertThat(client.get("/units/20/nopage").statusCode()).isEqualTo(404);
          assertThat(client.get("/units/20/ranking?wards=sometimes").statusCode()).isEqualTo(400);
          assertThat(client.get("/units/20/ranking/export/pdf?table=league").statusCode())
              .isEqualTo(400);
          assertThat(client.get("/units/20/ranking/export/csv?table=nope").statusCode())
              .isEqualTo(404);
        });
  }

  @Test
  void signInNeedsTheFormTokenIsSlowedButNeverRefusesTheRightPasswordAndIsAudited() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.get("/login");
          HttpResponse<String> noToken =
              client.post("/login", Map.of("name", "tinh", "password", PASSWORD));
          assertThat(noToken.statusCode()).isEqualTo(403);

          for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = client.login("tinh", "sai mật khẩu " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("Sai tên đăng nhập hoặc mật khẩu.");
          }
          // No lockout: after five failures the right password waits out a delay, then signs in.
          HttpResponse<String> delayed = client.login("tinh", PASSWORD);
          assertThat(delayed.statusCode()).isEqualTo(302);

          String log = Files.readString(audit);
          // Five equal failures: one line, then one line counting the four repeats.
          assertThat(log.lines().filter(line -> line.contains("\"event\":\"login_failed\"")))
              .hasSize(2)
              .last()
              .asString()
              .contains("\"repeated\":4");
          assertThat(log)
              .contains("\"event\":\"login_delayed\",\"user\":\"tinh\"", "\"event\":\"login\"")
              .doesNotContain("sai mật khẩu", PASSWORD);

          TestClient other = new TestClient(port(client));
          HttpResponse<String> ok = other.login("xa", PASSWORD);
          assertThat(ok.statusCode()).isEqualTo(302);
          assertThat(ok.headers().firstValue("Location")).hasValue("/");
          String cookie =
              ok.headers().allValues("Set-Cookie").stream()
                  .filter(c -> c.startsWith("DA06SESSION="))
                  .findFirst()
                  .orElseThrow();
          assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
          assertThat(Files.readString(audit)).contains("\"event\":\"login\",\"user\":\"xa\"");
          assertThat(other.get("/").headers().firstValue("Location")).hasValue("/units/06325");
        });
  }

  @Test
  void pagesCarrySecurityHeadersAndNoInlineScript() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          for (String page :
              List.of("", "/ranking", "/targets", "/quality", "/services", "/daily")) {
            for (String lang : List.of("", "lang=en")) {
              HttpResponse<String> response =
                  client.get("/units/20" + page + "?month=2025-07&" + lang);
              assertThat(response.statusCode()).as(page).isEqualTo(200);
              String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
              assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'");
              assertThat(response.headers().firstValue("X-Content-Type-Options"))
                  .hasValue("nosniff");
              assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
              assertThat(response.body())
                  .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                  .doesNotContain(" onclick=");
              assertThat(response.body())
                  .contains(
                      lang.isEmpty()
                          ? "dữ liệu phiên bản 7, cập nhật 07:05 01/08/2025"
                          : "data version 7, updated 07:05 01/08/2025");
            }
          }
        });
  }

  @Test
  void numbersAndRatesAreWrittenTheVietnameseWay() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          String vi = client.get("/units/20/ranking?month=2025-07&metric=online_rate").body();
          assertThat(vi).contains("90,0 %", "10,0 %", "Tỷ lệ trực tuyến");
          String en =
              client.get("/units/20/ranking?month=2025-07&metric=online_rate&lang=en").body();
          assertThat(en).contains("90.0 %", "Online rate", "<html lang=\"en\"");
        });
  }

  @Test
  void targetsServicesAndDailyReportsShowOnlyTheUnitsRows() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          String targets = client.get("/units/20/targets?month=2025-07").body();
          assertThat(targets)
              .contains("Có nguy cơ không đạt", "Đúng tiến độ", "20,0 %", "Chiến dịch 2025")
              .doesNotContain("Hà Nội");
          assertThat(targets.indexOf("20,0 %"))
              .as("furthest behind first")
              .isLessThan(targets.indexOf("90,0 %"));
          String services = client.get("/units/20/services?month=2025-07").body();
          assertThat(services)
              .contains("Đăng ký khai sinh", "40,0 %")
              .doesNotContain("Thủ tục khác"); // 4/10 online
          String daily = client.get("/units/20/daily?month=2025-07").body();
          assertThat(daily).contains("Muộn", "Thiếu", "02/07/2025", "03/07/2025");
          String csv =
              new String(
                  client.getBytes("/units/20/daily/export/csv?table=reports&month=2025-07").body(),
                  StandardCharsets.UTF_8);
          assertThat(csv)
              .contains(
                  "report_date,ward_code,ward_name,status",
                  "2025-07-02,06400,Xã Khác,LATE",
                  "2025-07-03,06400,Xã Khác,MISSING")
              .doesNotContain("06325,Xã Bắc Sơn,ON_TIME");

          TestClient ward = new TestClient(port(client)).bearer(WARD_TOKEN);
          String own = ward.get("/units/06325/targets?month=2025-07").body();
          assertThat(own).contains("20,0 %").doesNotContain("90,0 %");
        });
  }

  @Test
  void signingOutNeedsTheFormTokenAndEndsTheSession() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          assertThat(client.post("/logout", Map.of()).statusCode()).isEqualTo(403);
          String page = client.get("/units/20").body();
          java.util.regex.Matcher csrf =
              java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
          assertThat(csrf.find()).isTrue();
          HttpResponse<String> out = client.post("/logout", Map.of("_csrf", csrf.group(1)));
          assertThat(out.statusCode()).isEqualTo(302);
          assertThat(client.get("/units/20").statusCode()).isEqualTo(302);
        });
  }

  @Test
  void exportsSayWhichUnitMonthDataVersionAndFiltersAndAreAudited() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          HttpResponse<byte[]> csv =
              client.getBytes(
                  "/units/20/ranking/export/csv?table=league&month=2025-07&metric=online_rate&wards=reported");
          assertThat(csv.statusCode()).isEqualTo(200);
          assertThat(csv.headers().firstValue("Content-Disposition"))
              .hasValue("attachment; filename=\"da06-20-ranking-league-2025-07.csv\"");
          String text = new String(csv.body(), StandardCharsets.UTF_8);
          assertThat(text)
              .startsWith("\uFEFFunit,20 Tỉnh 20")
              .contains(
                  "\r\nmonth,2025-07",
                  "data_version,7",
                  "filters,wards=reported; metric=online_rate",
                  "exported_by,tinh\r\n\r\nrank,",
                  "rank,ward_code,ward_name,online_rate,online_rate_change,rank_change,"
                      + "dossiers_online,dossiers_total",
                  // July 2025 as reported: June's wards were the former ones, no change claimed.
                  "1,06400,Xã Khác,0.9,,,27,30",
                  "2,06325,Xã Bắc Sơn,0.1,,,1,10");

          HttpResponse<byte[]> xlsx =
              client.getBytes(
                  "/units/20/ranking/export/xlsx?table=league&month=2025-07&metric=online_rate&wards=current");
          assertThat(xlsx.statusCode()).isEqualTo(200);
          try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheet("league");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("unit");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("7");
            assertThat(sheet.getRow(5).getCell(1).getStringCellValue())
                .isEqualTo("wards=current; metric=online_rate");
            int header = 8;
            assertThat(sheet.getRow(header).getCell(3).getStringCellValue())
                .isEqualTo("online_rate");
            assertThat(sheet.getRow(header + 2).getCell(1).getStringCellValue()).isEqualTo("06400");
            assertThat(sheet.getRow(header + 2).getCell(3).getNumericCellValue()).isEqualTo(0.9);
          }
          assertThat(Files.readString(audit))
              .contains(
                  "\"event\":\"export\",\"user\":\"tinh\"",
                  "\"format\":\"csv\"",
                  "\"format\":\"xlsx\"",
                  "\"data_version\":7");
        });
  }

  @Test
  void withoutAWarehouseThePageSaysWhatToRun() {
    run(
        FakeKpiStore.empty(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          HttpResponse<String> page = client.get("/units/20");
          assertThat(page.statusCode()).isEqualTo(503);
          assertThat(page.body())
              .contains("Chưa có dữ liệu", "./da06 demo")
              .doesNotContain("Exception");
          HttpResponse<String> api = client.get("/api/v1/units/20/kpis");
          assertThat(api.statusCode()).isEqualTo(503);
          assertThat(json(api).get("error").asText()).contains("run ./da06 demo");
          assertThat(json(client.get("/health")).get("data_version").isNull()).isTrue();
        });
  }

  @Test
  void aViewerReadsPagesAndExportsButNotRowLevelDetailTheApiOrTheAdminPage() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          assertThat(client.login("xem", PASSWORD).statusCode()).isEqualTo(302);
          for (String page :
              List.of("", "/ranking", "/targets", "/quality", "/services", "/daily")) {
            assertThat(client.get("/units/20" + page + "?month=2025-07").statusCode())
                .as(page)
                .isEqualTo(200);
          }
          String daily = client.get("/units/20/daily?month=2025-07").body();
          assertThat(daily)
              .contains("data-table=\"wards\"", "data-testid=\"analyst-only\"")
              .doesNotContain("id=\"table-reports\"")
              .doesNotContain("data-page=\"admin\"");
          assertThat(
                  client
                      .getBytes("/units/20/daily/export/csv?table=wards&month=2025-07")
                      .statusCode())
              .isEqualTo(200);
          assertThat(
                  client
                      .getBytes("/units/20/ranking/export/xlsx?table=league&month=2025-07")
                      .statusCode())
              .isEqualTo(200);
          HttpResponse<String> rows =
              client.get("/units/20/daily/export/csv?table=reports&month=2025-07");
          assertThat(rows.statusCode()).isEqualTo(403);
          assertThat(rows.body())
              .contains("Cần vai trò analyst trở lên; xem có vai trò viewer")
              .doesNotContain("Cannot show", "needs the role"); // one language
          assertThat(
                  client
                      .get("/units/20/daily/export/csv?table=reports&month=2025-07&lang=en")
                      .body())
              .contains("needs the role analyst or higher, and xem is viewer")
              .doesNotContain("Cần vai trò");
          HttpResponse<String> api = client.get("/api/v1/units/20/kpis?month=2025-07");
          assertThat(api.statusCode()).isEqualTo(403);
          assertThat(json(api).get("error").asText())
              .startsWith("Cannot show the JSON API to xem: it needs the role analyst");
          assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
          assertThat(client.get("/admin").statusCode()).isEqualTo(403);

          TestClient script = new TestClient(port(client)).bearer(VIEWER_TOKEN);
          for (String path : List.of("/api/v1/units/20/kpis", "/api/v1/me", "/units/20")) {
            assertThat(script.get(path).statusCode()).as(path).isEqualTo(403);
          }
          assertThat(Files.readString(audit))
              .contains(
                  "\"event\":\"forbidden\",\"user\":\"xem\"",
                  "\"path\":\"/units/20/daily/export/csv\"",
                  "\"path\":\"/admin\"");
        });
  }

  @Test
  void anAnalystAlsoGetsRowLevelDetailAndTokensButNotTheAdminPage() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.bearer(WARD_TOKEN);
          assertThat(client.get("/units/06325/daily?month=2025-07").body())
              .contains("id=\"table-reports\"")
              .doesNotContain("data-testid=\"analyst-only\"");
          HttpResponse<byte[]> rows =
              client.getBytes("/units/06325/daily/export/csv?table=reports&month=2025-07");
          assertThat(rows.statusCode()).isEqualTo(200);
          assertThat(new String(rows.body(), StandardCharsets.UTF_8))
              .contains("report_date,ward_code,ward_name,status");
          assertThat(client.get("/api/v1/units/06325/kpis?month=2025-07").statusCode())
              .isEqualTo(200);
          HttpResponse<String> admin = client.get("/admin");
          assertThat(admin.statusCode()).isEqualTo(403);
          assertThat(json(admin).get("error").asText())
              .contains("needs the role admin or higher, and xa is analyst");
        });
  }

  @Test
  void anAdminSeesTheUsersOfTheirUnitAndWhatTheyDid() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          TestClient viewer = new TestClient(port(client));
          viewer.login("xem", PASSWORD);
          viewer.get("/api/v1/units/20/kpis"); // forbidden: in the audit log
          client.login("tinh", PASSWORD);
          assertThat(client.get("/units/20").body()).contains("data-page=\"admin\"");
          HttpResponse<String> page = client.get("/admin");
          assertThat(page.statusCode()).isEqualTo(200);
          String users =
              page.body()
                  .substring(
                      page.body().indexOf("data-table=\"users\""),
                      page.body().indexOf("data-table=\"audit\""));
          assertThat(users)
              .contains(
                  "<td>xem</td>", "<td>viewer</td>", "<td>huyen</td>", "<td>analyst</td>", "đã cấp")
              .doesNotContain("$2", "sha256:");
          String log = page.body().substring(page.body().indexOf("data-table=\"audit\""));
          assertThat(log)
              .contains(
                  "data-event=\"forbidden\">Bị từ chối</td>",
                  "đường dẫn /api/v1/units/20/kpis",
                  "data-event=\"login\">Đăng nhập</td>")
              .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T"); // times as dd/MM/yyyy HH:mm
          assertThat(page.body())
              .contains("id=\"lang-switch\"", "href=\"/admin?lang=en\"", "data-page=\"ranking\"");
          assertThat(client.get("/admin?lang=en").body())
              .contains("data-event=\"forbidden\">Refused</td>", "href=\"/admin\"");

          TestClient district = new TestClient(port(client));
          district.login("huyen", PASSWORD);
          assertThat(district.get("/admin").statusCode()).isEqualTo(403);
        });
  }

  @Test
  void aReusedWardCodeOpensTodaysWardOrWithEraPre2025ThePreReformWardAlone() {
    run(
        FakeKpiStore.small(),
        (client, audit) -> {
          client.login("tinh", PASSWORD);
          // 06325 is today's ward (old 06325 + old 06328) and was also the old ward 06325 alone
          JsonNode today = json(client.get("/api/v1/units/06325/kpis?month=2025-06"));
          assertThat(today.get("ward_count").asInt()).isEqualTo(2);
          assertThat(today.get("dossiers_total").asLong()).isEqualTo(10);
          JsonNode old = json(client.get("/api/v1/units/06325/kpis?month=2025-06&era=pre2025"));
          assertThat(old.get("ward_count").asInt()).isEqualTo(1);
          assertThat(old.get("dossiers_total").asLong()).isEqualTo(1);
          assertThat(old.get("unit_name").asText()).isEqualTo("Xã Bắc Sơn (cũ)");
          assertThat(old.get("era").asText()).isEqualTo("pre2025");
          assertThat(json(client.get("/api/v1/units/06325/kpis?era=pre2025")).get("month").asText())
              .as("a former ward's latest month")
              .isEqualTo("2025-06");

          String page = client.get("/units/06325?month=2025-07").body();
          assertThat(page).contains("data-testid=\"era-note\"", "era=pre2025");
          String former = client.get("/units/06325?era=pre2025").body();
          assertThat(former)
              .contains(
                  "Xã Bắc Sơn (cũ)",
                  "<option value=\"2025-06\" selected",
                  "data-era=\"current\"",
                  "name=\"era\" value=\"pre2025\"");
          String league =
              client
                  .get("/units/20/ranking?month=2025-06&metric=online_rate&wards=reported")
                  .body();
          assertThat(league)
              .contains("/units/06325?month=2025-06&amp;wards=reported&amp;era=pre2025");
          assertThat(
                  client
                      .get("/units/06325/ranking/export/csv?table=league&era=pre2025&month=2025-06")
                      .statusCode())
              .isEqualTo(200);

          assertThat(client.get("/units/06325?era=1990").statusCode()).isEqualTo(400);
          assertThat(client.get("/api/v1/units/20/kpis?era=pre2025").statusCode()).isEqualTo(400);
          assertThat(client.get("/api/v1/units/00001/kpis?era=pre2025").statusCode())
              .isEqualTo(404);

          TestClient ward = new TestClient(port(client)).bearer(WARD_TOKEN);
          assertThat(ward.get("/api/v1/units/06325/kpis?era=pre2025").statusCode()).isEqualTo(200);
          assertThat(ward.get("/api/v1/units/06400/kpis?era=pre2025").statusCode()).isEqualTo(403);
        });
  }
}
