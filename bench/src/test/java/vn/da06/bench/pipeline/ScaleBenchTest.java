package vn.da06.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.bench.Figure;

/**
 * The scale bench's own arithmetic and its child JVMs (the real generator in a new JVM); no Spark
 * here.
 */
class ScaleBenchTest {

  private static ScaleBench.SizeResult done(String label, long rows, double seconds, int cores) {
    return new ScaleBench.SizeResult(
        label,
        rows / 4,
        Map.of("eid_applications", rows / 4),
        rows,
        seconds,
        1,
        1,
        1,
        900,
        1500,
        cores,
        null);
  }

  @Test
  void readsSizesWithSuffixesAndRejectsNonsenseNamingTheFix() {
    assertThat(ScaleBench.parseSize("100K")).isEqualTo(100_000);
    assertThat(ScaleBench.parseSize("1M")).isEqualTo(1_000_000);
    assertThat(ScaleBench.parseSize("2.5M")).isEqualTo(2_500_000);
    assertThat(ScaleBench.parseSize("250000")).isEqualTo(250_000);
    assertThatThrownBy(() -> ScaleBench.parseSize("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot read size 'lots'")
        .hasMessageContaining("1M");
    assertThatThrownBy(() -> ScaleBench.parseSize("10")).hasMessageContaining("at least 1000");
  }

  @Test
  void givesEachSizeTheLaunchersSparkFlagsButNotItsRecordingOrHeap() {
    assertThat(
            List.of(
                "-XX:-DontCompileHugeMethods",
                "-XX:+IgnoreUnrecognizedVMOptions",
                "--add-modules=jdk.incubator.vector",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dda06.npm.dir=/x"))
        .allMatch(ScaleBench::childFlag);
    assertThat(
            List.of(
                "-XX:StartFlightRecording=filename=a.jfr",
                "-XX:SharedArchiveFile=d.jsa",
                "-XX:MaxRAMPercentage=50",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xmx1g",
                "-ea"))
        .noneMatch(ScaleBench::childFlag);
    // This JVM runs with the root pom's flags (surefire's argLine): so does every size's.
    assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        .filteredOn(ScaleBench::childFlag)
        .contains("-XX:-DontCompileHugeMethods");
  }

  @Test
  void fitsFixedCostPlusCostPerRowAndCallsProportionalGrowthLinear() {
    // 20 s fixed + 10 s per million rows: linear.
    ScaleBench.Fit linear =
        ScaleBench.fit(List.of(done("1M", 4_000_000, 60, 2), done("10M", 40_000_000, 420, 2)));
    assertThat(linear.fixedSeconds()).isCloseTo(20, within(1e-6));
    assertThat(linear.secondsPerMillionRows()).isCloseTo(10, within(1e-6));
    assertThat(linear.linear()).isTrue();
    // Ten times the rows, forty times the time: not linear.
    ScaleBench.Fit quadratic =
        ScaleBench.fit(List.of(done("1M", 4_000_000, 60, 2), done("10M", 40_000_000, 2400, 2)));
    assertThat(quadratic.exponent()).isGreaterThan(1.5);
    assertThat(quadratic.linear()).isFalse();
  }

  @Test
  void extrapolatesTheNationalRunFromTheMeasuredSizes() {
    List<Figure> figures =
        ScaleBench.figures(
            List.of(
                done("1M", 4_000_000, 60, 2),
                done("10M", 40_000_000, 420, 2),
                ScaleBench.failed("100M", 100_000_000, "out of memory with -Xmx12g")));
    Map<String, Figure> byName = new java.util.HashMap<>();
    figures.forEach(f -> byName.put(f.name(), f));
    // 400M rows at 20 s + 10 s/M rows = 4020 s = 67 min: over the 60-minute goal.
    assertThat(byName.get("national_estimate_minutes").value()).isCloseTo(67.0, within(1e-9));
    assertThat(byName.get("national_estimate_minutes").met()).isFalse();
    // 40M rows / 420 s / 2 cores = 47,619 rows/s per core; 111,111 rows/s are needed: 3 cores.
    assertThat(byName.get("measured_rows_per_s_per_core").value())
        .isCloseTo(40e6 / 420 / 2, within(1e-6));
    assertThat(byName.get("national_cluster_cores").value()).isEqualTo(3);
    assertThat(byName.get("scale_10M_rows_per_s").value()).isCloseTo(40e6 / 420, within(1e-6));
    assertThat(byName.get("scale_100M_completed").met()).isFalse();
    assertThat(byName.get("scale_100M_completed").goal()).contains("out of memory");
    assertThat(byName).doesNotContainKey("scale_100M_seconds");
  }

  @Test
  void generatesASizeInItsOwnJvmWithOnePopulationSnapshotAndStopsAChildOverBudget(@TempDir Path dir)
      throws Exception {
    ScaleBench bench = new ScaleBench();
    bench.heap = "512m";
    bench.childOptions = "";
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    Path inbox = dir.resolve("inbox");
    ScaleBench.ChildOutcome generated =
        bench.runChild(
            out,
            5,
            "--generate",
            "--inbox",
            inbox.toString(),
            "--applications",
            "3000",
            "--seed",
            "7");
    assertThat(generated.failure()).as(log.toString(StandardCharsets.UTF_8)).isNull();
    assertThat(generated.result()).contains("\"files\":");
    try (Stream<Path> files = Files.list(inbox.resolve("population"))) {
      assertThat(files.count()).isEqualTo(1);
    }
    try (Stream<Path> files = Files.list(inbox.resolve("eid_applications"))) {
      assertThat(files.count()).isGreaterThan(12);
    }

    ScaleBench.ChildOutcome stopped =
        bench.runChild(
            out,
            0.01,
            "--generate",
            "--inbox",
            dir.resolve("other").toString(),
            "--applications",
            "3000000",
            "--seed",
            "7");
    assertThat(stopped.result()).isNull();
    assertThat(stopped.failure()).contains("over the 0.01-minute budget");
  }
}
