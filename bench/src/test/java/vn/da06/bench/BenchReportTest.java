package vn.da06.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path run;

  private void step(String base, String command, String exit, Figure... figures)
      throws IOException {
    Files.writeString(
        run.resolve(base + ".meta"),
        "command="
            + command
            + "\nstarted=2026-11-23 02:00\nload_before=0.5\n"
            + "seconds=42\nload_after=1.9\nexit="
            + exit
            + "\n");
    StringBuilder jsonl = new StringBuilder("some log line that is not JSON\n");
    for (Figure figure : figures) {
      jsonl.append(new ObjectMapper().writeValueAsString(figure.json())).append('\n');
    }
    Files.writeString(run.resolve(base + ".jsonl"), jsonl.toString());
  }

  @Test
  void rendersEveryFigureUnderItsCommandAndEveryGoalInOneTable() throws IOException {
    step(
        "02-gold",
        "./da06 bench gold --rows 10000000 --json",
        "0",
        Figure.plain("gold_aggregation_spark", 123.456, "s"),
        new Figure(
            "gold_aggregation_throughput",
            81_000,
            "rows/s",
            540_000.0,
            0.15,
            ">= 0.5 x DuckDB",
            false));
    step(
        "07-trino",
        "./da06 bench trino --json",
        "0",
        new Figure("q01_median", 412.5, "ms", null, null, "< 1000 ms", true));
    step("05-scale", "./da06 bench scale --json", "137");

    List<BenchReport.Step> steps = BenchReport.steps(run);
    assertThat(steps).extracting(BenchReport.Step::name).containsExactly("gold", "scale", "trino");
    String section = BenchReport.render(java.util.Map.of("cores", "2", "commit", "abc1234"), steps);

    assertThat(section).startsWith(BenchReport.BEGIN).endsWith(BenchReport.END + "\n");
    assertThat(section)
        .contains("2 cores")
        .contains("commit abc1234")
        .contains("`./da06 bench gold --rows 10000000 --json`: 42 s")
        .contains("| gold_aggregation_spark | 123.5 | s |  |  |  |  |")
        .contains(
            "| gold | gold_aggregation_throughput | 81,000 rows/s | 540,000 | 0.150 | >= 0.5 x DuckDB | **no** |")
        .contains("| trino | q01_median | 412.5 ms |  |  | < 1000 ms | yes |")
        .contains("| scale | (failed, exit 137) | | | | | **no** |")
        .contains("**Exit code 137**");
  }

  @Test
  void replacesOnlyTheGeneratedPartAndKeepsTheNotes() {
    String first =
        BenchReport.splice(
            "# Benchmarks\n\nHand-written notes.\n",
            BenchReport.BEGIN + "\nold\n" + BenchReport.END + "\n");
    assertThat(first)
        .startsWith("# Benchmarks\n\n" + BenchReport.BEGIN)
        .contains("old")
        .endsWith("Hand-written notes.\n");

    String second =
        BenchReport.splice(first, BenchReport.BEGIN + "\nnew\n" + BenchReport.END + "\n");
    assertThat(second).contains("new").doesNotContain("old").endsWith("Hand-written notes.\n");
    assertThat(second.indexOf(BenchReport.BEGIN)).isEqualTo(second.lastIndexOf(BenchReport.BEGIN));
  }

  @Test
  void aBrokenFigureLineNamesTheFileAndLine() throws IOException {
    Files.writeString(run.resolve("01-gold.meta"), "command=x\n");
    Files.writeString(
        run.resolve("01-gold.jsonl"), "{\"name\": \"ok\", \"value\": 1}\n{\"name\": broken\n");
    assertThatThrownBy(() -> BenchReport.steps(run)).hasMessageContaining("01-gold.jsonl line 2");
  }
}
