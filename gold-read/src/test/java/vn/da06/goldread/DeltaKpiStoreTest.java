package vn.da06.goldread;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaKpiStoreTest {
  @TempDir Path dir;

  @Test
  void aWarehouseWithoutGoldSaysWhatToRun() {
    try (GoldThreads threads = GoldThreads.daemons();
        DeltaKpiStore store = new DeltaKpiStore(dir.resolve("warehouse"), null, threads)) {
      store.refresh();
      assertThatThrownBy(store::current)
          .isInstanceOf(WarehouseUnavailableException.class)
          .hasMessage(
              "There are no gold tables in "
                  + dir.resolve("warehouse")
                  + " yet (run ./da06 demo, or"
                  + " ./da06 run --inbox <inbox> --warehouse "
                  + dir.resolve("warehouse")
                  + ")");
    }
  }
}
