package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.da06.warehouse.Tables;

/**
 * A first start (no snapshot) serves the latest month of the ward-month tables at once and the
 * months before it once read; every answer, before and after, is the one of gold read whole by
 * Delta Kernel's own reader.
 */
class FirstStartTest {
  static final GoldThreads THREADS = GoldThreads.daemons();

  @AfterAll
  static void stopThreads() {
    THREADS.close();
  }

  static Path warehouse;
  static GoldData kernel;
  static List<String> expected;

  @BeforeAll
  static void readWithKernel() {
    warehouse = TestWarehouse.get();
    kernel = kernelRead(warehouse);
    expected = GoldSnapshotTest.answers(kernel);
  }

  /**
   * Every gold table read whole by Delta Kernel's own Parquet reader: the reference, apart from
   * DuckDB and the split.
   */
  static GoldData kernelRead(Path warehouse) {
    DeltaTableReader reader = new DeltaTableReader();
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    DataVersion kpis = null;
    for (String name : Tables.GOLD_TABLES) {
      Path table = Path.of(Tables.location(warehouse.toString(), Tables.GOLD, name));
      if (Files.isDirectory(table.resolve("_delta_log"))) {
        DeltaTableReader.TableData data = reader.read(table);
        tables.put(name, data.rows());
        versions.put(name, data.version());
        if (name.equals(Tables.WARD_MONTH_KPIS)) {
          kpis = new DataVersion(data.version(), data.committedAt(), Map.of());
        }
      }
    }
    return InMemoryGold.fromTables(
        new DataVersion(kpis.version(), kpis.updatedAt(), versions), tables);
  }

  @Test
  void theLatestMonthIsServedFirstAndAnEarlierMonthWaitsForTheRest() throws Exception {
    List<Runnable> held = new CopyOnWriteArrayList<>();
    try (DeltaKpiStore store = new DeltaKpiStore(warehouse, null, THREADS.withRest(held::add))) {
      assertThat(store.refresh()).isTrue();
      GoldData first = store.current();
      assertThat(first)
          .as("served before the months before the latest are read")
          .isInstanceOf(PartialGold.class);
      assertThat(held).as("the read of the rest, held by this test").hasSize(1);
      UnitScope province = first.unit(TestWarehouse.PROVINCE).orElseThrow();
      for (WardView view : WardView.values()) {
        List<String> months = kernel.months(view);
        assertThat(months).as(view + " months").hasSizeGreaterThan(2);
        assertThat(first.months(view)).as("every month is listed from the start").isEqualTo(months);
        String latest = months.get(months.size() - 1);
        assertThat(((PartialGold) first).holds(view, latest)).isTrue();
        assertThat(((PartialGold) first).holds(view, months.get(months.size() - 2))).isFalse();
        assertThat(first.aggregate(view, province, latest))
            .isEqualTo(kernel.aggregate(view, province, latest));
        assertThat(first.kpis(view, province, latest, latest).toString())
            .isEqualTo(kernel.kpis(view, province, latest, latest).toString());
      }
      assertThat(first.services()).isEqualTo(kernel.services());
      assertThat(first.targets(province).toString()).isEqualTo(kernel.targets(province).toString());

      String earliest = kernel.months(WardView.AS_REPORTED).get(0);
      CompletableFuture<GoldData.Aggregate> waiting =
          CompletableFuture.supplyAsync(
              () -> first.aggregate(WardView.AS_REPORTED, province, earliest));
      Thread.sleep(300);
      assertThat(waiting).as("an earlier month waits for the rest").isNotDone();
      held.get(0).run();
      assertThat(waiting.get(20, TimeUnit.SECONDS))
          .isEqualTo(kernel.aggregate(WardView.AS_REPORTED, province, earliest));

      store.snapshotWritten().get(20, TimeUnit.SECONDS);
      assertThat(store.current())
          .as("the whole gold replaced the partial one")
          .isInstanceOf(InMemoryGold.class);
      assertThat(GoldSnapshotTest.answers(store.current())).isEqualTo(expected);
      assertThat(GoldSnapshotTest.answers(first))
          .as("the partial gold, answering from the whole")
          .isEqualTo(expected);
      assertThat(store.refresh()).as("nothing new to read").isFalse();
    }
  }

  @Test
  void aStartWithTheRestReadAtOnceServesTheSameAnswers() throws Exception {
    try (DeltaKpiStore store =
        new DeltaKpiStore(warehouse, null, THREADS.withRest(Runnable::run))) {
      assertThat(store.refresh()).isTrue();
      assertThat(store.current()).isInstanceOf(InMemoryGold.class);
      assertThat(GoldSnapshotTest.answers(store.current())).isEqualTo(expected);
    }
  }

  @Test
  void anEarlierMonthGets503WhenTheRestIsSlowOrCouldNotBeRead() {
    GoldData small = FakeKpiStore.small().current();
    UnitScope province = small.unit("20").orElseThrow();
    List<String> months = small.months(WardView.AS_REPORTED);
    String latest = months.get(months.size() - 1);
    CompletableFuture<InMemoryGold> whole = new CompletableFuture<>();
    PartialGold partial =
        new PartialGold(
            (InMemoryGold) small,
            Map.of(WardView.AS_REPORTED, months),
            Map.of(WardView.AS_REPORTED, latest),
            whole,
            Duration.ofMillis(50));
    assertThat(partial.aggregate(WardView.AS_REPORTED, province, latest))
        .isEqualTo(small.aggregate(WardView.AS_REPORTED, province, latest));
    assertThatThrownBy(() -> partial.kpis(WardView.AS_REPORTED, province, months.get(0), latest))
        .isInstanceOf(WarehouseUnavailableException.class)
        .hasMessageContaining("still loading the months before it (try again in a few seconds)");
    assertThatThrownBy(() -> partial.aggregate(WardView.CURRENT, province, latest))
        .as("a view with no month loaded")
        .isInstanceOf(WarehouseUnavailableException.class);
    assertThat(partial.failed()).isFalse();
    whole.completeExceptionally(
        new IllegalStateException("Cannot read gold.ward_month_kpis: disk gone"));
    assertThat(partial.failed()).isTrue();
    assertThatThrownBy(() -> partial.kpis(WardView.AS_REPORTED, province, months.get(0), latest))
        .isInstanceOf(WarehouseUnavailableException.class)
        .hasMessageContaining(
            "could not load the months before the latest one: Cannot read gold.ward_month_kpis:"
                + " disk gone (it tries again at its next poll of the warehouse)");
  }
}
