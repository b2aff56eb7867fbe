package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.UnitScope;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * Charts and the ward map in real headless Chromium over the real warehouse: every chart's tooltip,
 * hovered with the mouse, writes its figure as the page does (checked against {@link Lang}, in
 * Vietnamese and English); every chart over the reform shows its labelled line; a ward of the map
 * (from a boundary file the test writes) leads to its page. Screenshots of the charts pages at
 * 1440×900 and 390×844 go to target/screenshots/.
 */
class ChartsBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String PASSWORD = "mật khẩu thử 1";
  static final List<String> CHART_PAGES =
      List.of("overview", "ranking", "targets", "quality", "services", "daily");

  @TempDir static Path dir;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static Javalin app;
  static ChromeDriver driver;
  static Path screenshots;
  static String base;
  static String missingWard;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "Cannot run the browser tests: "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing (install them with: apt-get install chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    store = new DeltaKpiStore(TestWarehouse.get(), null, THREADS);
    store.refresh();
    // Squares for every ward of the province but one, and a code that is no ward.
    UnitScope province = store.current().unit(TestWarehouse.PROVINCE).orElseThrow();
    List<String> wards = new ArrayList<>(new TreeSet<>(province.currentWards()));
    missingWard = wards.remove(wards.size() - 1);
    wards.add("99999");
    Path boundaries = SquareBoundaries.write(dir.resolve("wards.geojson"), wards);

    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "tinh",
                    TestWarehouse.PROVINCE,
                    Role.VIEWER,
                    Passwords.hash(PASSWORD.toCharArray()),
                    null)))
        .save(users);
    app =
        new DashboardApp(
                store,
                new UserDirectory(users),
                new AuditLog(dir.resolve("audit.jsonl")),
                DashboardApp.Settings.defaults())
            .boundaries(WardBoundaries.read(boundaries))
            .create()
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
    screenshots =
        Files.createDirectories(
            Path.of(System.getProperty("basedir", "."), "target", "screenshots"));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,900",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.get(base + "/login");
    driver.findElement(By.id("name")).sendKeys("tinh");
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/units/"));
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
  }

  /** Opens a page and waits until every chart has drawn (app.js's data-charts-finished). */
  private static void open(String path) {
    driver.get(base + path);
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.documentElement.getAttribute('data-charts-finished')"));
  }

  private static void screenshot(String name) throws Exception {
    Path file = screenshots.resolve(name + ".png");
    // the whole page, not only the window
    String data =
        (String)
            driver
                .executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true))
                .get("data");
    Files.write(file, java.util.Base64.getDecoder().decode(data));
  }

  /**
   * Where to hover to show a chart's tooltip at one figure of its first series (a point in the
   * middle that has a value), and that figure as the server sent it.
   */
  private static final String POINT =
      """
      var element = arguments[0];
      var chart = echarts.getInstanceByDom(element);
      var raw = JSON.parse(element.getAttribute('data-chart'));
      var series = raw.series[0];
      function valueOf(d) { return d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d; }
      var indices = [];
      series.data.forEach(function (d, i) {
        var v = valueOf(d);
        var figure = Array.isArray(v) ? v[series.type === 'heatmap' ? 2 : 1] : v;
        if (figure !== null && figure !== '-' && figure !== undefined) indices.push(i);
      });
      if (indices.length === 0) return null;
      var i = indices[Math.floor(indices.length / 2)];
      var v = valueOf(series.data[i]);
      var point, figure, x = null;
      if (series.type === 'heatmap') { point = [v[0], v[1]]; figure = v[2]; }
      else if (Array.isArray(v)) { point = [v[0], v[1] / 2]; figure = v[1]; x = v[0]; }
      else if (raw.yAxis.type === 'category') { point = [v / 2, raw.yAxis.data[i]]; figure = v; }
      else { point = [raw.xAxis.data[i], v / 2]; figure = v; }
      var pixel = chart.convertToPixel({seriesIndex: 0}, point);
      return {x: pixel[0], y: pixel[1], figure: figure, format: raw.da06.format, day: x,
              width: element.clientWidth, height: element.clientHeight,
              time: raw.xAxis.type === 'time'};
      """;

  /** The text a chart's tooltip shows when the mouse is over the figure {@link #POINT} chose. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> hover(WebElement chart) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
    Map<String, Object> point =
        (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(POINT, chart);
    if (point == null) {
      return null;
    }
    int x = (int) Math.round(((Number) point.get("x")).doubleValue());
    int y = (int) Math.round(((Number) point.get("y")).doubleValue());
    // the point in the middle of the window (a tall heatmap is higher than the window), then the
    // mouse there, in the window's coordinates
    @SuppressWarnings("unchecked")
    List<Number> at =
        (List<Number>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "var r = arguments[0].getBoundingClientRect();"
                        + " window.scrollBy(0, r.top + arguments[2] - window.innerHeight / 2);"
                        + " r = arguments[0].getBoundingClientRect();"
                        + " return [Math.round(r.left + arguments[1]), Math.round(r.top + arguments[2])];",
                    chart,
                    x,
                    y);
    new Actions(driver)
        .moveToLocation(at.get(0).intValue(), at.get(1).intValue())
        .pause(Duration.ofMillis(50))
        .moveToLocation(at.get(0).intValue() + 1, at.get(1).intValue())
        .perform();
    Object text =
        new WebDriverWait(driver, Duration.ofSeconds(5))
            .until(
                d ->
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "var t = arguments[0].querySelector('.chart-tooltip');"
                                + " return t && t.style.display !== 'none' && t.innerText.trim() ? t.innerText : null;",
                            chart));
    point.put("tooltip", text.toString());
    return point;
  }

  /** The figure as the page's tables write it ({@link Lang}): 84,2 %; 38.451; 2,5. */
  private static String expected(Lang lang, Map<String, Object> point) {
    double figure = ((Number) point.get("figure")).doubleValue();
    return switch ((String) point.get("format")) {
      case "percent" -> lang.rate(figure / 100);
      case "count" -> lang.count(figure);
      default -> lang.decimal(figure);
    };
  }

  @Test
  void everyChartsTooltipWritesItsFigureAsThePageDoesInBothLanguages() {
    for (Lang lang : Lang.values()) {
      int hovered = 0;
      for (String page : CHART_PAGES) {
        String path =
            "/units/"
                + TestWarehouse.PROVINCE
                + (page.equals("overview") ? "" : "/" + page)
                + (lang == Lang.EN ? "?lang=en" : "");
        open(path);
        for (WebElement chart : driver.findElements(By.cssSelector("[data-chart]"))) {
          Map<String, Object> point = hover(chart);
          if (point == null) {
            continue; // a chart without any figure (no targets in this warehouse)
          }
          hovered++;
          String tooltip = (String) point.get("tooltip");
          String where = path + " #" + chart.getAttribute("id") + ": " + tooltip;
          assertThat(tooltip).as(where).contains(expected(lang, point));
          if (Boolean.TRUE.equals(point.get("time"))) {
            // the header is the point's month as the page writes it: 07/2025
            assertThat(tooltip.lines().findFirst().orElseThrow())
                .as(where)
                .isEqualTo(lang.month(((String) point.get("day")).substring(0, 7)));
          }
          assertThat(tooltip).as(where).doesNotContain("NaN").doesNotContain("undefined");
        }
      }
      assertThat(hovered).as("charts hovered in " + lang).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void everyChartOverTheReformShowsItsLabelledLine() {
    for (Lang lang : Lang.values()) {
      int marked = 0;
      for (String page : List.of("overview", "quality")) {
        open(
            "/units/"
                + TestWarehouse.PROVINCE
                + (page.equals("overview") ? "" : "/" + page)
                + (lang == Lang.EN ? "?lang=en" : ""));
        for (WebElement chart : driver.findElements(By.cssSelector("[data-chart]"))) {
          @SuppressWarnings("unchecked")
          Map<String, Object> range =
              (Map<String, Object>)
                  ((JavascriptExecutor) driver)
                      .executeScript(
                          "var raw = JSON.parse(arguments[0].getAttribute('data-chart'));"
                              + " if (raw.xAxis.type !== 'time') return null;"
                              + " var days = raw.series[0].data.map(function (d) { return d[0]; });"
                              + " return {first: days[0], last: days[days.length - 1]};",
                          chart);
          if (range == null
              || ((String) range.get("first")).compareTo("2025-07-01") >= 0
              || ((String) range.get("last")).compareTo("2025-07-01") < 0) {
            continue;
          }
          marked++;
          assertThat(chart.getText())
              .as(page + " #" + chart.getAttribute("id"))
              .contains(lang.t("chart.reform"));
        }
      }
      assertThat(marked).as("charts over the reform in " + lang).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aWardOfTheMapLeadsToItsPageAndTheCheckNamesTheCodesThatDoNotMatch() throws Exception {
    open("/units/" + TestWarehouse.PROVINCE + "/map?metric=online_rate");
    List<WebElement> wards = driver.findElements(By.cssSelector("[data-testid=ward-map] a"));
    assertThat(wards)
        .hasSize(
            store.current().unit(TestWarehouse.PROVINCE).orElseThrow().currentWards().size() - 1);
    assertThat(driver.findElement(By.cssSelector("[data-testid=map-missing-wards]")).getText())
        .contains(missingWard);
    assertThat(driver.findElement(By.cssSelector("[data-testid=map-unknown-codes]")).getText())
        .contains("99999");
    for (WebElement path : driver.findElements(By.cssSelector("[data-testid=ward-map] path"))) {
      assertThat(path.getAttribute("data-band")).isIn("met", "close", "behind", "none");
    }

    WebElement ward = wards.get(wards.size() / 2);
    String code = ward.getAttribute("data-ward");
    String name = store.current().unit(code).orElseThrow().name();
    ward.findElement(By.tagName("path")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().contains("/units/" + code));
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains(name);
  }

  @Test
  void screenshotsOfTheChartsPagesOnADesktopAndAPhone() throws Exception {
    Map<String, String> pages =
        Map.of(
            "overview", "",
            "services", "/services",
            "quality", "/quality",
            "map", "/map?metric=online_rate");
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      driver.manage().window().setSize(size);
      for (Map.Entry<String, String> page : pages.entrySet()) {
        open("/units/" + TestWarehouse.PROVINCE + page.getValue());
        Long overflow =
            (Long)
                ((JavascriptExecutor) driver)
                    .executeScript(
                        "return document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth;");
        screenshot("charts-" + page.getKey() + "-" + size.getWidth() + "x" + size.getHeight());
        if (page.getKey().equals("map") || page.getKey().equals("services")) {
          assertThat(overflow).as(page.getKey() + " at " + size).isLessThanOrEqualTo(0);
        }
      }
    }
    driver.manage().window().setSize(new Dimension(1440, 900));
    assertThat(screenshots.resolve("charts-map-390x844.png").toFile()).exists();
  }
}
