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
import java.util.UUID;
import java.util.function.Consumer;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * One Trino server over the warehouse: generates its configuration from the settings and the users
 * file, starts it with a JDK 24+ through Trino's own launcher (a daemon with a pid file), waits
 * until it answers and registers every table. Stopping and status go through the same launcher and
 * pid file.
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
  private final Consumer<String> progress;

  public TrinoServer(TrinoSettings settings, Consumer<String> progress) {
    this.settings = settings;
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
      writeAccessFiles();
      return sync();
    }
    if (settings.warehouse().isLocal() && !Files.isDirectory(settings.warehouse().path())) {
      throw new IllegalArgumentException(
          "Cannot serve warehouse "
              + settings.warehouse()
              + ": the folder does not exist (run ./da06 run first, or pass --warehouse)");
    }
    if (portInUse()) {
      throw new IllegalStateException(
          "Cannot start Trino on "
              + settings.host()
              + ":"
              + settings.port()
              + ": the port is in use by another program (pass --port)");
    }
    Path jdk = TrinoInstall.findJdk();
    TrinoInstall.ensureInstalled(settings.install(), progress);
    writeConfiguration();
    progress.accept(
        "starting Trino "
            + TrinoSettings.VERSION
            + " with "
            + jdk
            + " on https://"
            + settings.host()
            + ":"
            + settings.port());
    launcher("start", jdk);
    awaitReady();
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

  public void stop() {
    if (!isRunning()) {
      progress.accept("Trino is not running");
      return;
    }
    launcher("stop", TrinoInstall.findJdk());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (isRunning() && System.nanoTime() < deadline) {
      sleep(500);
    }
    if (isRunning()) {
      launcher("kill", TrinoInstall.findJdk());
    }
    progress.accept("Trino stopped");
  }

  public boolean isRunning() {
    return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  public Optional<Long> pid() {
    try {
      return Files.exists(settings.pidFile())
          ? Optional.of(Long.parseLong(Files.readString(settings.pidFile()).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
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
      node.put("node.id", secretOr("node.id", UUID.randomUUID().toString()));
      node.put("node.data-dir", settings.data().toString());
      node.put("node.internal-address", settings.host());
      node.put("node.bind-ip", settings.host());
      writeProperties(etc.resolve("node.properties"), node);

      Map<String, String> config = new LinkedHashMap<>();
      config.put("coordinator", "true");
      config.put("node-scheduler.include-coordinator", "true");
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
      // A 2-core, 24 GiB machine shared with Spark and the dashboard: a 2 GB heap, 1 GB per query.
      config.put("query.max-memory", "1GB");
      config.put("query.max-memory-per-node", "1GB");
      config.put("task.concurrency", "2");
      writeProperties(etc.resolve("config.properties"), config);

      Files.writeString(
          etc.resolve("jvm.config"),
          String.join(
                  "\n",
                  List.of(
                      "-server",
                      "-Xmx2G",
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
      Files.writeString(etc.resolve("log.properties"), "io.trino=INFO\n");

      Map<String, String> catalog = settings.warehouse().catalogProperties(System.getenv());
      writeProperties(etc.resolve("catalog/delta.properties"), catalog);

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

  private void launcher(String command, Path jdk) {
    Path etc = settings.etc();
    List<String> arguments =
        new ArrayList<>(
            List.of(
                settings.install().resolve("bin/launcher").toString(),
                "--etc-dir=" + etc,
                "--data-dir=" + settings.data(),
                "--jvm-dir=" + jdk,
                "--node-config=" + etc.resolve("node.properties"),
                "--jvm-config=" + etc.resolve("jvm.config"),
                "--config=" + etc.resolve("config.properties"),
                "--log-levels-file=" + etc.resolve("log.properties"),
                command));
    ProcessBuilder builder =
        new ProcessBuilder(arguments).directory(settings.home().toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", jdk.toString());
    builder
        .environment()
        .put(
            "PATH",
            jdk.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
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
                + settings.data().resolve("var/log/launcher.log")
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
      if (portInUse()) {
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

  private boolean portInUse() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), 500);
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
