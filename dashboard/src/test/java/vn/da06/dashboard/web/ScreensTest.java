package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * Every page of {@link Pages#PAGES}, as the province chair and as a commune chairman, on a desktop
 * (1440×900) and on a phone (390×844, emulated: headless Chromium will not make a window narrower
 * than 500 px), in Vietnamese, over the real warehouse: each answers, has its title, scrolls
 * sideways on neither screen, and is photographed — the first screen, and the whole overview — into
 * target/screenshots/screens-{user}-{screen}-{page}[-full].png for a person to read.
 */
class ScreensTest {
  static final String PASSWORD = "mật khẩu thử 2";
  @TempDir static Path dir;
  static final GoldThreads THREADS = GoldThreads.daemons();
  static DeltaKpiStore store;
  static Javalin app;
  static String base;
  static String wardCode;
  static Path screenshots;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(BrowserTest.CHROMIUM)
        || !Files.isExecutable(BrowserTest.CHROMEDRIVER)) {
      String message =
          "Cannot run the screen tests: chromium or chromedriver is missing (install them with:"
              + " apt-get install chromium chromium-driver, or run ./da06 test)";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    store = new DeltaKpiStore(TestWarehouse.get(), null, THREADS);
    store.refresh();
    GoldData gold = store.current();
    UnitScope province = gold.unit(TestWarehouse.PROVINCE).orElseThrow();
    List<String> months = gold.months(WardView.CURRENT);
    String month = months.get(months.size() - 1);
    // A commune chairman: the first of today's wards with figures in the latest month.
    wardCode =
        gold.kpis(WardView.CURRENT, province, month, month).stream()
            .map(KpiRow::wardCode)
            .sorted()
            .findFirst()
            .orElseThrow();
    Path users = dir.resolve("users.yaml");
    char[] password = PASSWORD.toCharArray();
    new UsersFile(
            List.of(
                new User(
                    "tinh", TestWarehouse.PROVINCE, Role.VIEWER, Passwords.hash(password), null),
                new User("xa", wardCode, Role.VIEWER, Passwords.hash(password), null)))
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
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.stop();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void everyPageAsProvinceAndWardUserOnDesktopAndPhoneFitsItsScreen() throws Exception {
    List<String> problems = new ArrayList<>();
    for (boolean phone : new boolean[] {false, true}) {
      ChromeDriver driver = driver(phone);
      try {
        for (String[] user : new String[][] {{"tinh", TestWarehouse.PROVINCE}, {"xa", wardCode}}) {
          signIn(driver, user[0]);
          for (String page : Pages.PAGES) {
            String path = "/units/" + user[1] + (page.equals("overview") ? "" : "/" + page);
            driver.get(base + path);
            new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.tagName("footer")).isEmpty());
            String name = "screens-" + user[0] + "-" + (phone ? "phone" : "desktop") + "-" + page;
            if (driver.findElements(By.tagName("h1")).isEmpty()) {
              problems.add(name + ": no title (" + driver.getTitle() + ")");
            }
            long scrollWidth =
                ((Number)
                        ((JavascriptExecutor) driver)
                            .executeScript("return document.scrollingElement.scrollWidth"))
                    .longValue();
            long width =
                ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth"))
                    .longValue();
            if (scrollWidth > width) {
              problems.add(name + ": scrolls sideways (" + scrollWidth + " px in " + width + ")");
            }
            if (phone) {
              assertThat(width).as("the phone is emulated at 390 px").isEqualTo(390);
            }
            // The first screen of every page; the whole page of the overviews (the docs show them).
            capture(driver, name, false);
            if (page.equals("overview")) {
              capture(driver, name + "-full", true);
            }
          }
          driver.manage().deleteAllCookies();
        }
      } finally {
        driver.quit();
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void signIn(ChromeDriver driver, String name) {
    driver.get(base + "/login");
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/units/"));
  }

  private static void capture(ChromeDriver driver, String name, boolean fullPage) throws Exception {
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", fullPage));
    Files.write(
        screenshots.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
  }

  private static ChromeDriver driver(boolean phone) throws Exception {
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
        "--lang=vi",
        "--window-size=1440,900",
        "--user-data-dir="
            + Files.createDirectories(dir.resolve("profile-" + (phone ? "phone" : "desktop"))));
    if (phone) {
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
    }
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(BrowserTest.CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build(),
        options);
  }
}
