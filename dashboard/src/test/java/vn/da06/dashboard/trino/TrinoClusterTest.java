package vn.da06.dashboard.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.jdbc.TrinoResultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.da06.warehouse.trino.AnalystDocs;
import vn.da06.warehouse.trino.TrinoClient;
import vn.da06.warehouse.trino.TrinoServer;
import vn.da06.warehouse.trino.TrinoSettings;

/**
 * {@code ./da06 trino start --workers 2}: a coordinator and two worker processes over the same
 * warehouse as TrinoAnalystsTest (TrinoTestWarehouse: no second sample, no second install), copied
 * to a real S3 server (S3Proxy) and served from {@code s3a://} with the file metastore there. The
 * analysts' documented queries, run as a province analyst, a ward-scoped analyst (row filter) and
 * an admin, give on the cluster exactly the answers they gave on one node; the access policy still
 * holds (it is enforced on the coordinator); and a query's splits run on both workers.
 *
 * <p>The one-node answers are taken from the one-node server TrinoAnalystsTest leaves running (the
 * class order puts this class after it; or one started here when this class runs alone); the switch
 * to a cluster costs one stop and one start of three JVMs, measured and printed as
 * "trino-cluster-test: ... s". The cluster is stopped when the class ends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TrinoTestWarehouse.Extension.class)
@Order(2) // after TrinoAnalystsTest (junit-platform.properties): its one node gives the answers
class TrinoClusterTest {
  static final TrinoSettings.Nodes TWO_WORKERS = TrinoSettings.Nodes.of(2);

  record Check(String user, String password, String name, String sql) {}

  static TrinoTestWarehouse fixture;
  static TrinoServer cluster;
  static vn.da06.goldread.testing.S3Server s3;
  static final Map<Check, List<List<String>>> ON_ONE_NODE = new LinkedHashMap<>();

  /** Three idle JVMs would otherwise stay up for the rest of the suite. */
  @AfterAll
  static void stopTheCluster() {
    if (fixture != null) {
      fixture.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeAll
  static void answerOnOneNodeThenStartACoordinatorAndTwoWorkers() throws Exception {
    fixture = TrinoTestWarehouse.shared();
    long began = System.nanoTime();
    fixture.start(TrinoSettings.Nodes.single());
    long oneNodeReady = System.nanoTime();
    for (Check check : checks()) {
      ON_ONE_NODE.put(check, fixture.trino(check.user(), check.password(), check.sql()));
    }
    long answered = System.nanoTime();
    // The cluster reads the same warehouse copied to a real S3 server (S3Proxy): every node
    // reaches it with the endpoint and keys of its environment.
    s3 = vn.da06.goldread.testing.S3Server.start(fixture.dir.resolve("s3"));
    s3.createBucket("da06");
    cluster = fixture.startOnS3(TWO_WORKERS, s3, "da06");
    long clusterReady = System.nanoTime();
    System.out.printf(
        "trino-cluster-test: one node ready in %.1f s, %d checks on one node in %.1f s,"
            + " S3 copy, stop + start of a coordinator and 2 workers over S3 in %.1f s%n",
        (oneNodeReady - began) / 1e9,
        ON_ONE_NODE.size(),
        (answered - oneNodeReady) / 1e9,
        (clusterReady - answered) / 1e9);
  }

  /**
   * Every documented example query as the province analyst and as the ward-scoped analyst, the
   * per-month totals as the admin, and the wards each analyst sees.
   */
  static List<Check> checks() throws IOException {
    List<Check> checks = new ArrayList<>();
    List<AnalystDocs.Example> examples =
        AnalystDocs.exampleQueries(Files.readString(TrinoAnalystsTest.analystDocs()));
    for (String[] user :
        List.of(
            new String[] {"analyst.langson", "analyst-secret"},
            new String[] {"ward.user", "ward-secret"})) {
      for (AnalystDocs.Example example : examples) {
        checks.add(new Check(user[0], user[1], example.name(), example.sql()));
      }
      checks.add(
          new Check(
              user[0],
              user[1],
              "wards seen",
              "SELECT DISTINCT ward_code FROM delta.gold.ward_month_kpis ORDER BY ward_code"));
    }
    checks.add(
        new Check(
            "admin",
            "admin-secret",
            "per month",
            TrinoAnalystsTest.PER_MONTH.formatted("delta.gold.ward_month_kpis")));
    return checks;
  }

  @Test
  @Order(1)
  void theCoordinatorAndEachWorkerAreTheirOwnProcessAndActive() throws SQLException, IOException {
    List<List<String>> nodes =
        system(
            "SELECT node_id, http_uri, coordinator, state FROM system.runtime.nodes"
                + " ORDER BY coordinator DESC, http_uri");
    assertThat(nodes).hasSize(3);
    assertThat(nodes.get(0).subList(2, 4)).containsExactly("true", "active");
    List<String> workerUris = new ArrayList<>();
    for (TrinoSettings.Worker worker : cluster.settings().workers()) {
      workerUris.add("https://127.0.0.1:" + worker.port());
    }
    assertThat(nodes.subList(1, 3))
        .allSatisfy(node -> assertThat(node.subList(2, 4)).containsExactly("false", "active"))
        .extracting(node -> node.get(1))
        .containsExactlyInAnyOrderElementsOf(workerUris);
    assertThat(nodes.stream().map(node -> node.get(0)).distinct()).hasSize(3);

    List<TrinoServer.NodeStatus> status = cluster.status();
    assertThat(status)
        .extracting(TrinoServer.NodeStatus::name)
        .containsExactly("coordinator", "worker-1", "worker-2");
    assertThat(status)
        .allSatisfy(
            node -> {
              assertThat(node.running()).as(node.name()).isTrue();
              assertThat(node.state()).as(node.name()).contains("active");
            });
    assertThat(status.stream().map(node -> node.pid().orElseThrow()).distinct()).hasSize(3);
    assertThat(config(cluster.settings().etc()))
        .containsEntry("coordinator", "true")
        .containsEntry("node-scheduler.include-coordinator", "false");
    for (TrinoSettings.Worker worker : cluster.settings().workers()) {
      Map<String, String> config = config(worker.etc());
      assertThat(config)
          .containsEntry("coordinator", "false")
          .containsEntry("discovery.uri", "https://127.0.0.1:" + cluster.settings().port())
          .containsEntry("internal-communication.https.required", "true")
          .doesNotContainKey("http-server.authentication.type");
      assertThat(Files.readString(worker.etc().resolve("catalog/delta.properties")))
          .isEqualTo(
              Files.readString(cluster.settings().etc().resolve("catalog/delta.properties")));
      assertThat(Files.readString(worker.etc().resolve("catalog/delta.properties")))
          .contains("fs.native-s3.enabled=true")
          .contains("hive.metastore.catalog.dir=s3a://da06/warehouse/_trino_metastore")
          .contains("s3.aws-secret-key=${ENV:AWS_SECRET_ACCESS_KEY}")
          .doesNotContain(s3.secretKey());
      assertThat(rssMegabytes(worker)).as(worker.name() + " resident MB").isPositive();
    }
  }

  @Test
  @Order(2)
  void theAnalystsDocumentedQueriesGiveTheSameAnswersAsOnOneNode() throws SQLException {
    assertThat(ON_ONE_NODE).hasSizeGreaterThanOrEqualTo(23);
    int rows = 0;
    for (Map.Entry<Check, List<List<String>>> expected : ON_ONE_NODE.entrySet()) {
      Check check = expected.getKey();
      assertThat(fixture.trino(check.user(), check.password(), check.sql()))
          .as(check.user() + ": " + check.name())
          .isEqualTo(expected.getValue());
      rows += expected.getValue().size();
    }
    assertThat(rows).as("rows compared").isGreaterThan(300);
    // The row filter is applied on the coordinator's plan: the ward analyst sees one ward.
    assertThat(
            fixture.trino(
                "ward.user",
                "ward-secret",
                "SELECT DISTINCT ward_code FROM delta.gold.ward_month_kpis"))
        .containsExactly(List.of(fixture.ward));
  }

  @Test
  @Order(3)
  void theAccessPolicyHoldsOnTheCluster() {
    assertThatThrownBy(
            () ->
                fixture.trino(
                    "analyst.langson",
                    "analyst-secret",
                    "SELECT count(*) FROM delta.silver.eid_applications"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(
            "Access Denied: Cannot select from table delta.silver.eid_applications");
    assertThatThrownBy(
            () -> fixture.trino("ward.user", "ward-secret", "SELECT * FROM system.runtime.nodes"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access Denied");
    assertThatThrownBy(() -> fixture.trino("analyst.langson", "wrong", "SELECT 1"))
        .hasMessageContaining("Invalid credentials");
  }

  /**
   * The scan of one query ran on both workers: its tasks that read table files (physical input) and
   * completed splits are on two nodes. Which worker gets a split is the scheduler's choice (the
   * least busy one), so with a handful of month files a query may rarely land on one worker: up to
   * five queries are tried, and the first that spread is shown.
   */
  @Test
  @Order(4)
  void aQuerysScanSplitsRunOnBothWorkers() throws SQLException {
    Map<String, String> names = new LinkedHashMap<>();
    for (TrinoServer.NodeStatus node : cluster.status()) {
      names.put(node.nodeId(), node.name());
    }
    List<String> scanNodes = List.of();
    for (int attempt = 1; attempt <= 5 && scanNodes.size() < 2; attempt++) {
      String queryId;
      try (Connection connection =
              TrinoClient.connect(cluster.settings(), "analyst.langson", "analyst-secret");
          Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "SELECT month, sum(dossiers_total), count(*) FROM delta.gold.ward_month_kpis"
                      + " GROUP BY month ORDER BY month")) {
        assertThat(TrinoTestWarehouse.rows(result)).hasSizeGreaterThanOrEqualTo(5);
        queryId = result.unwrap(TrinoResultSet.class).getQueryId();
      }
      List<List<String>> tasks;
      try (Connection connection = cluster.systemConnection();
          PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT node_id, stage_id, sum(completed_splits), sum(physical_input_bytes)"
                      + " FROM system.runtime.tasks WHERE query_id = ?"
                      + " GROUP BY node_id, stage_id ORDER BY stage_id, node_id")) {
        statement.setString(1, queryId);
        try (ResultSet result = statement.executeQuery()) {
          tasks = TrinoTestWarehouse.rows(result);
        }
      }
      System.out.println(
          "trino-cluster-test: tasks of "
              + queryId
              + " (node, stage, completed splits, bytes read):");
      tasks.forEach(
          task ->
              System.out.println(
                  "trino-cluster-test:   "
                      + names.getOrDefault(task.get(0), task.get(0))
                      + " "
                      + task.get(1)
                      + " "
                      + task.get(2)
                      + " "
                      + task.get(3)));
      assertThat(tasks)
          .as("tasks of " + queryId + ", none on the coordinator")
          .isNotEmpty()
          .allSatisfy(task -> assertThat(names.get(task.get(0))).startsWith("worker-"));
      scanNodes =
          tasks.stream()
              .filter(task -> Long.parseLong(task.get(2)) > 0 && Long.parseLong(task.get(3)) > 0)
              .map(task -> task.get(0))
              .distinct()
              .toList();
    }
    assertThat(scanNodes).as("workers whose splits read the table's files").hasSize(2);
  }

  private static List<List<String>> system(String sql) throws SQLException {
    try (Connection connection = cluster.systemConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return TrinoTestWarehouse.rows(result);
    }
  }

  private static Map<String, String> config(Path etc) {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(etc.resolve("config.properties"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    properties.forEach((key, value) -> config.put((String) key, (String) value));
    return config;
  }

  /** The worker's resident memory, printed so that the run's log says what three JVMs cost. */
  private static long rssMegabytes(TrinoSettings.Worker worker) throws IOException {
    long pid = Long.parseLong(Files.readString(worker.pidFile()).trim());
    Optional<String> line =
        Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
            .filter(text -> text.startsWith("VmRSS:"))
            .findFirst();
    long megabytes =
        line.map(text -> Long.parseLong(text.replaceAll("[^0-9]", "")) / 1024).orElse(0L);
    System.out.println("trino-cluster-test: " + worker.name() + " RSS " + megabytes + " MB");
    return megabytes;
  }
}
