package vn.da06.warehouse.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.warehouse.Tables;

/**
 * The generated delta catalog and table registrations for a warehouse on the local disk, on HDFS
 * and on S3 (Trino 476 property names). Only the local case runs against a real server
 * (TrinoAnalystsTest); the HDFS and S3 cases are checked as configuration.
 */
class WarehouseLocationTest {

  @Test
  void aLocalFolderIsServedThroughTheNativeLocalFileSystemWithRelativeLocations(@TempDir Path dir) {
    WarehouseLocation local = WarehouseLocation.parse(dir.resolve("warehouse/").toString());
    assertThat(local.scheme()).isEqualTo(WarehouseLocation.Scheme.LOCAL);
    assertThat(local.catalogProperties(Map.of()))
        .containsExactly(
            Map.entry("connector.name", "delta_lake"),
            Map.entry("hive.metastore", "file"),
            Map.entry("hive.metastore.catalog.dir", "local:///_trino_metastore"),
            Map.entry("fs.native-local.enabled", "true"),
            Map.entry("local.location", dir.resolve("warehouse").toString()),
            Map.entry("delta.register-table-procedure.enabled", "true"),
            Map.entry("hive.metastore.disable-location-checks", "true"),
            Map.entry("delta.dynamic-filtering.wait-timeout", "1s"),
            Map.entry("delta.table-statistics-enabled", "false"));
    assertThat(TableSync.registerStatement(local, Tables.GOLD, Tables.WARD_MONTH_KPIS))
        .isEqualTo(
            "CALL delta.system.register_table(schema_name => 'gold', table_name => 'ward_month_kpis',"
                + " table_location => 'local:///gold/ward_month_kpis')");
    assertThat(WarehouseLocation.parse("file://" + dir.resolve("warehouse"))).isEqualTo(local);
  }

  @Test
  void anHdfsWarehouseEnablesHadoopAndRegistersTablesAtTheirHdfsLocations(@TempDir Path conf)
      throws Exception {
    WarehouseLocation hdfs = WarehouseLocation.parse("hdfs://namenode:8020/da06/warehouse/");
    assertThat(hdfs.scheme()).isEqualTo(WarehouseLocation.Scheme.HDFS);
    Map<String, String> catalog = hdfs.catalogProperties(Map.of());
    assertThat(catalog)
        .containsEntry("fs.hadoop.enabled", "true")
        .containsEntry(
            "hive.metastore.catalog.dir", "hdfs://namenode:8020/da06/warehouse/_trino_metastore")
        .containsEntry("delta.register-table-procedure.enabled", "true")
        .doesNotContainKeys(
            "fs.native-local.enabled",
            "local.location",
            "fs.native-s3.enabled",
            "hive.config.resources");
    assertThat(TableSync.createSchemaStatement(hdfs, Tables.SILVER))
        .isEqualTo(
            "CREATE SCHEMA IF NOT EXISTS delta.silver WITH (location = 'hdfs://namenode:8020/da06/warehouse/silver')");
    assertThat(TableSync.registerStatement(hdfs, Tables.OPS, Tables.JOB_RUNS))
        .endsWith("table_location => 'hdfs://namenode:8020/da06/warehouse/ops/job_runs')");

    // core-site.xml and hdfs-site.xml of HADOOP_CONF_DIR (HA namenodes, federation) are handed to
    // Trino.
    Files.writeString(conf.resolve("core-site.xml"), "<configuration/>");
    Files.writeString(conf.resolve("hdfs-site.xml"), "<configuration/>");
    assertThat(hdfs.catalogProperties(Map.of("HADOOP_CONF_DIR", conf.toString())))
        .containsEntry(
            "hive.config.resources",
            conf.resolve("core-site.xml") + "," + conf.resolve("hdfs-site.xml"));
    assertThatThrownBy(
            () ->
                hdfs.catalogProperties(
                    Map.of(WarehouseLocation.HADOOP_CONFIG, "/nowhere/core-site.xml")))
        .hasMessageContaining("Cannot use Hadoop configuration /nowhere/core-site.xml")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> WarehouseLocation.parse("hdfs:///da06"))
        .hasMessageContaining("an HDFS location names its namenode");
  }

  @Test
  void anS3WarehouseUsesNativeS3AndKeepsTheKeysInTheEnvironment() {
    WarehouseLocation s3 = WarehouseLocation.parse("s3a://da06-bucket/warehouse");
    assertThat(s3.scheme()).isEqualTo(WarehouseLocation.Scheme.S3);
    Map<String, String> environment =
        Map.of(
            WarehouseLocation.S3_ENDPOINT,
            "http://127.0.0.1:9000",
            WarehouseLocation.S3_REGION,
            "ap-southeast-1",
            "AWS_ACCESS_KEY_ID",
            "minio-access-key",
            "AWS_SECRET_ACCESS_KEY",
            "minio-secret-key-never-written");
    Map<String, String> catalog = s3.catalogProperties(environment);
    assertThat(catalog)
        .containsEntry("fs.native-s3.enabled", "true")
        .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("s3.region", "ap-southeast-1")
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("s3.aws-access-key", "${ENV:AWS_ACCESS_KEY_ID}")
        .containsEntry("s3.aws-secret-key", "${ENV:AWS_SECRET_ACCESS_KEY}")
        .containsEntry("hive.metastore.catalog.dir", "s3a://da06-bucket/warehouse/_trino_metastore")
        .doesNotContainKeys("fs.hadoop.enabled", "local.location");
    assertThat(catalog.values())
        .noneMatch(value -> value.contains("minio-secret-key") || value.contains("minio-access"));
    assertThat(TableSync.registerStatement(s3, Tables.GOLD, Tables.DIM_WARD))
        .endsWith("table_location => 's3a://da06-bucket/warehouse/gold/dim_ward')");

    // AWS itself: no endpoint, virtual-hosted requests, the default credential chain.
    Map<String, String> aws =
        WarehouseLocation.parse("s3://da06-bucket")
            .catalogProperties(Map.of("AWS_REGION", "us-west-2"));
    assertThat(aws)
        .containsEntry("s3.region", "us-west-2")
        .containsEntry("s3.path-style-access", "false")
        .doesNotContainKeys("s3.endpoint", "s3.aws-access-key", "s3.aws-secret-key");
    assertThatThrownBy(() -> s3.catalogProperties(Map.of("AWS_ACCESS_KEY_ID", "only-half")))
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY is not");
  }

  @Test
  void aRemoteWarehouseRegistersTheTablesTheContractsName() {
    assertThat(TableSync.contractTables(Tables.GOLD)).isEqualTo(Tables.GOLD_TABLES);
    assertThat(TableSync.contractTables(Tables.BRONZE))
        .contains("eid_applications", "service_dossiers", "population", "daily_reports", "targets");
    assertThatThrownBy(() -> WarehouseLocation.parse("gs://bucket/warehouse"))
        .hasMessageContaining("scheme 'gs' is not supported");
  }

  @Test
  void theExampleQueriesAreReadWithTheirTitles() {
    var examples =
        AnalystDocs.exampleQueries(
            """
        intro
        1. Wards under the goal:

        ```sql
        SELECT 1
        ```

        2. Another one:

        ```sql
        SELECT 2
        FROM x
        ```
        """);
    assertThat(examples).extracting(AnalystDocs.Example::name).containsExactly("q01", "q02");
    assertThat(examples.get(1).title()).isEqualTo("Another one");
    assertThat(examples.get(1).sql()).isEqualTo("SELECT 2\nFROM x");
    assertThatThrownBy(() -> AnalystDocs.exampleQueries("```sql\nSELECT 1\n```\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("no numbered title line");
  }
}
