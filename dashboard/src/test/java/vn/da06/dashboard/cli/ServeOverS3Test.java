package vn.da06.dashboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.TestWarehouse;
import vn.da06.goldread.testing.S3Server;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * {@code ./da06 serve --warehouse s3a://…} for real: the dashboard's test warehouse copied to a
 * real S3 server (S3Proxy), a server in its own JVM configured as an operator's shell is (the S3
 * endpoint and keys in its environment only, nothing secret on its command line) reads gold with
 * Delta Kernel over S3A and answers the KPI API exactly as a server over the local folder does.
 */
class ServeOverS3Test {
  static final String S3_WAREHOUSE = "s3a://da06/warehouse";

  @TempDir static Path dir;
  static S3Server s3;
  static Path warehouse;

  @BeforeAll
  static void copyTheWarehouseToS3() throws Exception {
    warehouse = TestWarehouse.get();
    s3 = S3Server.start(dir.resolve("s3"));
    s3.createBucket("da06");
    try (Stream<Path> layers = Files.list(warehouse)) {
      for (Path layer : layers.filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        s3.upload(layer, S3_WAREHOUSE + "/" + layer.getFileName());
      }
    }
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void serveOverS3AnswersTheKpiApiAsOverTheLocalWarehouse() throws Exception {
    String token = Tokens.newToken();
    Path users = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "analyst",
                    TestWarehouse.PROVINCE,
                    Role.ANALYST,
                    Passwords.hash("not-used-here-0123456789".toCharArray()),
                    Tokens.hash(token))))
        .save(users);
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-Dda06.npm.dir=" + System.getProperty("da06.npm.dir"),
            "-cp",
            System.getProperty("java.class.path"),
            "vn.da06.dashboard.cli.DashboardCli",
            "serve",
            "--warehouse",
            S3_WAREHOUSE,
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--users",
            users.toString(),
            "--audit-log",
            dir.resolve("audit-s3.jsonl").toString(),
            "--snapshot",
            "none"));
    Path log = dir.resolve("serve-s3.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(s3.env());
    Process server = builder.start();
    try (DashboardCli.Running local =
        DashboardCli.serve(
            new DashboardCli.ServeOptions(
                warehouse,
                "127.0.0.1",
                0,
                users,
                dir.resolve("audit-local.jsonl"),
                Duration.ofHours(1),
                false,
                null,
                Goals.DEFAULT))) {
      HttpClient http = HttpClient.newHttpClient();
      String health = "";
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!health.contains("\"data_version\":") || health.contains("\"data_version\":null")) {
        assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
        Thread.sleep(500);
        try {
          health = get(http, port, "/health", null).body();
        } catch (IOException notYet) {
          health = "";
        }
      }
      for (String query : List.of("?month=2025-07", "?month=2025-06&wards=current")) {
        HttpResponse<String> fromS3 = get(http, port, "/api/v1/units/20/kpis" + query, token);
        HttpResponse<String> fromDisk =
            get(http, local.port(), "/api/v1/units/20/kpis" + query, token);
        assertThat(fromS3.statusCode()).as(fromS3.body()).isEqualTo(200);
        assertThat(fromDisk.statusCode()).as(fromDisk.body()).isEqualTo(200);
        assertThat(withoutVersion(fromS3.body())).isEqualTo(withoutVersion(fromDisk.body()));
        assertThat(fromS3.body()).contains("\"ward_count\"");
      }
      // The keys were in the server's environment only: not on its command line, not in its log.
      assertThat(String.join(" ", command)).doesNotContain(s3.secretKey());
      assertThat(Files.readString(log)).doesNotContain(s3.secretKey());
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The KPI answer without what differs between two warehouses: their versions and times. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutVersion(String json) throws Exception {
    Map<String, Object> body = new ObjectMapper().readValue(json, Map.class);
    body.remove("data_version");
    body.remove("data_updated_at");
    return body;
  }
}
