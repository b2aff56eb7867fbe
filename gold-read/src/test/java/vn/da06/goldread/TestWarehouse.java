package vn.da06.goldread;

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
 * (province 20) over months on both sides of the July 2025 reform. The Spark session is stopped
 * once it is written: the dashboard reads it without Spark.
 */
public final class TestWarehouse {
  public static final String PROVINCE = "20";
  private static Path root;

  private TestWarehouse() {}

  public static synchronized Path get() {
    String given = System.getProperty("da06.test.warehouse", System.getenv("DA06_TEST_WAREHOUSE"));
    if (root == null && given != null && !given.isBlank()) {
      root = Path.of(given); // a warehouse built before, to iterate on the dashboard quickly
    }
    if (root == null) {
      try {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("da06-dashboard-warehouse");
        Path inbox = dir.resolve("inbox");
        Path warehouse = dir.resolve("warehouse");
        GeneratorOptions options =
            GeneratorOptions.defaults(inbox)
                .withScale(0.02)
                .withThreads(2)
                .withMonths(YearMonth.of(2024, 6), YearMonth.of(2025, 7));
        Generator.generate(options, AdminUnitsLoader.load(null));
        long generated = System.nanoTime();
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.sql.shuffle.partitions", "2");
        System.setProperty("spark.default.parallelism", "2");
        SparkSession spark = SparkSessions.getOrCreate("da06-dashboard-tests");
        try {
          new Pipeline(
                  spark,
                  new Pipeline.Options(inbox.toString(), warehouse.toString()),
                  new Pseudonymizer(
                      "dashboard-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)),
                  Progress.quiet())
              .run();
        } finally {
          spark.stop();
        }
        System.err.printf(
            "test warehouse: feeds generated in %d s, pipeline %d s%n",
            (generated - started) / 1_000_000_000, (System.nanoTime() - generated) / 1_000_000_000);
        root = warehouse;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }
}
