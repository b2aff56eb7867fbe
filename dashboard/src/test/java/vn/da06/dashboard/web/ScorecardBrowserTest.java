package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.javalin.Javalin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.References;
import vn.da06.goldread.Scorecard;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.Band;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Headline;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Reference;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The scorecard and the ranking in real Chromium over the real warehouse, at 1440×900 and 390×844,
 * as the province's chair and as a ward's user: the colours are the bands {@link Metric#band} gives
 * for the figures against the reference that applies; the ward user's rank is his rank among the
 * province's wards; no page scrolls sideways on the phone; the scorecard prints on one A4 page.
 * Screenshots go to target/screenshots/.
 */
class ScorecardBrowserTest {
  static final String PASSWORD = "mật khẩu thử 2";
  static final String PROVINCE = TestWarehouse.PROVINCE;

  @TempDir static Path dir;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static Javalin app;
  static ChromeDriver driver;
  static Path screenshots;
  static String base;
  static String month;
  static String ward; // the ward user's ward: one in the middle of the province's scorecard

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(BrowserTest.CHROMIUM)
        || !Files.isExecutable(BrowserTest.CHROMEDRIVER)) {
      String message =
          "Cannot run the browser tests: Chromium or chromedriver is missing (apt-get install"
              + " chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    store = new DeltaKpiStore(TestWarehouse.get(), null, THREADS);
    store.refresh();
    GoldData gold = store.current();
    List<String> months = gold.months(WardView.AS_REPORTED);
    month = months.get(months.size() - 1);
    Scorecard card = scorecard(gold);
    ward = card.wards().get(card.wards().size() / 2).unitCode();
    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "tinh", PROVINCE, Role.ADMIN, Passwords.hash(PASSWORD.toCharArray()), null),
                new User("xa", ward, Role.VIEWER, Passwords.hash(PASSWORD.toCharArray()), null)))
        .save(users);
    app =
        new DashboardApp(
                store,
                new UserDirectory(users),
                new AuditLog(dir.resolve("audit.jsonl")),
                DashboardApp.Settings.defaults())
            .create()
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
    screenshots =
        Files.createDirectories(
            Path.of(System.getProperty("basedir", "."), "target", "screenshots"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BrowserTest.CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=vi",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserTest.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.stop();
    }
    if (store != null) {
      store.close();
    }
    THREADS.close();
  }

  static Scorecard scorecard(GoldData gold) {
    UnitScope province = gold.unit(PROVINCE).orElseThrow();
    return Scorecard.of(
        gold,
        new References(gold, province, Goals.DEFAULT),
        Steering.DEFAULT,
        WardView.AS_REPORTED,
        province,
        month);
  }

  @Test
  void theProvinceChairsScorecardIsColouredByTheBandsOfItsFigures() throws Exception {
    signIn("tinh");
    GoldData gold = store.current();
    UnitScope province = gold.unit(PROVINCE).orElseThrow();
    References references = new References(gold, province, Goals.DEFAULT);
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      driver.manage().window().setSize(size);
      open("/units/" + PROVINCE + "/scorecard?month=" + month);
      List<Metric> metrics = Headline.metrics();
      @SuppressWarnings("unchecked")
      List<List<String>> rows =
          (List<List<String>>)
              js(
                  "return [...document.querySelectorAll('table[data-table=scorecard] tbody tr')]"
                      + ".map(tr => [...tr.cells].map(td => td.className + '|' + td.textContent));");
      int checked = 0;
      for (List<String> row : rows.subList(1, rows.size())) { // the first line is the province
        String code = row.get(row.size() - 1).split("\\|", -1)[1];
        KpiRow figures =
            gold.kpis(WardView.AS_REPORTED, province, month, month).stream()
                .filter(r -> r.wardCode().equals(code))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < metrics.size(); i++) {
          Metric metric = metrics.get(i);
          Object value = figures.value(metric.column());
          Reference reference = references.reference(metric, code, month).orElse(null);
          Band expected =
              metric.band(
                  value == null ? null : ((Number) value).doubleValue(),
                  reference == null ? null : reference.value(),
                  Band.Margins.DEFAULT);
          String className = row.get(4 + i).split("\\|", -1)[0];
          assertThat(className).as(code + " " + metric.column()).endsWith(expected.cssClass());
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(metrics.size() * 10);
      assertNoSidewaysScroll("scorecard " + size);
      screenshot("scorecard-province-" + size.getWidth());
      open("/units/" + PROVINCE + "/ranking?month=" + month);
      waitForCharts();
      assertNoSidewaysScroll("ranking " + size);
      screenshot("ranking-province-" + size.getWidth());
      // The heatmap shows the month's own wards only (today's after July 2025), never the former
      // and current wards of a span across the reform.
      long heatmapRows =
          (Long)
              js(
                  "return JSON.parse(document.getElementById('heatmap').dataset.chart)"
                      + ".yAxis.data.length;");
      assertThat(heatmapRows)
          .isEqualTo(gold.kpis(WardView.AS_REPORTED, province, month, month).size());
      js("document.getElementById('heatmap').scrollIntoView();");
      screenshot("ranking-heatmap-province-" + size.getWidth());
    }
    // "In": the scorecard fits one A4 landscape page.
    driver.manage().window().setSize(new Dimension(1440, 900));
    open("/units/" + PROVINCE + "/scorecard?month=" + month);
    Map<String, Object> pdf =
        driver.executeCdpCommand(
            "Page.printToPDF", Map.of("preferCSSPageSize", true, "printBackground", true));
    byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
    Files.write(screenshots.resolve("scorecard-print.pdf"), bytes);
    assertThat(pages(bytes)).as("pages of the printed scorecard").isEqualTo(1);
  }

  @Test
  void aWardUserSeesHisRankAmongTheProvincesWardsAndNoPageScrollsSideways() throws Exception {
    signIn("xa");
    GoldData gold = store.current();
    UnitScope province = gold.unit(PROVINCE).orElseThrow();
    List<KpiRow> rows = gold.kpis(WardView.AS_REPORTED, province, month, month);
    Metric metric = Metrics.require(Pages.DEFAULT_RANKING_METRIC);
    double mine = value(rows, ward, metric);
    // His rank by the default ranking metric: one more than the wards with a better figure.
    long better =
        rows.stream()
            .map(row -> row.value(metric.column()))
            .filter(v -> v != null && ((Number) v).doubleValue() > mine)
            .count();
    long ranked = rows.stream().filter(row -> row.value(metric.column()) != null).count();
    assertThat(ranked).isGreaterThan(1);
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      driver.manage().window().setSize(size);
      open("/units/" + ward + "/ranking?month=" + month);
      waitForCharts();
      String rank =
          driver
              .findElement(By.cssSelector("table[data-table=league] tbody tr:nth-child(2) td"))
              .getText();
      assertThat(rank).isEqualTo((better + 1) + " / " + ranked);
      assertThat(driver.findElements(By.cssSelector("table[data-table=league] tbody tr")))
          .hasSize(2); // the province's figure and his own
      assertNoSidewaysScroll("ward ranking " + size);
      screenshot("ranking-ward-" + size.getWidth());

      open("/units/" + ward + "/scorecard?month=" + month);
      Scorecard card = scorecard(gold);
      var standing = driver.findElement(By.cssSelector(".standing-rank"));
      assertThat(standing.getAttribute("data-rank"))
          .isEqualTo(String.valueOf(card.ward(ward).orElseThrow().rank()));
      assertThat(standing.getAttribute("data-ranked")).isEqualTo(String.valueOf(card.ranked()));
      assertThat(card.ranked()).isGreaterThan(1);
      for (var cardElement : driver.findElements(By.cssSelector(".standing-card"))) {
        Metric shown = Metrics.require(cardElement.getAttribute("data-metric"));
        Scorecard.Cell cell = card.ward(ward).orElseThrow().cell(shown);
        assertThat(cardElement.getAttribute("class")).contains(cell.band().cssClass());
      }
      assertThat(driver.findElements(By.cssSelector("table[data-table=scorecard] tbody tr")))
          .hasSize(2);
      assertNoSidewaysScroll("ward scorecard " + size);
      screenshot("scorecard-ward-" + size.getWidth());
    }
  }

  private static double value(List<KpiRow> rows, String code, Metric metric) {
    return rows.stream()
        .filter(row -> row.wardCode().equals(code))
        .map(row -> ((Number) row.value(metric.column())).doubleValue())
        .findFirst()
        .orElseThrow();
  }

  private static void signIn(String name) {
    driver.manage().deleteAllCookies();
    driver.get(base + "/login");
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().startsWith(base + "/units/"));
  }

  private static void open(String path) {
    driver.get(base + path);
    assertThat(driver.getTitle()).doesNotContain("Không thể hiển thị");
  }

  private static void waitForCharts() {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                d.findElements(By.cssSelector(".chart")).stream()
                    .allMatch(chart -> "true".equals(chart.getAttribute("data-rendered"))));
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static void assertNoSidewaysScroll(String what) {
    long scrollWidth = (Long) js("return document.scrollingElement.scrollWidth;");
    long innerWidth = (Long) js("return window.innerWidth;");
    assertThat(scrollWidth).as("page width of " + what).isLessThanOrEqualTo(innerWidth);
  }

  /** The page count of a PDF Chromium wrote: the /Count of its page tree. */
  private static int pages(byte[] pdf) {
    String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
    Matcher count = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)").matcher(text);
    List<Integer> counts = new ArrayList<>();
    while (count.find()) {
      counts.add(Integer.parseInt(count.group(1)));
    }
    if (counts.isEmpty()) {
      Matcher reversed = Pattern.compile("/Count\\s+(\\d+)").matcher(text);
      while (reversed.find()) {
        counts.add(Integer.parseInt(reversed.group(1)));
      }
    }
    assertThat(counts).as("page tree of the PDF").isNotEmpty();
    return counts.stream().max(Integer::compare).orElseThrow();
  }

  private static void screenshot(String name) throws Exception {
    File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        file.toPath(),
        screenshots.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
