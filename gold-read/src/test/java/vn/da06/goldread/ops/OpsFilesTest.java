package vn.da06.goldread.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsFilesTest {
  @Test
  void aLocalWarehouseKeepsItsRecordsItselfUnlessAStateFolderIsGiven() {
    Path warehouse = Path.of("/srv/da06/warehouse");
    assertThat(OpsFiles.stateDir(warehouse.toString(), null, Map.of())).isEqualTo(warehouse);
    assertThat(OpsFiles.stateDir("file:/srv/da06/warehouse", null, Map.of())).isEqualTo(warehouse);
    assertThat(
            OpsFiles.stateDir(
                warehouse.toString(), null, Map.of("DA06_STATE_DIR", "/var/lib/da06")))
        .isEqualTo(Path.of("/var/lib/da06"));
    assertThat(
            OpsFiles.stateDir(
                "s3a://da06/warehouse",
                Path.of("/opt/state"),
                Map.of("DA06_STATE_DIR", "/var/lib/da06")))
        .isEqualTo(Path.of("/opt/state"));
  }

  @Test
  void aWarehouseOnS3NeedsALocalStateFolderAndSaysHowToGiveOne() {
    assertThat(OpsFiles.stateDir("s3a://da06/warehouse", null, Map.of("DA06_STATE_DIR", "/st")))
        .isEqualTo(Path.of("/st"));
    assertThatThrownBy(() -> OpsFiles.stateDir("s3a://da06/warehouse", null, Map.of()))
        .hasMessage(
            "Cannot keep the ops records (reports made, mail ledger) of s3a://da06/warehouse: they"
                + " are appended under a file lock, which object storage has not (pass --state-dir"
                + " <local folder> or set DA06_STATE_DIR)");
  }
}
