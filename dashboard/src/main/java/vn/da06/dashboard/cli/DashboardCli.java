package vn.da06.dashboard.cli;

import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.dashboard.web.AuditLog;
import vn.da06.dashboard.web.DashboardApp;
import vn.da06.dashboard.web.UserDirectory;
import vn.da06.dashboard.web.WardBoundaries;
import vn.da06.goldread.DeltaKpiStore;
import vn.da06.goldread.GoldThreads;
import vn.da06.goldread.KpiStore;
import vn.da06.goldread.TrinoKpiStore;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Steering;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;
import vn.da06.warehouse.trino.TrinoCli;
import vn.da06.warehouse.trino.TrinoServer;
import vn.da06.warehouse.trino.TrinoSettings;

/**
 * {@code ./da06 serve} and {@code ./da06 users}: the dashboard server and the users file it reads.
 * {@link #serve(ServeOptions)} is the entry point other commands (the demo) call.
 *
 * <p>Over 400 lines on purpose: the picocli commands serve and users share the users file and its
 * options; each command is a small nested class.
 */
@Command(
    name = "da06",
    mixinStandardHelpOptions = true,
    subcommands = {DashboardCli.Serve.class, DashboardCli.Users.class})
public final class DashboardCli {
  static final String DEFAULT_USERS = "config/users.yaml";
  static final String DEFAULT_GOALS = "config/goals.yaml";
  static final String DEFAULT_REPORTS = "config/reports.yaml";
  static final String DEFAULT_STEERING = "config/steering.yaml";

  /** The steering file given, else config/steering.yaml where it exists, else the defaults. */
  static Steering steering(Path file) {
    if (file != null) {
      return Steering.load(file);
    }
    Path standard = Path.of(DEFAULT_STEERING);
    return java.nio.file.Files.isRegularFile(standard) ? Steering.load(standard) : Steering.DEFAULT;
  }

  static final String DEFAULT_BOUNDARIES = "config/ward-boundaries.geojson";

  /** The boundaries file given, else config/ward-boundaries.geojson where it exists, else none. */
  static WardBoundaries boundaries(Path file) {
    Path chosen = file != null ? file : Path.of(DEFAULT_BOUNDARIES);
    if (file == null && !java.nio.file.Files.exists(chosen)) {
      return null;
    }
    WardBoundaries boundaries = WardBoundaries.read(chosen);
    org.slf4j.LoggerFactory.getLogger(DashboardCli.class)
        .info("ward map: boundaries of {} wards from {}", boundaries.size(), chosen);
    return boundaries;
  }

  /** The goals file given, else config/goals.yaml where it exists, else the national goals. */
  static Goals goals(Path file) {
    if (file != null) {
      return Goals.load(file);
    }
    Path standard = Path.of(DEFAULT_GOALS);
    return java.nio.file.Files.isRegularFile(standard) ? Goals.load(standard) : Goals.DEFAULT;
  }

  /** What {@code serve} needs; parsed once at the entry point. */
  public record ServeOptions(
      String warehouse,
      String host,
      int port,
      Path users,
      Path auditLog,
      Duration poll,
      boolean secureCookies,
      Path snapshot,
      Goals goals,
      Steering steering,
      java.time.Clock clock,
      Path reportsConfig,
      WardBoundaries boundaries,
      boolean insecureHttp,
      DashboardApp.Settings security) {
    public ServeOptions {
      java.util.Objects.requireNonNull(warehouse, "warehouse is null");
      java.util.Objects.requireNonNull(goals, "goals is null");
      java.util.Objects.requireNonNull(steering, "steering is null");
      java.util.Objects.requireNonNull(clock, "clock is null");
      java.util.Objects.requireNonNull(security, "security is null");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Cannot listen on port " + port + ": use 1-65535");
      }
    }

    /**
     * Options with the default steering (equal weights, ward users see their own ward), no map and
     * the default security settings (docs/security.md) with {@code secureCookies} as given.
     */
    public ServeOptions(
        Path warehouse,
        String host,
        int port,
        Path users,
        Path auditLog,
        Duration poll,
        boolean secureCookies,
        Path snapshot,
        Goals goals) {
      this(
          warehouse.toString(),
          host,
          port,
          users,
          auditLog,
          poll,
          secureCookies,
          snapshot,
          goals,
          Steering.DEFAULT,
          java.time.Clock.systemUTC(),
          Path.of(DEFAULT_REPORTS),
          null,
          false,
          DashboardCli.security(secureCookies, DashboardApp.Settings.defaults()));
    }

    public static ServeOptions defaults(Path warehouse) {
      return defaults(warehouse.toString());
    }

    /** As {@link #defaults(Path)}, for a folder or a URI ({@code s3a://bucket/da06}). */
    public static ServeOptions defaults(String warehouse) {
      return new ServeOptions(
          warehouse,
          "127.0.0.1",
          7070,
          Path.of(DEFAULT_USERS),
          Path.of("logs/dashboard-audit.jsonl"),
          Duration.ofSeconds(30),
          false,
          null,
          Goals.DEFAULT,
          Steering.DEFAULT,
          java.time.Clock.systemUTC(),
          Path.of(DEFAULT_REPORTS),
          null,
          false,
          DashboardCli.security(false, DashboardApp.Settings.defaults()));
    }
  }

  /**
   * The local folder whose ops/ holds the reports made (the warehouse itself when local, else
   * DA06_STATE_DIR); null when a warehouse on S3 has none: no report links then.
   */
  static Path reportsState(String warehouse) {
    try {
      return vn.da06.goldread.ops.OpsFiles.stateDir(warehouse, null, System.getenv());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A started dashboard; {@link #close()} stops the server, the poll and the store's threads. */
  public record Running(Javalin app, DeltaKpiStore store, GoldThreads threads)
      implements AutoCloseable {
    public int port() {
      return app.port();
    }

    @Override
    public void close() {
      app.stop();
      store.close();
      threads.close();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new DashboardCli());
    commandLine.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            line.getErr().println("da06: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  /**
   * Starts the dashboard (gold loaded, poll running) and returns; the caller keeps the process
   * alive.
   */
  public static Running serve(ServeOptions options) {
    long started = System.nanoTime();
    GoldThreads threads = GoldThreads.daemons();
    DeltaKpiStore store = new DeltaKpiStore(options.warehouse(), options.snapshot(), threads);
    // Gold is read while Jetty starts (requests meanwhile get 503 "loading"); returns once both are
    // done.
    java.util.concurrent.CompletableFuture<DeltaKpiStore> loading =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> store.start(options.poll()));
    Javalin app;
    try {
      app = start(options, store);
    } catch (RuntimeException e) {
      store.close();
      threads.close();
      throw e;
    }
    long listening = System.nanoTime();
    try {
      loading.join();
    } catch (java.util.concurrent.CompletionException e) {
      app.stop();
      store.close();
      threads.close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    org.slf4j.LoggerFactory.getLogger(DashboardCli.class)
        .info(
            "serving: web server listening after {} ms, gold served after {} ms (JVM up {} ms before)",
            (listening - started) / 1_000_000,
            (System.nanoTime() - started) / 1_000_000,
            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                - (System.nanoTime() - started) / 1_000_000);
    return new Running(app, store, threads);
  }

  static DashboardApp.Settings security(boolean secureCookies, DashboardApp.Settings base) {
    return new DashboardApp.Settings(
        secureCookies,
        base.maxLoginFailures(),
        base.loginWindow(),
        base.sessionIdle(),
        base.sessionLifetime(),
        base.maxLoginDelay(),
        base.trustedProxies());
  }

  /**
   * A server reachable beyond this machine sends session cookies over the network: it starts only
   * behind TLS ({@code --secure-cookies}, the cookie marked Secure) or when told it may speak plain
   * HTTP ({@code --insecure-http}), which it then says at every start.
   */
  static void checkTransport(ServeOptions options, PrintStream err) {
    boolean loopback;
    try {
      loopback = java.net.InetAddress.getByName(options.host()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(
          "Cannot listen on " + options.host() + ": no such address (" + e.getMessage() + ")");
    }
    if (loopback || options.secureCookies()) {
      return;
    }
    if (!options.insecureHttp()) {
      throw new IllegalArgumentException(
          "Cannot listen on "
              + options.host()
              + " without TLS: passwords and session cookies would cross the network in clear."
              + " Serve it behind a TLS proxy with --secure-cookies (docs/security.md), or pass"
              + " --insecure-http to accept plain HTTP");
    }
    err.println(
        "da06: WARNING: serving plain HTTP on "
            + options.host()
            + " (--insecure-http): passwords and session cookies cross the network in clear;"
            + " put a TLS proxy in front and use --secure-cookies instead");
  }

  /** Starts the web server over any store (Delta Kernel, or Trino with --source trino). */
  static Javalin start(ServeOptions options, KpiStore store) {
    checkTransport(options, System.err);
    AuditLog audit = new AuditLog(options.auditLog());
    DashboardApp dashboard =
        new DashboardApp(
            store,
            new UserDirectory(options.users()),
            audit,
            security(options.secureCookies(), options.security()),
            options.goals());
    dashboard
        .steering(options.steering())
        .clock(options.clock())
        .monthlyReports(reportsState(options.warehouse()), options.reportsConfig())
        .boundaries(options.boundaries());
    Javalin app = dashboard.create();
    try {
      return app.start(options.host(), options.port());
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
  }

  /**
   * Where the dashboard reads gold: Delta Kernel straight from the warehouse, or Trino over JDBC.
   */
  enum Source {
    DELTA,
    TRINO
  }

  /**
   * {@code --source trino}: how to reach Trino, and as whom (docs/analysts.md, "The dashboard
   * through Trino").
   */
  static final class TrinoSourceOptions {
    static final String PASSWORD_ENV = "DA06_TRINO_PASSWORD";

    @Option(
        names = "--trino-url",
        description =
            "JDBC URL of Trino. Default: the server of ./da06 trino start"
                + " (its port and certificate, read from --trino-home)")
    String url;

    @Option(
        names = "--trino-home",
        defaultValue = ".da06/trino",
        description = "Folder of the server ./da06 trino start runs. Default: ${DEFAULT-VALUE}")
    Path home;

    @Option(
        names = "--trino-user",
        defaultValue = TrinoServer.DASHBOARD_USER,
        description =
            "Trino user the dashboard reads as. Default: ${DEFAULT-VALUE}, the read-only gold user"
                + " ./da06 trino start generates")
    String user;

    @Option(
        names = "--trino-password-file",
        description =
            "File whose first line is the password. Default: $"
                + PASSWORD_ENV
                + " when set, else <trino-home>/dashboard.password")
    Path passwordFile;

    /** The defaults, when no --trino-* option was given (picocli then leaves the group null). */
    TrinoSourceOptions defaults() {
      home = Path.of(".da06/trino");
      user = TrinoServer.DASHBOARD_USER;
      return this;
    }

    TrinoKpiStore.Login login() {
      TrinoSettings local = TrinoCli.savedSettings(home);
      String jdbcUrl = url != null ? url : local.jdbcUrl();
      String password;
      String environment = System.getenv(PASSWORD_ENV);
      Path file =
          passwordFile != null
              ? passwordFile
              : environment == null && user.equals(TrinoServer.DASHBOARD_USER)
                  ? local.dashboardPasswordFile()
                  : null;
      if (file != null) {
        try {
          password = java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("").trim();
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException(
              "Cannot read the Trino password from "
                  + file
                  + ": "
                  + e.getMessage()
                  + " (start Trino with ./da06 trino start, which writes it, or set $"
                  + PASSWORD_ENV
                  + ")");
        }
      } else if (environment != null) {
        password = environment;
      } else {
        throw new IllegalArgumentException(
            "Cannot log in to Trino as "
                + user
                + ": no password (set $"
                + PASSWORD_ENV
                + " or pass --trino-password-file)");
      }
      return new TrinoKpiStore.Login(jdbcUrl, user, password);
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Serve the dashboard over the gold tables of a warehouse.")
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--warehouse",
        defaultValue = "data/warehouse",
        description =
            "warehouse root, a folder or s3a://bucket/path (gold tables below gold/; default"
                + " ${DEFAULT-VALUE})")
    String warehouse;

    @Option(names = "--port", defaultValue = "7070")
    int port;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--users", defaultValue = DEFAULT_USERS)
    Path users;

    @Option(names = "--audit-log", defaultValue = "logs/dashboard-audit.jsonl")
    Path auditLog;

    @Option(
        names = "--snapshot",
        description =
            "local file of the loaded gold, keyed by the tables' Delta versions,"
                + " for a fast restart (none: no snapshot). Default: dashboard-gold.snapshot next to --audit-log")
    String snapshot;

    @Option(
        names = "--poll-seconds",
        defaultValue = "30",
        description = "how often to look for a newer Delta version")
    int pollSeconds;

    @Option(
        names = "--goals",
        description =
            "goals per metric, province or ward and the band margins (YAML: docs/dashboard.md)."
                + " Default: "
                + DEFAULT_GOALS
                + " when it exists, else the metrics' national goals")
    Path goalsFile;

    private Goals goals;

    @Option(
        names = "--steering",
        description =
            "the scorecard's weights and whether ward users see other wards, per province"
                + " (YAML: config/steering.example.yaml). Default: "
                + DEFAULT_STEERING
                + " when it exists, else equal weights and ward users see only their own ward")
    Path steeringFile;

    private Steering steering;

    @Option(
        names = "--today",
        description =
            "the date the pages take for today in Vietnam (yyyy-MM-dd: live targets, yesterday's"
                + " daily reports, reports due), for a demo or a test. Default: the real date")
    java.time.LocalDate today;

    @Option(
        names = "--reports-config",
        defaultValue = DEFAULT_REPORTS,
        description =
            "the reports configuration whose units' monthly_due_day say which monthly reports are"
                + " due (Việc cần làm). Default: ${DEFAULT-VALUE}, if it exists")
    Path reportsConfig;

    /** The clock of --today: that date, the time running on from the time of day it is now. */
    java.time.Clock clock() {
      java.time.Clock system = java.time.Clock.systemUTC();
      if (today == null) {
        return system;
      }
      java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
      java.time.Instant pinned =
          today.atTime(java.time.LocalTime.now(vietnam)).atZone(vietnam).toInstant();
      return java.time.Clock.offset(system, Duration.between(system.instant(), pinned));
    }

    @Option(
        names = "--boundaries",
        description =
            "the wards' boundaries for the map (GeoJSON keyed by ward_code: docs/dashboard.md)."
                + " Default: "
                + DEFAULT_BOUNDARIES
                + " when it exists, else no map")
    Path boundariesFile;

    private WardBoundaries boundaries;

    @Option(
        names = "--secure-cookies",
        description =
            "mark the session cookie Secure: the server sits behind a TLS proxy (needed to listen"
                + " beyond 127.0.0.1 unless --insecure-http)")
    boolean secureCookies;

    @Option(
        names = "--insecure-http",
        description =
            "allow listening beyond 127.0.0.1 without TLS (a warning is printed at every start)")
    boolean insecureHttp;

    @Option(
        names = "--trusted-proxy",
        split = ",",
        paramLabel = "ADDRESS",
        description =
            "address of a reverse proxy whose X-Forwarded-For is believed (repeatable;"
                + " default: none, the peer's address is the client's)")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(
        names = "--session-idle-minutes",
        defaultValue = "30",
        description =
            "a session ends after this many minutes without a request (default ${DEFAULT-VALUE})")
    int sessionIdleMinutes;

    @Option(
        names = "--session-max-hours",
        defaultValue = "12",
        description = "a session ends this many hours after sign-in (default ${DEFAULT-VALUE})")
    int sessionMaxHours;

    @Option(
        names = "--login-max-delay-seconds",
        defaultValue = "30",
        description =
            "the longest wait repeated failed sign-ins impose on a name or address (default ${DEFAULT-VALUE})")
    int loginMaxDelaySeconds;

    DashboardApp.Settings securitySettings() {
      if (sessionIdleMinutes < 1 || sessionMaxHours < 1 || loginMaxDelaySeconds < 1) {
        throw new IllegalArgumentException(
            "Cannot use --session-idle-minutes "
                + sessionIdleMinutes
                + ", --session-max-hours "
                + sessionMaxHours
                + ", --login-max-delay-seconds "
                + loginMaxDelaySeconds
                + ": each must be 1 or more");
      }
      DashboardApp.Settings defaults = DashboardApp.Settings.defaults();
      return new DashboardApp.Settings(
          secureCookies,
          defaults.maxLoginFailures(),
          defaults.loginWindow(),
          Duration.ofMinutes(sessionIdleMinutes),
          Duration.ofHours(sessionMaxHours),
          Duration.ofSeconds(loginMaxDelaySeconds),
          java.util.Set.copyOf(trustedProxies));
    }

    @Option(
        names = "--source",
        defaultValue = "delta",
        converter = SourceConverter.class,
        description =
            "where to read gold: delta (Delta Kernel, the warehouse folder) or trino (Trino JDBC)."
                + " Default: ${DEFAULT-VALUE}")
    Source source;

    @CommandLine.ArgGroup(exclusive = false, heading = "With --source trino:%n")
    TrinoSourceOptions trino;

    @Override
    public Integer call() throws InterruptedException {
      try {
        goals = goals(goalsFile);
        steering = steering(steeringFile);
        boundaries = boundaries(boundariesFile);
      } catch (IllegalArgumentException e) {
        System.err.println("da06: " + e.getMessage());
        return 2;
      }
      if (source == Source.TRINO) {
        return serveFromTrino();
      }
      Path snapshotFile =
          "none".equals(snapshot)
              ? null
              : snapshot != null
                  ? Path.of(snapshot)
                  : auditLog.toAbsolutePath().resolveSibling("dashboard-gold.snapshot");
      Running running =
          serve(
              new ServeOptions(
                  warehouse,
                  host,
                  port,
                  users,
                  auditLog,
                  Duration.ofSeconds(Math.max(1, pollSeconds)),
                  secureCookies,
                  snapshotFile,
                  goals,
                  steering,
                  clock(),
                  reportsConfig,
                  boundaries,
                  insecureHttp,
                  securitySettings()));
      if (UsersFile.load(users).users().isEmpty()) {
        System.err.println(
            "da06: no users in "
                + users
                + " yet: add one with ./da06 users add --name NAME --unit CODE --role viewer");
      }
      System.err.println(
          "da06: dashboard on http://"
              + host
              + ":"
              + running.port()
              + " (warehouse "
              + warehouse
              + running
                  .store()
                  .version()
                  .map(v -> ", data version " + v.version())
                  .orElse(", no gold yet")
              + ")");
      Runtime.getRuntime().addShutdownHook(new Thread(running::close));
      Thread.currentThread().join();
      return 0;
    }

    private int serveFromTrino() throws InterruptedException {
      TrinoKpiStore.Login login =
          (trino != null ? trino : new TrinoSourceOptions().defaults()).login();
      TrinoKpiStore store;
      try {
        store = new TrinoKpiStore(login).start(Duration.ofSeconds(Math.max(1, pollSeconds)));
      } catch (IllegalStateException e) {
        System.err.println("da06: " + e.getMessage());
        return 2;
      }
      Javalin app =
          start(
              new ServeOptions(
                  warehouse,
                  host,
                  port,
                  users,
                  auditLog,
                  Duration.ofSeconds(Math.max(1, pollSeconds)),
                  secureCookies,
                  null,
                  goals,
                  steering,
                  clock(),
                  reportsConfig,
                  boundaries,
                  insecureHttp,
                  securitySettings()),
              store);
      System.err.println(
          "da06: dashboard on http://"
              + host
              + ":"
              + app.port()
              + " (gold through Trino as "
              + login
              + store.version().map(v -> ", data version " + v.version()).orElse(", no gold yet")
              + ")");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.stop();
                    store.close();
                  }));
      Thread.currentThread().join();
      return 0;
    }
  }

  static final class SourceConverter implements CommandLine.ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      try {
        return Source.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "Cannot read gold from '" + value + "': use delta or trino");
      }
    }
  }

  @Command(
      name = "users",
      mixinStandardHelpOptions = true,
      description = "Manage the users file.",
      subcommands = {Users.Add.class, Users.Token.class, Users.ListUsers.class})
  static final class Users {

    @Command(
        name = "add",
        description = "Add a user, or change an existing user's unit, role and password.")
    static final class Add implements Callable<Integer> {
      @Option(names = "--name", required = true)
      String name;

      @Option(
          names = "--unit",
          required = true,
          description = "province (2 digits), pre-reform district (3) or ward (5)")
      String unit;

      @Option(names = "--role", defaultValue = "viewer", description = "viewer, analyst or admin")
      String role;

      @Option(names = "--users", defaultValue = DEFAULT_USERS)
      Path users;

      @Option(
          names = "--password-stdin",
          description = "read the password from the first line of standard input")
      boolean passwordStdin;

      @Override
      public Integer call() throws Exception {
        char[] password = passwordStdin ? readStdin() : askTwice();
        try {
          UsersFile file = UsersFile.load(users);
          String tokenHash = file.user(name).map(User::tokenHash).orElse(null);
          User user = new User(name, unit, Role.parse(role), Passwords.hash(password), tokenHash);
          file.with(user).save(users);
          System.err.println(
              "da06: user " + name + " (" + role + ", unit " + unit + ") saved in " + users);
          return 0;
        } finally {
          Arrays.fill(password, '\0');
        }
      }
    }

    @Command(
        name = "token",
        description =
            "Issue a new personal API token (shown once; the previous one stops working).")
    static final class Token implements Callable<Integer> {
      @CommandLine.Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Option(names = "--users", defaultValue = DEFAULT_USERS)
      Path users;

      @Override
      public Integer call() {
        UsersFile file = UsersFile.load(users);
        User user =
            file.user(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Cannot issue a token to "
                                + name
                                + ": there is no such user in "
                                + users
                                + " (add one with ./da06 users add)"));
        String token = Tokens.newToken();
        file.with(user.withTokenHash(Tokens.hash(token))).save(users);
        System.out.println(token);
        System.err.println(
            "da06: keep this token secret; scripts send it as 'Authorization: Bearer <token>'."
                + " It is not stored and cannot be shown again.");
        return 0;
      }
    }

    @Command(name = "list", description = "List users (names, units, roles; never hashes).")
    static final class ListUsers implements Callable<Integer> {
      @Option(names = "--users", defaultValue = DEFAULT_USERS)
      Path users;

      @Override
      public Integer call() {
        PrintStream out = System.out;
        for (User user : UsersFile.load(users).users()) {
          out.println(
              user.name()
                  + "\t"
                  + user.unit()
                  + "\t"
                  + user.role().id()
                  + "\t"
                  + (user.tokenHash() == null ? "no token" : "token issued"));
        }
        return 0;
      }
    }
  }

  static char[] readStdin() throws java.io.IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot set the password: standard input is empty (--password-stdin reads one line)");
    }
    return line.toCharArray();
  }

  static char[] askTwice() {
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "Cannot ask for a password: there is no terminal (pipe it in with --password-stdin)");
    }
    char[] first =
        console.readPassword("Password (at least %d characters): ", Passwords.MIN_LENGTH);
    char[] second = console.readPassword("Same password again: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new IllegalArgumentException(
          "Cannot set the password: the two entries differ (try again)");
    }
    Arrays.fill(second, '\0');
    return first;
  }
}
