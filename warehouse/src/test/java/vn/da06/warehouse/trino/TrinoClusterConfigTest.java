package vn.da06.warehouse.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * The files {@code ./da06 trino start --workers N} generates, without starting Trino (the cluster
 * runs for real in TrinoClusterTest, over a local warehouse): here over an s3a:// warehouse, as the
 * integrator will run it, so that nothing in the cluster path assumes a local folder.
 */
class TrinoClusterConfigTest {
  static final String KEY_ID = "AKIA-test-key-id";
  static final String SECRET = "test-secret-key-never-in-a-file";

  @Test
  void everyWorkerGetsItsOwnNodeAndPortTheCoordinatorsDiscoveryAndTheSameS3Catalog(
      @TempDir Path dir) throws IOException {
    TrinoSettings settings =
        settings(dir, WarehouseLocation.parse("s3a://da06/warehouse"), TrinoSettings.Nodes.of(2));
    TrinoServer server =
        new TrinoServer(
            settings,
            Map.of(
                WarehouseLocation.S3_ENDPOINT,
                "http://127.0.0.1:9000",
                "AWS_ACCESS_KEY_ID",
                KEY_ID,
                "AWS_SECRET_ACCESS_KEY",
                SECRET),
            message -> {});
    server.writeConfiguration();
    settings.workers().forEach(server::writeWorkerConfiguration);

    Map<String, String> coordinator = properties(settings.etc().resolve("config.properties"));
    assertThat(coordinator)
        .containsEntry("coordinator", "true")
        .containsEntry("node-scheduler.include-coordinator", "false")
        .containsEntry("http-server.https.port", "8443")
        .containsEntry("query.max-memory-per-node", "512MB")
        .containsEntry("http-server.authentication.type", "PASSWORD");
    assertThat(Files.readString(settings.etc().resolve("jvm.config"))).contains("-Xmx1G\n");
    String catalog = Files.readString(settings.etc().resolve("catalog/delta.properties"));
    assertThat(catalog)
        .contains("hive.metastore.catalog.dir=s3a://da06/warehouse/_trino_metastore\n")
        .contains("s3.endpoint=http://127.0.0.1:9000\n")
        .contains("s3.aws-access-key=${ENV:AWS_ACCESS_KEY_ID}\n");

    assertThat(settings.workers())
        .extracting(TrinoSettings.Worker::name, TrinoSettings.Worker::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("worker-1", 8444),
            org.assertj.core.groups.Tuple.tuple("worker-2", 8445));
    List<String> nodeIds = new java.util.ArrayList<>();
    nodeIds.add(properties(settings.etc().resolve("node.properties")).get("node.id"));
    for (TrinoSettings.Worker worker : settings.workers()) {
      Map<String, String> config = properties(worker.etc().resolve("config.properties"));
      assertThat(config)
          .containsEntry("coordinator", "false")
          .containsEntry("http-server.https.port", String.valueOf(worker.port()))
          .containsEntry("discovery.uri", "https://127.0.0.1:8443")
          .containsEntry(
              "internal-communication.shared-secret",
              coordinator.get("internal-communication.shared-secret"))
          .containsEntry(
              "http-server.https.keystore.path", coordinator.get("http-server.https.keystore.path"))
          .containsEntry("internal-communication.https.required", "true")
          .containsEntry("query.max-memory-per-node", "512MB")
          .doesNotContainKeys("http-server.authentication.type", "access-control.config-files");
      Map<String, String> node = properties(worker.etc().resolve("node.properties"));
      assertThat(node)
          .containsEntry(
              "node.data-dir", dir.resolve("trino/" + worker.name() + "/data").toString())
          .containsEntry("node.environment", "da06");
      nodeIds.add(node.get("node.id"));
      assertThat(Files.readString(worker.etc().resolve("catalog/delta.properties")))
          .isEqualTo(catalog);
      assertThat(Files.readString(worker.etc().resolve("jvm.config"))).contains("-Xmx1G\n");
    }
    assertThat(nodeIds).doesNotHaveDuplicates().hasSize(3);
    // No file of any node holds the S3 keys: they come from each node's environment.
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(SECRET)
            .doesNotContain(KEY_ID);
      }
    }
  }

  @Test
  void oneNodeKeepsTodaysConfiguration(@TempDir Path dir) throws IOException {
    TrinoSettings settings =
        settings(dir, WarehouseLocation.local(dir.resolve("warehouse")), TrinoSettings.Nodes.of(0));
    assertThat(settings.nodes()).isEqualTo(TrinoSettings.Nodes.single());
    assertThat(settings.workers()).isEmpty();
    new TrinoServer(settings, Map.of(), message -> {}).writeConfiguration();
    assertThat(properties(settings.etc().resolve("config.properties")))
        .containsEntry("node-scheduler.include-coordinator", "true")
        .containsEntry("query.max-memory", "1GB")
        .containsEntry("query.max-memory-per-node", "1GB");
    assertThat(Files.readString(settings.etc().resolve("jvm.config"))).contains("-Xmx2G\n");
    assertThat(settings.home().resolve("worker-1")).doesNotExist();
  }

  @Test
  void aWrongShapeIsRefusedWithTheFix() {
    assertThatThrownBy(() -> new TrinoSettings.Nodes(-1, 0, "1G", "1G"))
        .hasMessage("Cannot start -1 workers: give 0 or more (--workers)");
    assertThatThrownBy(() -> new TrinoSettings.Nodes(2, 0, "1G", "256M"))
        .hasMessage(
            "Cannot use heap size '256M': give megabytes or gigabytes, 512M or more (e.g. 1G,"
                + " 1536M)");
    assertThatThrownBy(() -> new TrinoSettings.Nodes(2, 0, "1 GB", "1G"))
        .hasMessageStartingWith("Cannot use heap size '1 GB'");
    assertThat(TrinoSettings.Nodes.queryMemoryPerNode("1536M")).isEqualTo("768MB");
  }

  private static TrinoSettings settings(
      Path dir, WarehouseLocation warehouse, TrinoSettings.Nodes nodes) {
    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "analyst",
                    "20",
                    Role.ANALYST,
                    Passwords.hash("analyst-secret".toCharArray()),
                    null)))
        .save(users);
    return new TrinoSettings(
        warehouse, 8443, "127.0.0.1", dir.resolve("trino"), users, dir.resolve("install"), nodes);
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.forEach((key, value) -> map.put((String) key, (String) value));
    return map;
  }
}
