package vn.da06.dashboard.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;
import vn.da06.warehouse.admin.AdminUnitsLoader;
import vn.da06.warehouse.trino.TrinoClient;
import vn.da06.warehouse.trino.TrinoInstall;
import vn.da06.warehouse.trino.TrinoServer;
import vn.da06.warehouse.trino.TrinoSettings;
import vn.da06.warehouse.trino.WarehouseLocation;

/**
 * The Trino tests' one warehouse and one Trino home, shared by every test class of the JVM
 * (TrinoAnalystsTest, TrinoClusterTest): the sample is generated and the pipeline run once (about a
 * minute on 2 cores), and the server is started once per shape: {@link #start} keeps a running
 * server of the asked shape, or stops it and starts the other one over the same home (certificate,
 * passwords, metastore, registered tables). Trino is stopped when the whole test run ends (a
 * resource of JUnit's root store).
 *
 * <p>Use it with {@code @ExtendWith(TrinoTestWarehouse.Extension.class)} and {@link #shared()} in
 * {@code @BeforeAll}. On CI (CI=true) a missing JDK 24+ or Trino tarball fails; elsewhere it skips.
 *
 * <p>The warehouse location is {@link #warehouseLocation(Path)}, and the environment every Trino
 * node is started with is {@link #trinoEnvironment()}: to run the same tests over S3, return an
 * {@code s3a://} URI there, give the S3 endpoint and keys in the environment (and to Spark), and
 * nothing else changes.
 */
public final class TrinoTestWarehouse implements AutoCloseable {
  static final String KEY = "trino-test-key-0123456789abcdef";

  /** The month the first pipeline run leaves out (TrinoAnalystsTest adds it later). */
  static final String HELD_BACK_MONTH = "2025-08";

  final Path dir;
  final SparkSession spark;
  final Path full;
  final Path inbox;

  /** The warehouse root as Spark writes it: a local path, or an s3a:// URI. */
  final String warehouse;

  final String ward;
  final Path usersFile;
  private final int port;
  private TrinoServer server;

  private static TrinoTestWarehouse shared;

  /** Registers the shared warehouse in JUnit's root store, so that it is closed once at the end. */
  public static final class Extension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(TrinoTestWarehouse.class))
          .getOrComputeIfAbsent(
              "warehouse", key -> TrinoTestWarehouse.create(), TrinoTestWarehouse.class);
    }
  }

  /** The JVM's warehouse (made by {@link Extension}). */
  static synchronized TrinoTestWarehouse shared() {
    if (shared == null) {
      throw new IllegalStateException(
          "Cannot use the Trino test warehouse: the class lacks"
              + " @ExtendWith(TrinoTestWarehouse.Extension.class)");
    }
    return shared;
  }

  private static synchronized TrinoTestWarehouse create() {
    assumeTrinoCanRun();
    Path dir;
    try {
      dir = Files.createTempDirectory("da06-trino-tests");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      shared = new TrinoTestWarehouse(dir);
      return shared;
    } catch (IOException e) {
      delete(dir);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      delete(dir);
      throw e;
    }
  }

  static void assumeTrinoCanRun() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    try {
      TrinoInstall.findJdk();
    } catch (IllegalStateException e) {
      if (ci) {
        throw e;
      }
      Assumptions.abort(e.getMessage());
    }
    if (!TrinoInstall.isInstalled(TrinoSettings.defaultInstall())
        && !Files.exists(TrinoInstall.tarballPath())) {
      String message =
          "Cannot test Trino: "
              + TrinoInstall.tarballPath()
              + " is missing (run: mvn dependency:get"
              + " -Dartifact=io.trino:trino-server:476:tar.gz)";
      if (ci) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /**
   * Where the warehouse is written and served from. A local folder today; for the S3 fixture
   * (branch h-s3) return {@code "s3a://<bucket>/warehouse"} and add the endpoint and keys to {@link
   * #trinoEnvironment()}.
   */
  static String warehouseLocation(Path dir) {
    return dir.resolve("warehouse").toString();
  }

  /**
   * What every Trino node is started with, and what its catalog is generated from (e.g. {@code
   * DA06_S3_ENDPOINT}, {@code AWS_ACCESS_KEY_ID}: the catalog names keys only as {@code ${ENV:…}}).
   */
  static Map<String, String> trinoEnvironment() {
    return System.getenv();
  }

  private TrinoTestWarehouse(Path dir) throws IOException {
    this.dir = dir;
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.sql.shuffle.partitions", "2");
    System.setProperty("spark.default.parallelism", "2");
    spark = SparkSessions.getOrCreate("da06-trino-tests");
    full = dir.resolve("generated");
    inbox = dir.resolve("inbox");
    warehouse = warehouseLocation(dir);
    Generator.generate(
        new GeneratorOptions(full, "20", YearMonth.of(2025, 3), YearMonth.of(2025, 8), 0.03, 5, 2),
        AdminUnitsLoader.load(null));
    int heldBack = copyFeeds(path -> !path.getFileName().toString().contains(HELD_BACK_MONTH));
    assertThat(heldBack).as("files of the first run").isPositive();
    runPipeline();

    ward =
        spark
            .sql(
                "SELECT min(ward_code) FROM delta.`"
                    + Tables.location(warehouse, Tables.GOLD, Tables.WARD_MONTH_KPIS)
                    + "` WHERE dossiers_total > 0")
            .first()
            .getString(0);
    usersFile = dir.resolve("users.yaml");
    new UsersFile(
            List.of(
                new User(
                    "admin", "20", Role.ADMIN, Passwords.hash("admin-secret".toCharArray()), null),
                new User(
                    "analyst.langson",
                    "20",
                    Role.ANALYST,
                    Passwords.hash("analyst-secret".toCharArray()),
                    null),
                new User(
                    "ward.user",
                    ward,
                    Role.ANALYST,
                    Passwords.hash("ward-secret".toCharArray()),
                    null)))
        .save(usersFile);
    port = freePort();
  }

  /**
   * A running server of this shape over the warehouse: the one already running if it has the shape,
   * else the running one is stopped and this one started (same home, so the tables are already
   * registered). Worker ports are free ports found now.
   */
  synchronized TrinoServer start(TrinoSettings.Nodes nodes) {
    if (server != null && server.isRunning() && sameShape(server.settings().nodes(), nodes)) {
      return server;
    }
    if (server != null) {
      server.stop();
    }
    TrinoSettings.Nodes withPorts =
        nodes.isCluster() && nodes.firstWorkerPort() == 0
            ? new TrinoSettings.Nodes(
                nodes.workers(),
                freePorts(nodes.workers()),
                nodes.coordinatorHeap(),
                nodes.workerHeap())
            : nodes;
    TrinoSettings settings =
        new TrinoSettings(
            WarehouseLocation.parse(warehouse),
            port,
            "127.0.0.1",
            dir.resolve("trino"),
            usersFile,
            TrinoSettings.defaultInstall(),
            withPorts);
    server =
        new TrinoServer(
            settings, trinoEnvironment(), message -> System.out.println("trino-test: " + message));
    server.start();
    return server;
  }

  /**
   * A server of this shape over a copy of this warehouse on a real S3 server ({@code
   * s3a://<bucket>/warehouse}, copied through S3A as files are, so every Delta table is the same
   * bytes): its own home (catalog and file metastore on S3), the same port, users and rules; every
   * node gets the S3 endpoint and keys in its environment only (the catalog names them as {@code
   * ${ENV:…}}). The running server, if any, is stopped first.
   */
  synchronized TrinoServer startOnS3(
      TrinoSettings.Nodes nodes, vn.da06.goldread.testing.S3Server s3, String bucket)
      throws IOException {
    if (server != null) {
      server.stop();
    }
    String s3Warehouse = "s3a://" + bucket + "/warehouse";
    // The layers' Delta tables only: the one-node server's file metastore (_trino_metastore)
    // names local:// locations; the cluster makes its own on S3.
    try (Stream<Path> layers = Files.list(Path.of(warehouse))) {
      for (Path layer : layers.filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        s3.upload(layer, s3Warehouse + "/" + layer.getFileName());
      }
    }
    TrinoSettings.Nodes withPorts =
        nodes.isCluster() && nodes.firstWorkerPort() == 0
            ? new TrinoSettings.Nodes(
                nodes.workers(),
                freePorts(nodes.workers()),
                nodes.coordinatorHeap(),
                nodes.workerHeap())
            : nodes;
    TrinoSettings settings =
        new TrinoSettings(
            WarehouseLocation.parse(s3Warehouse),
            port,
            "127.0.0.1",
            dir.resolve("trino-s3"),
            usersFile,
            TrinoSettings.defaultInstall(),
            withPorts);
    Map<String, String> environment = new java.util.HashMap<>(System.getenv());
    environment.putAll(s3.env());
    server =
        new TrinoServer(
            settings, environment, message -> System.out.println("trino-test: " + message));
    server.start();
    return server;
  }

  /** Same workers and heaps (the ports are chosen when started). */
  private static boolean sameShape(TrinoSettings.Nodes running, TrinoSettings.Nodes asked) {
    return running.workers() == asked.workers()
        && running.coordinatorHeap().equals(asked.coordinatorHeap())
        && running.workerHeap().equals(asked.workerHeap());
  }

  synchronized TrinoServer server() {
    return server;
  }

  /**
   * Stops Trino (every node) if it runs; the next {@link #start} starts it again over the same
   * home.
   */
  synchronized void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** Stops Trino (every node) and deletes the folder. */
  @Override
  public synchronized void close() {
    stop();
    delete(dir);
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /** One query as a user, every value as a string (SQL NULL as "null"). */
  List<List<String>> trino(String user, String password, String sql) throws SQLException {
    // Trino answers "No nodes available to run query" until its node has been announced, which can
    // come after the first queries that only the coordinator runs (RECIPES.md): wait that out, and
    // nothing else.
    for (int attempt = 1; ; attempt++) {
      try {
        return query(user, password, sql);
      } catch (SQLException e) {
        if (attempt >= 60
            || e.getMessage() == null
            || !e.getMessage().contains("No nodes available")) {
          throw e;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private List<List<String>> query(String user, String password, String sql) throws SQLException {
    try (Connection connection = TrinoClient.connect(server().settings(), user, password);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return rows(result);
    }
  }

  static List<List<String>> rows(ResultSet result) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int columns = result.getMetaData().getColumnCount();
    while (result.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        row.add(String.valueOf(result.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  void runPipeline() {
    Pseudonymizer pseudonymizer = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
    new Pipeline(
            spark,
            new Pipeline.Options(inbox.toString(), warehouse),
            pseudonymizer,
            new Progress(System.out))
        .run();
  }

  /** Copies the generated feed files that match into the inbox; returns how many. */
  int copyFeeds(Predicate<Path> which) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(full)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(path -> !full.relativize(path).toString().startsWith("_"))
              .filter(which)
              .toList();
    }
    for (Path file : files) {
      Path target = inbox.resolve(full.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    return files.size();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first of {@code count} consecutive free ports. */
  static int freePorts(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = freePort();
      boolean free = first + count - 1 <= 65535;
      for (int port = first + 1; free && port < first + count; port++) {
        free = !listening(port);
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("Cannot find " + count + " consecutive free ports");
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
