package vn.da06.bench.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.bench.SharedSpark;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * What {@code ./da06 bench incremental} times, on national synthetic silver small enough for a
 * test: a month with no population snapshot added onto months across the reform, gold updated from
 * that month's rows alone. (The end-to-end test's update covers a month with a snapshot.)
 */
class OneMonthUpdateTest {
  @TempDir Path dir;

  @Test
  void aNewMonthWithoutASnapshotUpdatedAloneEqualsDuckDbRecomputingEverything() throws Exception {
    SparkSession spark = SharedSpark.get();
    String warehouse = dir.toString();
    SilverSynth synth = new SilverSynth(spark, warehouse, AdminUnitsLoader.load(null));
    SilverSynth.Size history =
        SilverSynth.Size.national(40_000, YearMonth.of(2025, 4), YearMonth.of(2025, 9));
    synth.write(history);
    Pipeline.Options options = new Pipeline.Options(dir.resolve("no-inbox").toString(), warehouse);
    Pseudonymizer pseudonymizer =
        new Pseudonymizer("one-month-update-test-key-0123456".getBytes(StandardCharsets.UTF_8));
    new Pipeline(spark, options, pseudonymizer, Progress.quiet()).rebuildGold();
    DeltaIo io = new DeltaIo(spark, warehouse);
    long monthsBefore =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT).select("month").distinct().count();

    SilverSynth.Size withMonth = synth.appendMonth(history);
    String month = withMonth.to().toString();
    assertThat(withMonth.snapshots())
        .as("snapshots")
        .allMatch(date -> date.isBefore(withMonth.to().atDay(1)));
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    new Pipeline(
            spark,
            options,
            pseudonymizer,
            new Progress(new PrintStream(lines, true, StandardCharsets.UTF_8)))
        .updateGold(month);

    assertThat(lines.toString(StandardCharsets.UTF_8))
        .contains("gold: measuring (from " + month + ", rows of those months only)");
    assertThat(
            io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT).select("month").distinct().count())
        .isEqualTo(monthsBefore + 1);
    // The new month's eligible population is the month before's, carried: no snapshot was taken in
    // it.
    assertThat(
            io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
                .where("month = '" + month + "' AND eligible_population > 0")
                .count())
        .isGreaterThan(1000);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbGold.compute(connection, GoldReference.inputs(io));
      var differences = GoldReference.compare(connection, io);
      assertThat(differences).hasSize(2);
      differences.forEach(d -> assertThat(d.none()).as(d.table() + ": " + d.samples()).isTrue());
    }
  }
}
