package vn.da06.bench.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.warehouse.trino.AnalystDocs;
import vn.da06.warehouse.trino.TrinoCli;
import vn.da06.warehouse.trino.TrinoServer;
import vn.da06.warehouse.trino.TrinoSettings;

/**
 * {@code ./da06 bench trino [--json]}: times every example query of docs/analysts.md (the same
 * queries the test suite runs) through trino-jdbc: warm-up runs, then {@code --runs} timed runs
 * each, reading every row; prints the median and p90 per query. Starts Trino when it is not running
 * (and stops it after), or uses the running server. Queries run as the project's system user, so no
 * row filter applies (an analyst's unit filter adds a semi-join per table).
 */
@Command(
    name = "trino",
    mixinStandardHelpOptions = true,
    description = "Time the example queries of docs/analysts.md: median and p90 per query.")
public final class TrinoBench implements Callable<Integer> {
  static final String GOAL = "documented Trino queries < 1 s median";
  static final double GOAL_MS = 1000.0;

  @CommandLine.Mixin TrinoCli.ServerOptions options;

  @Option(
      names = "--runs",
      defaultValue = "10",
      description = "Timed runs per query. Default: ${DEFAULT-VALUE}")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      description = "Untimed rounds over every query first. Default: ${DEFAULT-VALUE}")
  int warmup;

  @Option(
      names = "--json",
      description =
          "Print one JSON object per figure (name, value, unit, reference, ratio,"
              + " goal, met) instead of a table")
  boolean json;

  @Option(
      names = "--docs",
      description =
          "The document whose ```sql blocks are timed. Default: docs/analysts.md"
              + " of the project")
  Path docs;

  @Option(names = "--keep-running", description = "Leave Trino running if this command started it")
  boolean keepRunning;

  /** The timings of one query, in milliseconds, sorted. */
  record Timing(AnalystDocs.Example example, long rows, double[] millis) {
    double median() {
      return percentile(millis, 0.5);
    }

    double p90() {
      return percentile(millis, 0.9);
    }
  }

  @Override
  public Integer call() throws IOException, SQLException {
    if (runs < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "Cannot bench with --runs "
              + runs
              + " and --warmup "
              + warmup
              + ": runs is at least 1, warm-up at least 0");
    }
    Path document =
        docs != null
            ? docs
            : Path.of(System.getProperty("da06.project.dir", ".")).resolve("docs/analysts.md");
    if (!Files.isRegularFile(document)) {
      throw new IllegalArgumentException(
          "Cannot read the example queries: "
              + document
              + " does not exist"
              + " (pass --docs docs/analysts.md)");
    }
    List<AnalystDocs.Example> examples = AnalystDocs.exampleQueries(Files.readString(document));
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("Cannot bench: " + document + " has no ```sql blocks");
    }
    TrinoSettings settings = options.settings();
    TrinoServer server = new TrinoServer(settings, TrinoCli::say);
    boolean started = false;
    if (!server.isRunning()) {
      options.remember(settings);
      server.start();
      started = true;
    } else {
      server.sync();
    }
    try (Connection connection = server.systemConnection()) {
      awaitFirstAnswer(connection);
      // Warm-up rounds over every query first: a long-running server has compiled the code all of
      // them share,
      // so the first query timed does not pay for the others (it did: q01 was the slowest only when
      // first).
      for (int i = 0; i < warmup; i++) {
        TrinoCli.say("warm-up round " + (i + 1) + " of " + warmup);
        for (AnalystDocs.Example example : examples) {
          run(connection, example.sql());
        }
      }
      List<Timing> timings = new ArrayList<>();
      for (AnalystDocs.Example example : examples) {
        TrinoCli.say("timing " + example.name() + " (" + example.title() + ")");
        timings.add(time(connection, example));
      }
      print(timings, settings);
      return 0;
    } finally {
      if (started && !keepRunning) {
        server.stop();
      }
    }
  }

  private Timing time(Connection connection, AnalystDocs.Example example) throws SQLException {
    long rows = 0;
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long begin = System.nanoTime();
      rows = run(connection, example.sql());
      millis[i] = (System.nanoTime() - begin) / 1e6;
    }
    Arrays.sort(millis);
    return new Timing(example, rows, millis);
  }

  /** Runs a query and reads every value of every row, as a client would; returns the row count. */
  static long run(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      long rows = 0;
      while (result.next()) {
        for (int i = 1; i <= columns; i++) {
          result.getObject(i);
        }
        rows++;
      }
      return rows;
    }
  }

  /** Right after a start Trino may say "No nodes available" for a few seconds. */
  private static void awaitFirstAnswer(Connection connection) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        run(connection, "SELECT 1");
        return;
      } catch (SQLException e) {
        if (attempt >= 30) {
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

  private void print(List<Timing> timings, TrinoSettings settings) throws JsonProcessingException {
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      for (Timing timing : timings) {
        System.out.println(
            mapper.writeValueAsString(
                figure("trino." + timing.example().name() + ".median_ms", timing.median(), true)));
        System.out.println(
            mapper.writeValueAsString(
                figure("trino." + timing.example().name() + ".p90_ms", timing.p90(), false)));
      }
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "Trino %s at %s:%d over %s; %d timed run(s) per query after %d warm-up,"
            + " as %s (no row filter)%n",
        TrinoSettings.VERSION,
        settings.host(),
        settings.port(),
        settings.warehouse(),
        runs,
        warmup,
        TrinoServer.SYSTEM_USER);
    System.out.printf(
        Locale.ROOT, "%-5s %7s %10s %10s  %s%n", "query", "rows", "median_ms", "p90_ms", "title");
    for (Timing timing : timings) {
      System.out.printf(
          Locale.ROOT,
          "%-5s %7d %10.1f %10.1f  %s%n",
          timing.example().name(),
          timing.rows(),
          timing.median(),
          timing.p90(),
          timing.example().title());
    }
    long met = timings.stream().filter(timing -> timing.median() < GOAL_MS).count();
    System.out.printf(Locale.ROOT, "goal (%s): %d of %d met%n", GOAL, met, timings.size());
  }

  /** One figure of the shared bench format ({@link Figure}); the p90 has no goal of its own. */
  static Map<String, Object> figure(String name, double milliseconds, boolean withGoal) {
    double value = Math.round(milliseconds * 10) / 10.0;
    return (withGoal
            ? new Figure(name, value, "ms", GOAL_MS, value / GOAL_MS, GOAL, value < GOAL_MS)
            : Figure.plain(name, value, "ms"))
        .json();
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
