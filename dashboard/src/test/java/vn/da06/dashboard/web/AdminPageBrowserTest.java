package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * {@code /admin} in a real browser (issue 23's defects): the common menu and language switch, no
 * wider than a 390 px phone, local times, Vietnamese event names. Screenshots in
 * target/screenshots/admin-*.png.
 */
class AdminPageBrowserTest {
  static final String PASSWORD = "mật khẩu thử 1";
  @TempDir static Path dir;
  static Javalin app;
  static WebDriver driver;
  static String base;
  static Path screenshots;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(BrowserTest.CHROMIUM)
        || !Files.isExecutable(BrowserTest.CHROMEDRIVER)) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("chromium or chromedriver is missing");
      }
      Assumptions.abort("chromium or chromedriver is missing");
    }
    Path users = dir.resolve("users.yaml");
    String hash = Passwords.hash(PASSWORD.toCharArray());
    new UsersFile(
            List.of(
                new User("tinh.langson", "20", Role.ADMIN, hash, null),
                new User("xa.bacson.phan.tich.vien", "06325", Role.ANALYST, hash, null)))
        .save(users);
    app =
        new DashboardApp(
                FakeKpiStore.small(),
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
        "--disable-dev-shm-usage",
        "--no-first-run",
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
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (app != null) {
      app.stop();
    }
  }

  static void signIn(String name) {
    driver.get(base + "/login");
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    driver.findElement(By.id("login")).click();
  }

  @Test
  void theAdminPageHasTheMenuFitsAPhoneAndShowsLocalTimesAndVietnameseEvents() throws Exception {
    driver.manage().window().setSize(new Dimension(1440, 900));
    signIn("xa.bacson.phan.tich.vien");
    driver.get(base + "/units/06325/ranking?month=2025-07");
    driver.get(base + "/units/20"); // refused: written to the audit log
    driver.manage().deleteAllCookies();
    signIn("tinh.langson");
    driver.get(base + "/units/20/ranking?month=2025-07");
    driver.get(base + "/admin");
    String html = driver.getPageSource();
    assertThat(html)
        .contains(
            "id=\"lang-switch\"",
            "data-page=\"overview\"",
            "class=\"active\" aria-current=\"page\" data-page=\"admin\"",
            "data-event=\"forbidden\">Bị từ chối")
        .containsPattern("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}")
        .doesNotContainPattern("<td class=\"time\">\\d{4}-");
    shoot("admin-desktop");
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.get(base + "/admin");
    Number scrollWidth =
        (Number)
            ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth");
    Number viewport =
        (Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth");
    assertThat(scrollWidth.intValue())
        .as("page width on a phone")
        .isLessThanOrEqualTo(viewport.intValue());
    shoot("admin-phone");
    driver.findElement(By.id("lang-switch")).click();
    assertThat(driver.getCurrentUrl()).endsWith("/admin?lang=en");
    assertThat(driver.getPageSource()).contains("data-event=\"forbidden\">Refused");
    shoot("admin-phone-en");
  }

  private static void shoot(String name) throws Exception {
    File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(
        file.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
