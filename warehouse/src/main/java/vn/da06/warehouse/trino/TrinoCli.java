package vn.da06.warehouse.trino;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./da06 trino start|sync|status|stop|sql}: a Trino server over the warehouse, with the
 * users and access policy of the dashboard. See docs/analysts.md.
 */
@Command(
    name = "trino",
    mixinStandardHelpOptions = true,
    description =
        "Trino over the warehouse: analysts query gold with their own user and the same access policy.",
    subcommands = {
      TrinoCli.Start.class,
      TrinoCli.Sync.class,
      TrinoCli.Status.class,
      TrinoCli.Stop.class,
      TrinoCli.Sql.class,
      CommandLine.HelpCommand.class
    })
public final class TrinoCli {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    // ./da06 passes its own first word along.
    String[] rest =
        args.length > 0 && args[0].equals("trino")
            ? Arrays.copyOfRange(args, 1, args.length)
            : args;
    CommandLine commandLine = new CommandLine(new TrinoCli());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          if (exception instanceof IllegalArgumentException
              || exception instanceof IllegalStateException
              || exception instanceof UncheckedIOException) {
            line.getErr().println("da06: " + exception.getMessage());
            return 2;
          }
          throw exception;
        });
    return commandLine.execute(rest);
  }

  /**
   * Options every subcommand shares (and {@code ./da06 bench trino}); what start used is remembered
   * in the server folder.
   */
  public static final class ServerOptions {
    @Option(
        names = "--warehouse",
        description =
            "Warehouse root: a local folder, hdfs://namenode:port/path or"
                + " s3a://bucket/path. Default: data/warehouse, or what start was given")
    String warehouse;

    @Option(names = "--port", description = "HTTPS port. Default: 8443, or what start was given")
    Integer port;

    @Option(
        names = "--home",
        defaultValue = ".da06/trino",
        description =
            "The server's folder (configuration, certificate, logs). Default: ${DEFAULT-VALUE}")
    Path home;

    @Option(
        names = "--users",
        defaultValue = "config/users.yaml",
        description = "Users file shared with the dashboard. Default: ${DEFAULT-VALUE}")
    Path users;

    @Option(
        names = "--workers",
        description =
            "Worker processes beside the coordinator, on this host (0: one node runs everything)."
                + " Default: 0, or what start was given")
    Integer workers;

    @Option(
        names = "--worker-port",
        description =
            "The first worker's HTTPS port, the next workers' follow. Default: --port + 1")
    Integer workerPort;

    @Option(
        names = "--coordinator-heap",
        description = "The coordinator's heap. Default: 2G alone, 1G with workers")
    String coordinatorHeap;

    @Option(names = "--worker-heap", description = "Each worker's heap. Default: 1G")
    String workerHeap;

    public TrinoSettings settings() {
      return TrinoCli.settings(
          home, warehouse, port, users, workers, workerPort, coordinatorHeap, workerHeap);
    }

    public void remember(TrinoSettings settings) {
      TrinoCli.remember(settings);
    }
  }

  /**
   * The settings of the server whose folder is {@code home}, as {@code ./da06 trino start} left
   * them (warehouse and port from its server.properties); how other commands (the dashboard) find
   * it.
   */
  public static TrinoSettings savedSettings(Path home) {
    return settings(home, null, null, Path.of("config/users.yaml"), null, null, null, null);
  }

  static TrinoSettings settings(
      Path home,
      String warehouse,
      Integer port,
      Path users,
      Integer workers,
      Integer workerPort,
      String coordinatorHeap,
      String workerHeap) {
    Properties saved = new Properties();
    Path file = home.resolve("server.properties");
    if (Files.exists(file)) {
      try (var reader = Files.newBufferedReader(file)) {
        saved.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    WarehouseLocation chosenWarehouse =
        WarehouseLocation.parse(
            warehouse != null ? warehouse : saved.getProperty("warehouse", "data/warehouse"));
    int chosenPort =
        port != null
            ? port
            : Integer.parseInt(
                saved.getProperty("port", String.valueOf(TrinoSettings.DEFAULT_PORT)));
    int chosenWorkers =
        workers != null ? workers : Integer.parseInt(saved.getProperty("workers", "0"));
    TrinoSettings.Nodes defaults = TrinoSettings.Nodes.of(Math.max(chosenWorkers, 0));
    TrinoSettings.Nodes nodes =
        new TrinoSettings.Nodes(
            chosenWorkers,
            workerPort != null
                ? workerPort
                : Integer.parseInt(saved.getProperty("worker-port", "0")),
            heap(coordinatorHeap, workers, saved, "coordinator-heap", defaults.coordinatorHeap()),
            heap(workerHeap, workers, saved, "worker-heap", defaults.workerHeap()));
    return new TrinoSettings(
        chosenWarehouse,
        chosenPort,
        "127.0.0.1",
        home,
        users,
        TrinoSettings.defaultInstall(),
        nodes);
  }

  /**
   * The heap given, else the one start remembered when the number of workers is the remembered one
   * too, else the default for the number of workers (--workers 0 after a cluster is 2G again).
   */
  private static String heap(
      String given, Integer workers, Properties saved, String key, String defaultHeap) {
    if (given != null) {
      return given;
    }
    return workers == null ? saved.getProperty(key, defaultHeap) : defaultHeap;
  }

  static void remember(TrinoSettings settings) {
    Properties saved = new Properties();
    saved.setProperty("warehouse", settings.warehouse().toString());
    saved.setProperty("port", String.valueOf(settings.port()));
    saved.setProperty("workers", String.valueOf(settings.nodes().workers()));
    saved.setProperty("worker-port", String.valueOf(settings.nodes().firstWorkerPort()));
    saved.setProperty("coordinator-heap", settings.nodes().coordinatorHeap());
    saved.setProperty("worker-heap", settings.nodes().workerHeap());
    try {
      Files.createDirectories(settings.home());
      try (var writer = Files.newBufferedWriter(settings.home().resolve("server.properties"))) {
        saved.store(writer, "what ./da06 trino start was given");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + settings.home() + ": " + e.getMessage(), e);
    }
  }

  /** A progress line on standard error, as every {@code ./da06} command writes them. */
  public static void say(String message) {
    System.err.println("da06: " + message);
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Install Trino (first time), start it on 127.0.0.1 over HTTPS (with --workers N: a"
              + " coordinator and N workers), wait until every node is active and register every"
              + " table.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Mixin ServerOptions options;

    @Override
    public Integer call() {
      TrinoSettings settings = options.settings();
      TrinoServer server = new TrinoServer(settings, TrinoCli::say);
      if (!server.isRunning()) {
        options.remember(settings);
      }
      TableSync.Result result = server.start();
      say(
          "registered "
              + result.registered().size()
              + " new table(s), "
              + result.alreadyRegistered()
              + " already there"
              + (result.missing().isEmpty() ? "" : "; not found: " + result.missing()));
      System.out.println(settings.jdbcUrl());
      return 0;
    }
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = "Register new tables and re-read the users file (the server keeps running).")
  static final class Sync implements Callable<Integer> {
    @CommandLine.Mixin ServerOptions options;

    @Override
    public Integer call() {
      TrinoServer server = new TrinoServer(options.settings(), TrinoCli::say);
      if (!server.isRunning()) {
        throw new IllegalStateException(
            "Cannot sync: Trino is not running (start it with ./da06 trino start)");
      }
      TableSync.Result result = server.sync();
      say(
          "registered "
              + result.registered()
              + ", "
              + result.alreadyRegistered()
              + " already there"
              + (result.missing().isEmpty() ? "" : "; not found: " + result.missing()));
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Say whether Trino runs, and where.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin ServerOptions options;

    @Override
    public Integer call() {
      TrinoSettings settings = options.settings();
      TrinoServer server = new TrinoServer(settings, TrinoCli::say);
      List<TrinoServer.NodeStatus> nodes = server.status();
      if (server.isRunning()) {
        System.out.println(
            "running (pid "
                + server.pid().orElseThrow()
                + ") at "
                + settings.jdbcUrl()
                + " over "
                + settings.warehouse());
      } else {
        System.out.println("not running");
      }
      boolean allActive = server.isRunning();
      if (nodes.size() > 1) {
        for (TrinoServer.NodeStatus node : nodes) {
          if (!node.running()
              && node.name().startsWith("worker-")
              && Integer.parseInt(node.name().substring("worker-".length()))
                  > settings.nodes().workers()) {
            continue; // a worker folder of an earlier, larger cluster
          }
          System.out.println(
              node.name()
                  + ": "
                  + (node.running() ? "running (pid " + node.pid().orElseThrow() + ")" : "stopped")
                  + " on "
                  + settings.host()
                  + ":"
                  + node.port()
                  + ", "
                  + node.state().orElse("not listed by the coordinator")
                  + (node.nodeId().isEmpty() ? "" : ", node " + node.nodeId()));
          allActive &= !node.running() || node.state().filter("active"::equals).isPresent();
        }
      }
      if (!server.isRunning()) {
        return 3;
      }
      return allActive ? 0 : 4;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop Trino.")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Mixin ServerOptions options;

    @Override
    public Integer call() {
      new TrinoServer(options.settings(), TrinoCli::say).stop();
      return 0;
    }
  }

  @Command(
      name = "sql",
      mixinStandardHelpOptions = true,
      description = "Run one query as a user and print the result as CSV with a header row.")
  static final class Sql implements Callable<Integer> {
    @CommandLine.Mixin ServerOptions options;

    @Option(names = "--user", required = true, description = "User name from the users file")
    String user;

    @Option(
        names = "--password-stdin",
        description = "Read the password from the first line of standard input")
    boolean passwordStdin;

    @Parameters(
        index = "0",
        paramLabel = "SQL",
        description = "The query, e.g. \"SELECT * FROM delta.gold.dim_service\"")
    String sql;

    @Override
    public Integer call() throws IOException {
      char[] password = password();
      TrinoSettings settings = options.settings();
      PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
      try (Connection connection = TrinoClient.connect(settings, user, new String(password))) {
        TrinoClient.printCsv(connection, sql, out);
        out.flush();
        return 0;
      } catch (SQLException e) {
        out.flush();
        System.err.println("da06: Cannot run the query: " + e.getMessage());
        return 1;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private char[] password() throws IOException {
      if (passwordStdin) {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
          throw new IllegalArgumentException("Cannot read the password: standard input is empty");
        }
        return line.toCharArray();
      }
      if (System.console() == null) {
        throw new IllegalArgumentException(
            "Cannot ask for the password: no terminal (pass --password-stdin)");
      }
      return System.console().readPassword("Password for %s: ", user);
    }
  }
}
