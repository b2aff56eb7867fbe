package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.javalin.Javalin;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.goldread.ops.OpsFiles;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The steering parts in real headless Chromium over the real warehouse, with today pinned to the
 * day after the latest daily report: the targets page (live first, ended folded), the daily page
 * (Hôm nay / Hôm qua) and the to-do list, at 1440×900 and 390×844; no page scrolls sideways on the
 * phone. Screenshots go to target/screenshots/ (steering-*.png).
 */
class SteeringBrowserTest {
  static final String PASSWORD = "mật khẩu thử 1";

  @TempDir static Path dir;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static Javalin app;
  static WebDriver driver;
  static Path screenshots;
  static String base;
  static LocalDate today;
  static LocalDate latestReport;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(BrowserTest.CHROMIUM)
        || !Files.isExecutable(BrowserTest.CHROMEDRIVER)) {
      String message =
          "Cannot run the browser tests: /usr/bin/chromium or /usr/bin/chromedriver is missing"
              + " (install them with: apt-get install chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    store = new DeltaKpiStore(TestWarehouse.get(), null, THREADS);
    store.refresh();
    GoldData gold = store.current();
    UnitScope province = gold.unit(TestWarehouse.PROVINCE).orElseThrow();
    List<String> months = gold.months(WardView.AS_REPORTED);
    LocalDate latestReport =
        months.stream()
            .flatMap(month -> gold.dailyReports(province, month).stream())
            .map(DailyReportRow::reportDate)
            .max(LocalDate::compareTo)
            .orElse(YearMonth.parse(months.get(months.size() - 1)).atEndOfMonth());
    // Today is the day after the data: after the latest month, or after the latest daily report if
    // the reports run on to the month's end.
    LocalDate afterData = YearMonth.parse(months.get(months.size() - 1)).plusMonths(1).atDay(1);
    today = latestReport.plusDays(1).isAfter(afterData) ? latestReport.plusDays(1) : afterData;
    SteeringBrowserTest.latestReport = latestReport;
    ZoneId vietnam = PageContext.VIETNAM;
    Clock clock = Clock.fixed(today.atTime(8, 30).atZone(vietnam).toInstant(), vietnam);

    // The reports due: the province on the 8th (made, provisional, sent), a ward on the 15th
    // (none).
    Path ops = dir.resolve("ops-warehouse");
    String period = YearMonth.from(today).minusMonths(1).toString();
    String ward =
        gold.kpis(
                WardView.CURRENT,
                province,
                months.get(months.size() - 1),
                months.get(months.size() - 1))
            .get(0)
            .wardCode();
    Files.createDirectories(OpsFiles.reports(ops).getParent());
    Files.writeString(
        OpsFiles.reports(ops),
        OpsFiles.json()
                .writeValueAsString(
                    TodoListTest.report("BCT-20-" + period, "20", period, "TẠM TÍNH"))
            + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        OpsFiles.mailLedger(ops),
        OpsFiles.json()
                .writeValueAsString(
                    new vn.da06.goldread.ops.MailLedgerEntry(
                        "BCT-20-" + period,
                        "tinh@langson.test",
                        "REPORT",
                        "<m1>",
                        vn.da06.goldread.ops.MailLedgerEntry.State.SENT,
                        YearMonth.parse(period).plusMonths(1).atDay(5) + "T01:00:00Z",
                        null))
            + "\n",
        StandardCharsets.UTF_8);
    Path config = dir.resolve("reports.yaml");
    Files.writeString(
        config,
        "units:\n  - {code: \"20\", monthly_due_day: 8}\n  - {code: \""
            + ward
            + "\", monthly_due_day: 15}\n",
        StandardCharsets.UTF_8);

    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "tinh.langson",
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
            .clock(clock)
            .monthlyReports(ops, config)
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
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserTest.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().window().setSize(new Dimension(1440, 900));
    driver.get(base + "/login");
    driver.findElement(By.id("name")).sendKeys("tinh.langson");
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
    waitFor(d -> d.getCurrentUrl().equals(base + "/units/20"));
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
  void theTargetsPageShowsLiveTargetsFirstAndFoldsTheEndedOnes() throws Exception {
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      size(size);
      driver.get(base + "/units/20/targets");
      waitForCharts();
      WebElement ended = driver.findElement(By.cssSelector("[data-testid='ended-targets']"));
      assertThat(ended.getAttribute("open")).as("ended targets folded").isNull();
      // every row shown before the fold is live: its deadline is today or later
      for (WebElement cell :
          driver.findElements(By.cssSelector("table[data-table='targets'] tbody td.date"))) {
        LocalDate deadline =
            LocalDate.parse(
                cell.getAttribute("textContent").strip(),
                java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(deadline).isAfterOrEqualTo(today);
      }
      assertThat(driver.findElement(By.cssSelector("[data-testid='freshness']")).getText())
          .startsWith("Số liệu đến ");
      assertNoSidewaysScroll("targets " + size);
      screenshot("steering-targets-" + size.getWidth());
      boolean phone = size.getWidth() < 640;
      WebElement live =
          driver.findElement(
              phone ? By.cssSelector("[data-testid='targets-cards']") : By.id("table-targets"));
      assertThat(live.isDisplayed()).as("live targets as cards on a phone, else a table").isTrue();
      scrollTo(live);
      screenshot("steering-targets-table-" + size.getWidth());
      ended.findElement(By.tagName("summary")).click();
      assertThat(ended.getText()).doesNotContain("Có nguy cơ");
      scrollTo(ended);
      screenshot("steering-targets-ended-" + size.getWidth());
    }
  }

  @Test
  void theDailyPageSaysWhoReportedYesterdayBefore17() throws Exception {
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      size(size);
      driver.get(base + "/units/20/daily?month=" + YearMonth.from(latestReport));
      waitForCharts();
      WebElement yesterday =
          driver.findElement(By.cssSelector("[data-day='" + today.minusDays(1) + "']"));
      // the wards that reported yesterday, or up to which day the reports are in
      if (latestReport.equals(today.minusDays(1))) {
        assertThat(yesterday.getText()).contains("Hôm qua").containsPattern("\\d+ đúng giờ");
      } else {
        assertThat(yesterday.getText())
            .contains(
                "Hôm qua",
                "số liệu báo cáo ngày đến "
                    + latestReport.format(
                        java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
      }
      assertNoSidewaysScroll("daily " + size);
      screenshot("steering-daily-" + size.getWidth());
      scrollTo(driver.findElement(By.id("table-wards")));
      screenshot("steering-daily-wards-" + size.getWidth());
    }
  }

  @Test
  void theToDoListReadsAsStackedCardsOnAPhone() throws Exception {
    for (Dimension size : List.of(new Dimension(1440, 900), new Dimension(390, 844))) {
      size(size);
      driver.get(base + "/units/20");
      waitForCharts();
      WebElement todo = driver.findElement(By.cssSelector("[data-testid='todo']"));
      scrollTo(todo);
      assertThat(todo.findElements(By.tagName("table"))).isEmpty();
      assertThat(todo.findElement(By.cssSelector("[data-testid='todo-reports']")).getText())
          .contains("Tạm tính", "Đã gửi 1/1", "Chưa lập");
      assertNoSidewaysScroll("overview " + size);
      screenshot("steering-todo-" + size.getWidth());
    }
  }

  private static void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", element);
  }

  private static void assertNoSidewaysScroll(String what) {
    Object overflow =
        ((JavascriptExecutor) driver)
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue())
        .as("sideways scroll on " + what)
        .isLessThanOrEqualTo(0);
  }

  private static void waitForCharts() {
    waitFor(
        d ->
            d.findElements(By.cssSelector(".chart")).stream()
                .allMatch(chart -> "true".equals(chart.getAttribute("data-rendered"))));
  }

  private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
  }

  /** The screen as a person sees it at the window's size. */
  private static void screenshot(String name) throws Exception {
    Thread.sleep(1200); // ECharts' opening animation (about 1 s): the picture, not an assertion
    File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        file.toPath(),
        screenshots.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The viewport at exactly {@code width}×{@code height} CSS pixels, a phone's when narrow. */
  private static void size(Dimension size) {
    driver.manage().window().setSize(size);
    ((ChromeDriver) driver)
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of(
                "width",
                size.getWidth(),
                "height",
                size.getHeight(),
                "deviceScaleFactor",
                1,
                "mobile",
                size.getWidth() < 600));
  }
}
