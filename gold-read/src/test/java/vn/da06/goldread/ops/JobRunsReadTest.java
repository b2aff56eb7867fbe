package vn.da06.goldread.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.TestWarehouse;
import vn.da06.warehouse.Tables;

class JobRunsReadTest {
  @Test
  void readsThePipelineRunWithItsCountsAndTheDeltaVersionsItWrote() {
    List<JobRunsRead.JobRun> runs = new JobRunsRead(TestWarehouse.get()).latest("pipeline", 5);

    assertThat(runs).hasSize(1);
    JobRunsRead.JobRun run = runs.get(0);
    assertThat(run.runId()).startsWith("run-");
    assertThat(run.outcome()).isEqualTo("SUCCEEDED");
    assertThat(run.succeeded()).isTrue();
    assertThat(run.parameters()).contains("warehouse=");
    assertThat(run.startedAt()).isBeforeOrEqualTo(run.endedAt());
    assertThat(run.rowsIn()).isPositive();
    assertThat(run.rowsOut()).isPositive();
    assertThat(run.deltaVersions())
        .as("the version of every table the run wrote")
        .containsKey(Tables.GOLD + "." + Tables.WARD_MONTH_KPIS)
        .allSatisfy((table, version) -> assertThat(version).isNotNegative());
  }

  @Test
  void aWarehouseWithoutRunsHasNone(@TempDir Path warehouse) {
    assertThat(new JobRunsRead(warehouse).all()).isEmpty();
  }
}
