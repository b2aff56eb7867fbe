package vn.da06.warehouse.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * A Trino server over the warehouse: one node, or a coordinator and {@link
 * TrinoSettings.Nodes#workers() workers} on the same host. Generates each node's configuration from
 * the settings and the users file, starts each with a JDK 24+ through Trino's own launcher (a
 * daemon with a pid file), waits until the coordinator answers and every worker is active, and
 * registers every table. Stopping and status go through the same launcher and pid files.
 *
 * <p>Users, roles and row filters are enforced on the coordinator (it plans every query); workers
 * only read the splits they are given, authenticated to the coordinator by the shared secret over
 * internal HTTPS. Every node gets the same catalog, so the file metastore under the warehouse is
 * shared.
 *
 * <p>Over 400 lines on purpose: the generated configuration files and the process lifecycle share
 * the same settings, and splitting them would pass those settings back and forth.
 */
public final class TrinoServer {
  /** The user the project itself connects as (registering tables); never in the users file. */
  public static final String SYSTEM_USER = "da06-system";

  /**
   * The user the dashboard reads gold as ({@code ./da06 serve --source trino}): read-only, schema
   * gold only, no row filter (the dashboard applies each web user's scope itself); never in the
   * users file. Its password is generated in {@link TrinoSettings#dashboardPasswordFile()} (mode
   * 600).
   */
  public static final String DASHBOARD_USER = "da06-dashboard";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final TrinoSettings settings;
  private final Map<String, String> environment;
  private final Consumer<String> progress;

  public TrinoServer(TrinoSettings settings, Consumer<String> progress) {
    this(settings, System.getenv(), progress);
  }

  /**
   * A server whose catalog is generated from {@code environment} (S3 endpoint and region, Hadoop
   * configuration, whether AWS keys are set) and whose every node is started with it, so that the
   * {@code ${ENV:AWS_ACCESS_KEY_ID}} of the catalog resolves on each node. Keys are never written
   * into a file.
   */
  public TrinoServer(
      TrinoSettings settings, Map<String, String> environment, Consumer<String> progress) {
    this.settings = settings;
    this.environment = Map.copyOf(environment);
    this.progress = progress;
  }

  public TrinoSettings settings() {
    return settings;
  }

  /**
   * Installs if needed, writes the configuration, starts (unless running), waits, registers tables.
   */
  public TableSync.Result start() {
    if (isRunning()) {
      progress.accept(
          "Trino is already running (pid " + pid().orElse(-1L) + "); registering new tables");
      List<Path> strays = runningWorkerHomes();
      if (strays.size() != settings.nodes().workers()) {
        progress.accept(
            "it runs "
                + strays.size()
                + " worker(s), not "
                + settings.nodes().workers()
                + " (./da06 trino stop, then start with --workers to change that)");
      }
      writeAccessFiles();
      return sync();
    }
    if (settings.warehouse().isLocal() && !Files.isDirectory(settings.warehouse().path())) {
      throw new IllegalArgumentException(
          "Cannot serve warehouse "
              + settings.warehouse()
              + ": the folder does not exist (run ./da06 run first, or pass --warehouse)");
    }
    if (portInUse(settings.port())) {
      throw new IllegalStateException(
          "Cannot start Trino on "
              + settings.host()
              + ":"
              + settings.port()
              + ": the port is in use by another program (pass --port)");
    }
    for (TrinoSettings.Worker worker : settings.workers()) {
      if (isRunning(worker.pidFile())) {
        throw new IllegalStateException(
            "Cannot start Trino: "
                + worker.name()
                + " of "
                + settings.home()
                + " still runs without its coordinator (./da06 trino stop, then start again)");
      }
      if (portInUse(worker.port())) {
        throw new IllegalStateException(
            "Cannot start Trino "
                + worker.name()
                + " on "
                + settings.host()
                + ":"
                + worker.port()
                + ": the port is in use by another program (pass --worker-port)");
      }
    }
    Path jdk = TrinoInstall.findJdk();
    TrinoInstall.ensureInstalled(settings.install(), progress);
    writeConfiguration();
    for (TrinoSettings.Worker worker : settings.workers()) {
      writeWorkerConfiguration(worker);
    }
    progress.accept(
        "starting Trino "
            + TrinoSettings.VERSION
            + " with "
            + jdk
            + " on https://"
            + settings.host()
            + ":"
            + settings.port()
            + (settings.nodes().isCluster()
                ? " (coordinator, heap "
                    + settings.nodes().coordinatorHeap()
                    + ") and "
                    + settings.nodes().workers()
                    + " worker(s) on "
                    + settings.workers().stream().map(w -> String.valueOf(w.port())).toList()
                    + " (heap "
                    + settings.nodes().workerHeap()
                    + " each)"
                : " (heap " + settings.nodes().coordinatorHeap() + ")"));
    launcher("start", jdk, settings.etc(), settings.data(), settings.serverLog());
    for (TrinoSettings.Worker worker : settings.workers()) {
      launcher("start", jdk, worker.etc(), worker.data(), worker.serverLog());
    }
    awaitReady();
    if (settings.nodes().isCluster()) {
      awaitWorkers();
    }
    return sync();
  }

  /** Regenerates users and rules (they are re-read within seconds) and registers new tables. */
  public TableSync.Result sync() {
    writeAccessFiles();
    try (Connection connection = systemConnection()) {
      return new TableSync(connection, settings.warehouse()).run();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot register tables: " + e.getMessage() + " (see " + settings.serverLog() + ")", e);
    }
  }

  /**
   * Stops the coordinator and every worker of this home that runs (whatever {@code --workers} says:
   * the folders tell which were started).
   */
  public void stop() {
    List<Path> workers = runningWorkerHomes();
    if (!isRunning() && workers.isEmpty()) {
      progress.accept("Trino is not running");
      return;
    }
    Path jdk = TrinoInstall.findJdk();
    // Workers first, so that no query is scheduled on a worker that is going away; all at once.
    List<Path> homes = new ArrayList<>(workers);
    if (isRunning()) {
      homes.add(settings.home());
    }
    for (Path home : homes) {
      launcher("stop", jdk, home.resolve("etc"), home.resolve("data"), null);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (homes.stream().anyMatch(TrinoServer::isRunningIn) && System.nanoTime() < deadline) {
      sleep(500);
    }
    for (Path home : homes) {
      if (isRunningIn(home)) {
        launcher("kill", jdk, home.resolve("etc"), home.resolve("data"), null);
      }
    }
    progress.accept(
        workers.isEmpty()
            ? "Trino stopped"
            : "Trino stopped (coordinator and " + workers.size() + " worker(s))");
  }

  public boolean isRunning() {
    return isRunning(settings.pidFile());
  }

  public Optional<Long> pid() {
    return pid(settings.pidFile());
  }

  /** One node as {@link #status()} reports it. */
  public record NodeStatus(
      String name, int port, Optional<Long> pid, String nodeId, Optional<String> state) {
    public boolean running() {
      return pid.isPresent();
    }
  }

  /**
   * The coordinator and each worker folder of this home: its pid when it runs, and its state as the
   * coordinator sees it in system.runtime.nodes ("active", or empty when the coordinator does not
   * list it).
   */
  public List<NodeStatus> status() {
    Map<String, String> states = new LinkedHashMap<>();
    if (isRunning()) {
      try (Connection connection = systemConnection();
          Statement statement = connection.createStatement();
          var result = statement.executeQuery("SELECT node_id, state FROM system.runtime.nodes")) {
        while (result.next()) {
          states.put(result.getString(1), result.getString(2));
        }
      } catch (SQLException e) {
        progress.accept("cannot read system.runtime.nodes: " + e.getMessage());
      }
    }
    List<NodeStatus> nodes = new ArrayList<>();
    String coordinatorId = readTrimmed(settings.home().resolve("node.id"));
    nodes.add(
        new NodeStatus(
            "coordinator",
            settings.port(),
            pid().filter(p -> isRunning()),
            coordinatorId,
            Optional.ofNullable(states.get(coordinatorId))));
    for (Path home : workerHomes()) {
      String nodeId = readTrimmed(home.resolve("node.id"));
      Path pidFile = home.resolve("data/var/run/launcher.pid");
      nodes.add(
          new NodeStatus(
              home.getFileName().toString(),
              workerPort(home),
              pid(pidFile).filter(p -> isRunning(pidFile)),
              nodeId,
              Optional.ofNullable(states.get(nodeId))));
    }
    return List.copyOf(nodes);
  }

  /** The worker folders ({@code <home>/worker-<i>}) that were ever configured, in order. */
  private List<Path> workerHomes() {
    List<Path> homes = new ArrayList<>();
    for (int i = 1; Files.isDirectory(settings.home().resolve("worker-" + i)); i++) {
      homes.add(settings.home().resolve("worker-" + i));
    }
    return homes;
  }

  private List<Path> runningWorkerHomes() {
    return workerHomes().stream().filter(TrinoServer::isRunningIn).toList();
  }

  private static boolean isRunningIn(Path home) {
    return isRunning(home.resolve("data/var/run/launcher.pid"));
  }

  private static int workerPort(Path home) {
    Properties config = new Properties();
    try (var reader = Files.newBufferedReader(home.resolve("etc/config.properties"))) {
      config.load(reader);
      return Integer.parseInt(config.getProperty("http-server.https.port", "0"));
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRunning(Path pidFile) {
    return pid(pidFile).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  private static Optional<Long> pid(Path pidFile) {
    try {
      return Files.exists(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String readTrimmed(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** A connection as the system user (an admin). */
  public Connection systemConnection() throws SQLException {
    return TrinoClient.connect(settings, SYSTEM_USER, systemPassword());
  }

  String systemPassword() {
    return generatedPassword(settings.home().resolve("system.password"));
  }

  /** The dashboard service user's password, generated on first use (mode 600). */
  public String dashboardPassword() {
    return generatedPassword(settings.dashboardPasswordFile());
  }

  private String generatedPassword(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        Files.createDirectories(file.getParent());
        writePrivate(file, HexFormat.of().formatHex(bytes));
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes every generated file of etc/; the keystore is made once and kept so that truststores
   * stay valid.
   */
  void writeConfiguration() {
    try {
      Path etc = settings.etc();
      Files.createDirectories(etc.resolve("catalog"));
      Files.createDirectories(settings.data());
      Path keystore = settings.home().resolve("keystore.p12");
      String keystorePassword = secret("keystore.password");
      if (!Files.exists(keystore)) {
        Certificates.generate(
            keystore,
            keystorePassword,
            settings.certificatePem(),
            settings.trustStore(),
            settings.trustStorePassword());
      }
      Map<String, String> node = new LinkedHashMap<>();
      node.put("node.environment", "da06");
      node.put("node.id", idIn(settings.home()));
      node.put("node.data-dir", settings.data().toString());
      node.put("node.internal-address", settings.host());
      node.put("node.bind-ip", settings.host());
      writeProperties(etc.resolve("node.properties"), node);

      Map<String, String> config = new LinkedHashMap<>();
      config.put("coordinator", "true");
      // With workers the coordinator only plans, schedules and merges; alone it runs queries too.
      config.put(
          "node-scheduler.include-coordinator", String.valueOf(!settings.nodes().isCluster()));
      config.put("http-server.http.enabled", "false");
      config.put("http-server.https.enabled", "true");
      config.put("http-server.https.port", String.valueOf(settings.port()));
      config.put("http-server.https.keystore.path", keystore.toString());
      config.put("http-server.https.keystore.key", keystorePassword);
      config.put("discovery.uri", "https://" + settings.host() + ":" + settings.port());
      config.put("internal-communication.shared-secret", secret("shared.secret"));
      config.put("internal-communication.https.required", "true");
      config.put("internal-communication.https.keystore.path", keystore.toString());
      config.put("internal-communication.https.keystore.key", keystorePassword);
      config.put("internal-communication.https.truststore.path", settings.trustStore().toString());
      config.put("internal-communication.https.truststore.key", settings.trustStorePassword());
      config.put("http-server.authentication.type", "PASSWORD");
      config.put(
          "password-authenticator.config-files",
          etc.resolve("password-authenticator.properties").toString());
      config.put(
          "access-control.config-files", etc.resolve("access-control.properties").toString());
      config.put("catalog.config-dir", etc.resolve("catalog").toString());
      config.put("plugin.dir", settings.install().resolve("plugin").toString());
      // A 2-core, 24 GiB machine shared with Spark and the dashboard: one node has a 2 GB heap, 1
      // GB
      // per query; a cluster's coordinator and workers 1 GB each, half of it per query and node.
      config.put("query.max-memory", "1GB");
      config.put(
          "query.max-memory-per-node",
          TrinoSettings.Nodes.queryMemoryPerNode(settings.nodes().coordinatorHeap()));
      config.put("task.concurrency", "2");
      writeProperties(etc.resolve("config.properties"), config);
      writeJvmConfig(etc, settings.nodes().coordinatorHeap());
      Files.writeString(etc.resolve("log.properties"), "io.trino=INFO\n");

      writeProperties(etc.resolve("catalog/delta.properties"), catalogProperties());

      writeProperties(
          etc.resolve("password-authenticator.properties"),
          Map.of(
              "password-authenticator.name", "file",
              "file.password-file", etc.resolve("password.db").toString(),
              "file.refresh-period", "5s"));
      writeProperties(
          etc.resolve("access-control.properties"),
          Map.of(
              "access-control.name", "file",
              "security.config-file", etc.resolve("rules.json").toString(),
              "security.refresh-period", "5s"));
      writeAccessFiles();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the Trino configuration in " + settings.etc() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A worker's etc/: its own node.id and data folder, {@code coordinator=false}, the coordinator's
   * discovery URI, the same shared secret, keystore (internal HTTPS) and catalog. No password file
   * and no access rules: queries arrive planned, with row filters applied, from the coordinator.
   * Call after {@link #writeConfiguration()} (it makes the keystore and secrets).
   */
  void writeWorkerConfiguration(TrinoSettings.Worker worker) {
    try {
      Path etc = worker.etc();
      Files.createDirectories(etc.resolve("catalog"));
      Files.createDirectories(worker.data());
      Path keystore = settings.home().resolve("keystore.p12");
      String keystorePassword = secret("keystore.password");
      Map<String, String> node = new LinkedHashMap<>();
      node.put("node.environment", "da06");
      node.put("node.id", idIn(worker.home()));
      node.put("node.data-dir", worker.data().toString());
      node.put("node.internal-address", settings.host());
      node.put("node.bind-ip", settings.host());
      writeProperties(etc.resolve("node.properties"), node);

      Map<String, String> config = new LinkedHashMap<>();
      config.put("coordinator", "false");
      config.put("http-server.http.enabled", "false");
      config.put("http-server.https.enabled", "true");
      config.put("http-server.https.port", String.valueOf(worker.port()));
      config.put("http-server.https.keystore.path", keystore.toString());
      config.put("http-server.https.keystore.key", keystorePassword);
      config.put("discovery.uri", "https://" + settings.host() + ":" + settings.port());
      config.put("internal-communication.shared-secret", secret("shared.secret"));
      config.put("internal-communication.https.required", "true");
      config.put("internal-communication.https.keystore.path", keystore.toString());
      config.put("internal-communication.https.keystore.key", keystorePassword);
      config.put("internal-communication.https.truststore.path", settings.trustStore().toString());
      config.put("internal-communication.https.truststore.key", settings.trustStorePassword());
      config.put("catalog.config-dir", etc.resolve("catalog").toString());
      config.put("plugin.dir", settings.install().resolve("plugin").toString());
      config.put(
          "query.max-memory-per-node",
          TrinoSettings.Nodes.queryMemoryPerNode(settings.nodes().workerHeap()));
      config.put("task.concurrency", "2");
      writeProperties(etc.resolve("config.properties"), config);
      writeJvmConfig(etc, settings.nodes().workerHeap());
      Files.writeString(etc.resolve("log.properties"), "io.trino=INFO\n");
      writeProperties(etc.resolve("catalog/delta.properties"), catalogProperties());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the Trino configuration in " + worker.etc() + ": " + e.getMessage(), e);
    }
  }

  /** The same on every node: the file metastore lives under the warehouse, so all share it. */
  private Map<String, String> catalogProperties() {
    return settings.warehouse().catalogProperties(environment);
  }

  /** A node's node.id, made once in its folder and kept across restarts. */
  private static String idIn(Path home) throws IOException {
    Path file = home.resolve("node.id");
    if (!Files.exists(file)) {
      Files.createDirectories(home);
      writePrivate(file, UUID.randomUUID().toString());
    }
    return Files.readString(file).trim();
  }

  private static void writeJvmConfig(Path etc, String heap) throws IOException {
    Files.writeString(
        etc.resolve("jvm.config"),
        String.join(
                "\n",
                List.of(
                    "-server",
                    "-Xmx" + heap,
                    "-XX:+UseG1GC",
                    "-XX:G1HeapRegionSize=32M",
                    "-XX:+ExplicitGCInvokesConcurrent",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-OmitStackTraceInFastThrow",
                    "-XX:ReservedCodeCacheSize=256M",
                    "-XX:PerMethodRecompilationCutoff=10000",
                    "-XX:PerBytecodeRecompilationCutoff=10000",
                    "-XX:+EnableDynamicAgentLoading",
                    "-Djdk.attach.allowAttachSelf=true",
                    "-Djdk.nio.maxCachedBufferSize=2000000",
                    "-Dfile.encoding=UTF-8"))
            + "\n");
  }

  /** password.db and rules.json from the users file, plus the system user. */
  void writeAccessFiles() {
    List<User> users = UsersFile.load(settings.usersFile()).users();
    StringBuilder passwords = new StringBuilder();
    for (User user : users) {
      if (user.name().equals(SYSTEM_USER) || user.name().equals(DASHBOARD_USER)) {
        throw new IllegalArgumentException(
            "Cannot serve user "
                + user.name()
                + " from "
                + settings.usersFile()
                + ": the name is reserved for the project itself (rename the user)");
      }
      int cost = Integer.parseInt(user.passwordHash().substring(4, 6));
      if (cost < 8) {
        throw new IllegalArgumentException(
            "Cannot give user "
                + user.name()
                + " access to Trino: the bcrypt cost"
                + " of the password hash is "
                + cost
                + ", Trino needs 8 or more (set the password again)");
      }
      passwords.append(user.name()).append(':').append(user.passwordHash()).append('\n');
    }
    passwords
        .append(SYSTEM_USER)
        .append(':')
        .append(passwordHash(settings.home().resolve("system.password"), systemPassword()))
        .append('\n');
    passwords
        .append(DASHBOARD_USER)
        .append(':')
        .append(passwordHash(settings.dashboardPasswordFile(), dashboardPassword()))
        .append('\n');
    try {
      Files.createDirectories(settings.etc());
      writePrivate(settings.etc().resolve("password.db"), passwords.toString());
      writePrivate(
          settings.etc().resolve("rules.json"),
          AccessRules.json(users, SYSTEM_USER, List.of(DASHBOARD_USER)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + settings.etc() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bcrypt hash of a generated password, kept beside it ({@code <file>.bcrypt}) so that it is
   * made once.
   */
  private static String passwordHash(Path passwordFile, String password) {
    Path file = passwordFile.resolveSibling(passwordFile.getFileName() + ".bcrypt");
    try {
      if (Files.exists(file)) {
        String hash = Files.readString(file).trim();
        if (Passwords.verify(password.toCharArray(), hash)) {
          return hash;
        }
      }
      String hash = Passwords.hash(password.toCharArray());
      writePrivate(file, hash);
      return hash;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private String secret(String name) throws IOException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return secretOr(name, HexFormat.of().formatHex(bytes));
  }

  private String secretOr(String name, String initial) throws IOException {
    Path file = settings.home().resolve(name);
    if (!Files.exists(file)) {
      Files.createDirectories(settings.home());
      writePrivate(file, initial);
    }
    return Files.readString(file).trim();
  }

  /**
   * Runs Trino's launcher for one node (its etc/ and data folder) with this server's environment.
   */
  private void launcher(String command, Path jdk, Path etc, Path data, Path serverLog) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                settings.install().resolve("bin/launcher").toString(),
                "--etc-dir=" + etc,
                "--data-dir=" + data,
                "--jvm-dir=" + jdk,
                "--node-config=" + etc.resolve("node.properties"),
                "--jvm-config=" + etc.resolve("jvm.config"),
                "--config=" + etc.resolve("config.properties"),
                "--log-levels-file=" + etc.resolve("log.properties"),
                command));
    ProcessBuilder builder =
        new ProcessBuilder(arguments).directory(settings.home().toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder
        .environment()
        .put(
            "PATH",
            jdk.resolve("bin")
                + ":"
                + environment.getOrDefault(
                    "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      int exit = process.waitFor();
      if (exit != 0 && !(command.equals("stop") || command.equals("kill"))) {
        throw new IllegalStateException(
            "Cannot "
                + command
                + " Trino: the launcher exited with "
                + exit
                + ": "
                + output
                + " (see "
                + data.resolve("var/log/launcher.log")
                + (serverLog == null ? "" : " and " + serverLog)
                + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run the Trino launcher: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the Trino launcher", e);
    }
  }

  /**
   * Waits until a query as the system user succeeds ("No nodes available" for a few seconds is
   * normal).
   */
  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!isRunning()) {
        throw new IllegalStateException(
            "Cannot start Trino: the server exited (last lines of "
                + settings.serverLog()
                + "):\n"
                + tail(settings.serverLog(), 30));
      }
      if (portInUse(settings.port())) {
        try (Connection connection = systemConnection();
            Statement statement = connection.createStatement()) {
          statement.executeQuery("SELECT count(*) FROM delta.information_schema.schemata").close();
          progress.accept("Trino is ready at " + settings.jdbcUrl());
          return;
        } catch (SQLException e) {
          last = e.getMessage();
        }
      }
      sleep(1000);
    }
    throw new IllegalStateException(
        "Cannot start Trino: no answer after "
            + START_TIMEOUT.toSeconds()
            + " s (last"
            + " error: "
            + last
            + "; see "
            + settings.serverLog()
            + ")");
  }

  /**
   * Waits until every worker is active in system.runtime.nodes; a worker that exits fails the start
   * with the end of its log.
   */
  private void awaitWorkers() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Map<String, TrinoSettings.Worker> byId = new LinkedHashMap<>();
    for (TrinoSettings.Worker worker : settings.workers()) {
      byId.put(readTrimmed(worker.home().resolve("node.id")), worker);
    }
    List<String> active = List.of();
    String last = "";
    while (System.nanoTime() < deadline) {
      for (TrinoSettings.Worker worker : settings.workers()) {
        if (!isRunning(worker.pidFile())) {
          throw new IllegalStateException(
              "Cannot start Trino "
                  + worker.name()
                  + ": the process exited (last lines of "
                  + worker.serverLog()
                  + "):\n"
                  + tail(worker.serverLog(), 30));
        }
      }
      try (Connection connection = systemConnection();
          Statement statement = connection.createStatement();
          var result =
              statement.executeQuery(
                  "SELECT node_id FROM system.runtime.nodes"
                      + " WHERE NOT coordinator AND state = 'active'")) {
        List<String> ids = new ArrayList<>();
        while (result.next()) {
          ids.add(result.getString(1));
        }
        active = ids;
        if (ids.containsAll(byId.keySet())) {
          progress.accept(
              "all "
                  + byId.size()
                  + " worker(s) are active: "
                  + byId.values().stream()
                      .map(w -> w.name() + " on " + settings.host() + ":" + w.port())
                      .toList());
          return;
        }
      } catch (SQLException e) {
        last = e.getMessage();
      }
      sleep(1000);
    }
    List<String> stillWaiting = active;
    List<TrinoSettings.Worker> waiting =
        byId.entrySet().stream()
            .filter(entry -> !stillWaiting.contains(entry.getKey()))
            .map(Map.Entry::getValue)
            .toList();
    throw new IllegalStateException(
        "Cannot start Trino: "
            + waiting.stream().map(TrinoSettings.Worker::name).toList()
            + " not active after "
            + START_TIMEOUT.toSeconds()
            + " s ("
            + (last.isEmpty() ? "" : "last error: " + last + "; ")
            + "see "
            + waiting.stream().map(w -> w.serverLog().toString()).toList()
            + ")");
  }

  private boolean portInUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(settings.host(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ")";
    }
  }

  private static void writeProperties(Path file, Map<String, String> properties)
      throws IOException {
    StringBuilder out =
        new StringBuilder("# Generated by ./da06 trino start; edits are overwritten.\n");
    properties.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
    writePrivate(file, out.toString());
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content);
    try {
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the folder's permissions apply
    }
    Files.move(
        temporary,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
