package vn.da06.bench.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.bench.SharedSpark;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * The reference engine against the pipeline on the generator's sample province (the province and
 * months of the jobs' end-to-end test): DuckDB's plain SQL over the same silver files gives the
 * same gold, and so does gold updated from its last month alone. The month without a population
 * snapshot is {@link OneMonthUpdateTest}'s.
 */
class GoldReferenceTest {
  static final String KEY = "end-to-end-test-key-0123456789";
  @TempDir static Path dir;
  static SparkSession spark;
  static Path inbox;
  static String warehouse;

  @BeforeAll
  static void generateAndRun() {
    spark = SharedSpark.get();
    inbox = dir.resolve("inbox");
    warehouse = dir.resolve("warehouse").toString();
    Generator.generate(
        new GeneratorOptions(
            inbox, "20", YearMonth.of(2024, 5), YearMonth.of(2025, 8), 0.05, 11, 2),
        AdminUnitsLoader.load(null));
    new Pipeline(
            spark,
            new Pipeline.Options(inbox.toString(), warehouse),
            new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)),
            Progress.quiet())
        .run();
  }

  @Test
  void duckDbComputesTheSameGoldFromTheSameSilverFiles() throws SQLException {
    DeltaIo io = new DeltaIo(spark, warehouse);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbGold.compute(connection, GoldReference.inputs(io));
      try (var statement = connection.createStatement();
          var rows =
              statement.executeQuery(
                  "SELECT count(*), count(DISTINCT ward_code) FROM ref_ward_month_kpis_current")) {
        rows.next();
        assertThat(rows.getLong(1))
            .isEqualTo(io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT).count());
        assertThat(rows.getLong(2)).as("current wards of province 20").isGreaterThan(50);
      }
      var differences = GoldReference.compare(connection, io);
      assertThat(differences).hasSize(2);
      differences.forEach(d -> assertThat(d.none()).as(d.table() + ": " + d.samples()).isTrue());

      // Gold for the last month alone, from that month's rows and the month before's cumulative
      // figures,
      // is still exactly the reference computed from all rows.
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      new Pipeline(
              spark,
              new Pipeline.Options(inbox.toString(), warehouse),
              new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)),
              new Progress(new PrintStream(lines, true, StandardCharsets.UTF_8)))
          .updateGold("2025-08");
      assertThat(lines.toString(StandardCharsets.UTF_8))
          .contains("gold: measuring (from 2025-08, rows of those months only)");
      assertThat(
              io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
                  .where("month = '2025-08'")
                  .count())
          .isGreaterThan(50);
      var afterUpdate = GoldReference.compare(connection, io);
      afterUpdate.forEach(
          d ->
              assertThat(d.none())
                  .as("after the one-month update, " + d.table() + ": " + d.samples())
                  .isTrue());
    }
  }
}
