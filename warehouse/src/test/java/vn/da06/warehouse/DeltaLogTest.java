package vn.da06.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaLogTest {

  @Test
  void theLatestVersionIsTheHighestCommitFileNotACheckpointOrChecksum() {
    assertThat(
            DeltaLog.latestVersion(
                Stream.of(
                    "00000000000000000000.json",
                    "00000000000000000010.checkpoint.parquet",
                    "00000000000000000011.json",
                    "00000000000000000012.crc",
                    "_last_checkpoint",
                    ".00000000000000000012.json.tmp",
                    "00000000000000000009.json")))
        .isEqualTo(11);
    assertThat(DeltaLog.latestVersion(Stream.of("_last_checkpoint"))).isEqualTo(-1);
  }

  @Test
  void aFolderWithoutCommitsHasNoVersion(@TempDir Path dir) throws Exception {
    assertThat(DeltaLog.latestVersion(dir.resolve("absent"))).isEmpty();
    Files.createDirectories(dir.resolve("t/_delta_log"));
    assertThat(DeltaLog.latestVersion(dir.resolve("t"))).isEmpty();
    Files.writeString(dir.resolve("t/_delta_log/00000000000000000003.json"), "{}");
    Files.writeString(dir.resolve("t/_delta_log/00000000000000000002.json"), "{}");
    assertThat(DeltaLog.latestVersion(dir.resolve("t"))).hasValue(3);
  }
}
