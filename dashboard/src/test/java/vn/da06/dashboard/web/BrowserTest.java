package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.javalin.Javalin;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.TestWarehouse;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * End to end in real headless Chromium (Debian chromium + chromium-driver) against the real server
 * over the real warehouse: sign in, every page with its charts, no console errors, drill-down,
 * language, export. Screenshots go to target/screenshots/.
 */
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String PASSWORD = "mật khẩu thử 1";

  @TempDir static Path dir;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static Javalin app;
  static WebDriver driver;
  static Path downloads;
  static Path screenshots;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "Cannot run the browser tests: "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing (install them with: apt-get install chromium chromium-driver, or run ./da06 test)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    store = new DeltaKpiStore(TestWarehouse.get(), null, THREADS);
    store.refresh();
    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "tinh.langson",
                    TestWarehouse.PROVINCE,
                    Role.ADMIN,
                    Passwords.hash(PASSWORD.toCharArray()),
                    null)))
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

    downloads = Files.createDirectories(dir.resolve("downloads"));
    screenshots =
        Files.createDirectories(
            Path.of(System.getProperty("basedir", "."), "target", "screenshots"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
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

  @Test
  void aChairSignsInOpensEveryPageDrillsDownSwitchesLanguageAndDownloadsAnExport()
      throws Exception {
    driver.get(base + "/units/20");
    assertThat(driver.getCurrentUrl()).startsWith(base + "/login");
    screenshot("00-login");
    driver.findElement(By.id("name")).sendKeys("tinh.langson");
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
    waitFor(d -> d.getCurrentUrl().equals(base + "/units/20"));
    consoleErrors(); // the login page's messages

    for (String page : Pages.PAGES) {
      driver.findElement(By.cssSelector("nav a[data-page='" + page + "']")).click();
      waitFor(
          d ->
              d.getCurrentUrl()
                  .startsWith(base + "/units/20" + (page.equals("overview") ? "" : "/" + page)));
      // the scorecard is a table page (ScorecardBrowserTest reads it); the ward map is SVG drawn
      // on the server, not ECharts
      if (!page.equals("scorecard") && !page.equals("map")) {
        assertChartsRendered(page);
      }
      assertThat(driver.findElement(By.cssSelector("footer .version")).getText())
          .matches("dữ liệu phiên bản \\d+, cập nhật \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}");
      screenshot(String.format("%02d-%s", Pages.PAGES.indexOf(page) + 1, page));
      assertThat(consoleErrors()).as("console errors on " + page).isEmpty();
    }

    // Drill down: province → a ward of the league table → back through the breadcrumbs.
    driver.findElement(By.cssSelector("nav a[data-page='ranking']")).click();
    waitFor(d -> d.getCurrentUrl().contains("/ranking"));
    WebElement firstWard =
        driver.findElement(By.cssSelector("table[data-table='league'] tbody tr td:nth-child(2) a"));
    String wardCode = firstWard.getText();
    firstWard.click();
    waitFor(d -> d.getCurrentUrl().startsWith(base + "/units/" + wardCode));
    assertChartsRendered("ward " + wardCode);
    // The 33-column monthly table is one click away, behind "Xem chi tiết".
    assertThat(driver.findElement(By.cssSelector("table[data-table='metrics']")).isDisplayed())
        .isFalse();
    driver.findElement(By.cssSelector("details[data-testid='metrics-detail'] > summary")).click();
    assertThat(driver.findElement(By.cssSelector("table[data-table='metrics']")).isDisplayed())
        .isTrue();
    screenshot("07-ward-" + wardCode);
    WebElement crumb = driver.findElement(By.cssSelector(".breadcrumbs a"));
    assertThat(crumb.getText()).contains("Lạng Sơn");
    crumb.click();
    waitFor(d -> d.getCurrentUrl().startsWith(base + "/units/20"));

    // Wards as reported (today's wards are the default), then English; the state stays in the URL.
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("wards")))
        .selectByValue("reported");
    waitFor(d -> d.getCurrentUrl().contains("wards=reported"));
    assertChartsRendered("wards as reported");
    driver.findElement(By.id("lang-switch")).click();
    waitFor(d -> d.getCurrentUrl().contains("lang=en"));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(driver.findElement(By.cssSelector("nav a[data-page='overview']")).getText())
        .isEqualTo("Overview");
    assertThat(driver.getCurrentUrl()).contains("wards=reported");
    assertThat(driver.findElement(By.cssSelector("footer .version")).getText())
        .startsWith("data version ");
    screenshot("08-overview-en-reported");

    // Download the league table as CSV and read it.
    driver.findElement(By.cssSelector("nav a[data-page='ranking']")).click();
    waitFor(d -> d.getCurrentUrl().contains("/ranking"));
    driver.findElement(By.cssSelector("#table-league a.export[data-format='csv']")).click();
    Path csv = waitForDownload(".csv");
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "unit,20 ",
            "data_version," + store.current().version().version(),
            "filters,wards=reported",
            "rank,ward_code,ward_name,eid_l2_coverage_rate",
            wardCode);
    assertThat(consoleErrors()).isEmpty();

    driver.manage().window().setSize(new Dimension(390, 844));
    driver.navigate().refresh();
    assertChartsRendered("phone");
    screenshot("09-ranking-phone");
  }

  private static void assertChartsRendered(String page) {
    waitFor(
        d ->
            !d.findElements(By.cssSelector(".chart")).isEmpty()
                && d.findElements(By.cssSelector(".chart")).stream()
                    .allMatch(
                        chart ->
                            "true".equals(chart.getAttribute("data-rendered"))
                                && !chart.findElements(By.cssSelector("svg")).isEmpty()));
    assertThat(driver.findElements(By.cssSelector(".chart svg")))
        .as("charts on " + page)
        .isNotEmpty();
  }

  private static List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
  }

  private static Path waitForDownload(String suffix) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      try (Stream<Path> files = Files.list(downloads)) {
        List<Path> done = files.filter(file -> file.toString().endsWith(suffix)).toList();
        if (!done.isEmpty()) {
          return done.get(0);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + suffix + " file was downloaded into " + downloads);
  }

  private static void screenshot(String name) throws Exception {
    File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        file.toPath(),
        screenshots.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
