package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store started from a {@link GoldSnapshot} answers as one started from the tables, and only when
 * it should. One warehouse copy and one load from the tables for the class (loads are the slow
 * part); the test that adds a Delta commit to the copy runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldSnapshotTest {
  static final GoldThreads THREADS = GoldThreads.daemons();

  @AfterAll
  static void stopThreads() {
    THREADS.close();
  }

  @TempDir static Path dir;
  private static Path warehouse;
  private static Path snapshot;
  private static List<String> fromTables;

  @BeforeAll
  static void loadFromTables() throws IOException {
    // a copy: the last test adds a Delta commit to it
    warehouse = dir.resolve("warehouse");
    Path source = TestWarehouse.get();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = warehouse.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    snapshot = dir.resolve("state").resolve("dashboard-gold.snapshot");
    try (DeltaKpiStore tables = new DeltaKpiStore(warehouse, snapshot, THREADS)) {
      tables.refresh();
      tables.snapshotWritten().join();
      assertThat(tables.servedFromSnapshot()).isFalse();
      fromTables = answers(tables.current());
    }
  }

  @Test
  @Order(0)
  void aStartDeletesTheUnfinishedSnapshotFilesOfAStoppedServer() throws Exception {
    Path state = snapshot.getParent();
    Path unfinished =
        Files.writeString(
            state.resolve(snapshot.getFileName() + "4849190180622404025.tmp"), "half");
    Path otherFile =
        Files.writeString(state.resolve(snapshot.getFileName() + ".notes.tmp"), "kept");
    Path snapshotBefore = state.resolve("before.snapshot");
    Files.copy(snapshot, snapshotBefore);
    try (DeltaKpiStore store =
        new DeltaKpiStore(warehouse, snapshot, THREADS).start(java.time.Duration.ofHours(1))) {
      assertThat(store.servedFromSnapshot()).isTrue();
    }
    assertThat(unfinished).doesNotExist();
    assertThat(otherFile).exists();
    assertThat(snapshot).hasSameBinaryContentAs(snapshotBefore);
    Files.delete(otherFile);
    Files.delete(snapshotBefore);
  }

  @Test
  @Order(1)
  void aSnapshotStartAnswersAsATableStart() throws Exception {
    assertThat(snapshot).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot)))
        .isEqualTo("rw-------");
    try (DeltaKpiStore fromSnapshot = new DeltaKpiStore(warehouse, snapshot, THREADS)) {
      fromSnapshot.refresh();
      assertThat(fromSnapshot.servedFromSnapshot()).isTrue();
      assertThat(answers(fromSnapshot.current())).isEqualTo(fromTables);
    }
  }

  @Test
  @Order(2)
  void aDamagedSnapshotIsIgnored() throws Exception {
    Path damaged = dir.resolve("damaged.snapshot");
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
    assertThatThrownBy(() -> GoldSnapshot.read(damaged))
        .isInstanceOf(GoldSnapshot.Unusable.class)
        .hasMessageContaining("fails its checksum");
    try (DeltaKpiStore store = new DeltaKpiStore(warehouse, damaged, THREADS)) {
      store.refresh();
      assertThat(store.servedFromSnapshot()).isFalse();
      assertThat(answers(store.current())).isEqualTo(fromTables);
    }
    Path other = dir.resolve("other.snapshot");
    Files.write(other, "DA06GSNP but not a snapshot".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> GoldSnapshot.read(other)).isInstanceOf(GoldSnapshot.Unusable.class);
  }

  @Test
  @Order(3)
  void aNewDeltaVersionMakesTheStoreReadTheTablesAndRewriteTheSnapshot() throws Exception {
    long before =
        new DeltaTableReader().latestVersion(warehouse.resolve("gold/dim_service")).orElseThrow();
    Files.writeString(
        warehouse.resolve("gold/dim_service/_delta_log/%020d.json".formatted(before + 1)),
        "{\"commitInfo\":{\"timestamp\":"
            + System.currentTimeMillis()
            + ",\"operation\":\"WRITE\","
            + "\"operationParameters\":{},\"isBlindAppend\":true}}\n",
        StandardCharsets.UTF_8);
    try (DeltaKpiStore second = new DeltaKpiStore(warehouse, snapshot, THREADS)) {
      second.refresh();
      second.snapshotWritten().join();
      assertThat(second.servedFromSnapshot()).isFalse();
      assertThat(second.current().version().tableVersions())
          .containsEntry("dim_service", before + 1);
      assertThat(GoldSnapshot.read(snapshot).version().tableVersions())
          .containsEntry("dim_service", before + 1);
    }
    try (DeltaKpiStore third = new DeltaKpiStore(warehouse, snapshot, THREADS)) {
      third.refresh();
      assertThat(third.servedFromSnapshot()).isTrue();
    }
  }

  /**
   * What the dashboard answers from gold, for the test province, its districts and wards, every
   * month.
   */
  static List<String> answers(GoldData gold) {
    List<String> answers = new ArrayList<>();
    answers.add(
        gold.version().version()
            + " "
            + gold.version().updatedAt()
            + " "
            + new java.util.TreeMap<>(gold.version().tableVersions()));
    answers.add(gold.services().toString());
    UnitScope province = gold.unit(TestWarehouse.PROVINCE).orElseThrow();
    List<UnitScope> scopes = new ArrayList<>(List.of(province));
    scopes.addAll(gold.districts(province));
    province.currentWards().stream()
        .sorted()
        .limit(5)
        .forEach(code -> gold.unit(code).ifPresent(scopes::add));
    for (WardView view : WardView.values()) {
      List<String> months = gold.months(view);
      answers.add(view + " " + months);
      for (UnitScope scope : scopes) {
        answers.add(scope.toString());
        answers.add(
            gold.kpis(view, scope, months.get(0), months.get(months.size() - 1)).toString());
        answers.add(gold.targets(scope).toString());
        for (String month : months) {
          answers.add(month + " " + gold.aggregate(view, scope, month));
          answers.add(gold.serviceMonths(scope, month).toString());
          answers.add(gold.dailyReports(scope, month).toString());
          gold.ward(view, scope.code(), month).ifPresent(ward -> answers.add(ward.toString()));
        }
      }
    }
    assertThat(answers).hasSizeGreaterThan(50);
    return answers;
  }
}
