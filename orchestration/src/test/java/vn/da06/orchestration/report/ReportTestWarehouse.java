package vn.da06.orchestration.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * One real Delta warehouse per test JVM, written by the pipeline from generated feeds of Lạng Sơn
 * (province 20) for September and October 2026 (a level-2 campaign with daily reports). Spark is
 * stopped once it is written: reports read it with Delta Kernel. {@code
 * -Dda06.test.report.warehouse=DIR} reuses one built before.
 */
public final class ReportTestWarehouse {
  public static final String PROVINCE = "20";
  public static final YearMonth MONTH = YearMonth.of(2026, 10);
  private static Path root;

  private ReportTestWarehouse() {}

  public static synchronized Path get() {
    String given = System.getProperty("da06.test.report.warehouse");
    if (root == null && given != null && !given.isBlank()) {
      root = Path.of(given);
    }
    if (root == null) {
      try {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("da06-report-warehouse");
        Path inbox = dir.resolve("inbox");
        Path warehouse = dir.resolve("warehouse");
        GeneratorOptions options =
            GeneratorOptions.defaults(inbox)
                .withScale(0.02)
                .withThreads(2)
                .withMonths(YearMonth.of(2026, 9), MONTH);
        Generator.generate(options, AdminUnitsLoader.load(null));
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.sql.shuffle.partitions", "2");
        System.setProperty("spark.default.parallelism", "2");
        SparkSession spark = SparkSessions.getOrCreate("da06-report-tests");
        try {
          new Pipeline(
                  spark,
                  new Pipeline.Options(inbox.toString(), warehouse.toString()),
                  new Pseudonymizer(
                      "report-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
                  Progress.quiet())
              .run();
        } finally {
          spark.stop();
        }
        System.err.printf(
            "report test warehouse: %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        root = warehouse;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }
}
