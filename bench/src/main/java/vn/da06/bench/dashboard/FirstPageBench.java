package vn.da06.bench.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The first page with charts, as a phone opens it: headless Chromium (390×844) signs in, then each
 * run empties the browser's cache (CDP {@code Network.clearBrowserCache}) and opens the page; the
 * time is from navigation start to the moment every chart of the page has drawn (ECharts' {@code
 * finished} event of each, which app.js writes into {@code <html data-charts-finished>} as {@code
 * performance.now()}). Also the bytes the page took over the wire (the navigation's and its
 * resources' transfer sizes).
 */
final class FirstPageBench {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Chrome DevTools' "Fast 3G": 1.44 Mbit/s down, 675 kbit/s up, 562.5 ms round trip. */
  static final Map<String, Object> FAST_3G =
      Map.of(
          "offline",
          false,
          "latency",
          562.5,
          "downloadThroughput",
          180_000,
          "uploadThroughput",
          84_375);

  /** Times of the runs in seconds, the number of charts drawn and the bytes of the last run. */
  record Result(List<Double> seconds, int charts, long bytes) {
    double median() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double max() {
      return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
  }

  private FirstPageBench() {}

  /** Fails early, before minutes of work, when the browser is not there. */
  static void requireBrowser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "Cannot measure the first page with charts: "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing (install them with: apt-get install chromium chromium-driver)");
    }
  }

  /**
   * Signs in as {@code user} and opens {@code path} {@code runs} times with a cold cache, over the
   * loopback as it is or, with {@code network}, over emulated network conditions.
   */
  static Result measure(
      String base,
      String user,
      String password,
      String path,
      int runs,
      Map<String, Object> network,
      Path profile)
      throws Exception {
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
        "--window-size=390,844",
        "--user-data-dir=" + Files.createDirectories(profile));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      driver.get(base + "/login");
      driver.findElement(By.id("name")).sendKeys(user);
      driver.findElement(By.id("password")).sendKeys(password);
      driver.findElement(By.id("login")).click();
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(d -> d.getCurrentUrl().contains("/units/"));
      driver.executeCdpCommand("Network.enable", Map.of());
      if (network != null) {
        driver.executeCdpCommand("Network.emulateNetworkConditions", network);
      }
      List<Double> seconds = new ArrayList<>();
      int charts = 0;
      long bytes = 0;
      for (int run = 0; run < runs; run++) {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.get(base + path);
        Object finished =
            new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(
                    d ->
                        ((JavascriptExecutor) d)
                            .executeScript(
                                "return document.documentElement.getAttribute('data-charts-finished')"));
        JavascriptExecutor js = driver;
        long total =
            ((Number) js.executeScript("return document.querySelectorAll('[data-chart]').length"))
                .longValue();
        long drawn =
            ((Number)
                    js.executeScript(
                        "return document.querySelectorAll('[data-chart][data-rendered]').length"))
                .longValue();
        if (total == 0 || drawn != total) {
          throw new IllegalStateException(
              "Cannot measure the first page with charts: "
                  + path
                  + " drew "
                  + drawn
                  + " of "
                  + total
                  + " charts");
        }
        charts = (int) total;
        bytes =
            ((Number)
                    js.executeScript(
                        "var all = performance.getEntriesByType('navigation')"
                            + ".concat(performance.getEntriesByType('resource'));"
                            + "return all.reduce(function (sum, e) { return sum + (e.transferSize || 0); }, 0);"))
                .longValue();
        seconds.add(Double.parseDouble(finished.toString()) / 1000.0);
      }
      return new Result(List.copyOf(seconds), charts, bytes);
    } finally {
      driver.quit();
    }
  }
}
