package vn.da06.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator options the scale bench uses: fewer population snapshots and more dossiers;
 * defaults unchanged.
 */
class ProportionalFeedsTest {

  private static final FakeAdminUnits UNITS = FakeAdminUnits.INSTANCE;

  private static GeneratorOptions options(Path out) {
    return new GeneratorOptions(
        out, "20", YearMonth.of(2024, 2), YearMonth.of(2025, 7), 0.05, 7, 2);
  }

  @Test
  void latestSnapshotAndDossierFactorMakeFeedsProportionalWhileTheDefaultsWriteTheSameBytes(
      @TempDir Path dir) throws IOException {
    GeneratorOptions quarterly = options(dir.resolve("default"));
    GeneratorSummary defaults = Generator.generate(quarterly, UNITS);
    GeneratorSummary explicit =
        Generator.generate(
            quarterly
                .withOut(dir.resolve("explicit"))
                .withSnapshots(GeneratorOptions.Snapshots.QUARTERLY)
                .withDossierFactor(1.0),
            UNITS);
    GeneratorSummary latest =
        Generator.generate(
            quarterly
                .withOut(dir.resolve("latest"))
                .withSnapshots(GeneratorOptions.Snapshots.LATEST)
                .withDossierFactor(1.5),
            UNITS);
    GeneratorSummary yearly =
        Generator.generate(
            quarterly
                .withOut(dir.resolve("yearly"))
                .withSnapshots(GeneratorOptions.Snapshots.YEARLY),
            UNITS);

    assertThat(contents(dir.resolve("explicit"))).isEqualTo(contents(dir.resolve("default")));
    assertThat(fileCount(dir.resolve("default/population")))
        .isEqualTo(7); // 2024-03 … 2025-06 quarters, and 2025-07
    assertThat(fileCount(dir.resolve("yearly/population"))).isEqualTo(2); // 2024-12 and 2025-07
    assertThat(fileCount(dir.resolve("latest/population"))).isEqualTo(1);

    long applications = defaults.feeds().get("eid_applications").rowsRead();
    assertThat(latest.feeds().get("eid_applications").rowsRead()).isEqualTo(applications);
    long populationPerSnapshot = latest.feeds().get("population").rowsRead();
    assertThat(defaults.feeds().get("population").rowsRead())
        .isGreaterThan(6 * populationPerSnapshot);
    double dossierRatio =
        (double) latest.feeds().get("service_dossiers").rowsRead()
            / defaults.feeds().get("service_dossiers").rowsRead();
    assertThat(dossierRatio).isBetween(1.35, 1.65);
    assertThat(yearly.feeds().get("service_dossiers").rowsRead())
        .isEqualTo(defaults.feeds().get("service_dossiers").rowsRead());
  }

  @Test
  void rejectsADossierFactorOutOfRange(@TempDir Path dir) {
    assertThatThrownBy(() -> options(dir).withDossierFactor(0))
        .hasMessageContaining("dossier factor must be > 0");
    assertThatThrownBy(() -> options(dir).withDossierFactor(100)).hasMessageContaining("≤ 30");
  }

  private static long fileCount(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> map = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        map.put(
            root.relativize(file).toString(),
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return map;
  }
}
