package vn.da06.bench.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.goldread.DuckDbKpiReader;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.Tokens;
import vn.da06.warehouse.access.User;
import vn.da06.warehouse.access.UsersFile;

/**
 * {@code ./da06 bench dashboard}: starts {@code serve} over a national gold warehouse as a child
 * process, measures cold start (process start to the first 200 of the KPI API) and heap in use
 * after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), then runs wrk against the KPI
 * API (province and month varied per request by a Lua script, each province's own analyst token)
 * and against {@code /health} of the same server, opens a province's overview in headless Chromium
 * with a cold cache until every chart has drawn ({@link FirstPageBench}), and prints every figure
 * with its goal.
 *
 * <p>Over 400 lines on purpose: one bench run (server start, class archive, wrk runs, heap and
 * cold-start measures, report) whose steps share the server process.
 */
@Command(
    name = "bench dashboard",
    mixinStandardHelpOptions = true,
    description = "Measure the dashboard server (see BENCHMARKS.md).")
public final class DashboardBench implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--warehouse",
      defaultValue = "data/bench/dashboard-warehouse",
      description = "gold of every ward (written by the bench first). Default: ${DEFAULT-VALUE}")
  Path warehouse;

  @Option(
      names = "--dir",
      defaultValue = "data/bench/dashboard-run",
      description = "users file, Lua script, server log")
  Path dir;

  @Option(
      names = "--duration",
      defaultValue = "20",
      description = "seconds of each wrk run (after a 15 s warm-up of the KPI API)")
  int duration;

  @Option(names = "--connections", defaultValue = "64")
  int connections;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(
      names = "--server-opts",
      defaultValue = "",
      description = "JVM options of the server (default: none, the JVM's own heap size)")
  String serverOptions;

  @Option(
      names = "--class-archive",
      description =
          "the server's AppCDS archive (./da06 passes .da06/dashboard.jsa):"
              + " written by an untimed start when missing; cold start is measured with and without it")
  Path classArchive;

  @Option(
      names = "--page-runs",
      defaultValue = "5",
      description = "cold-cache loads of the province overview in Chromium (median reported)")
  int pageRuns;

  @Option(names = "--json", description = "one JSON object per figure instead of text")
  boolean json;

  @Option(
      names = "--server-class-path",
      description =
          "the class path the server starts with, as ./da06 serve starts it (./da06 passes the"
              + " dashboard's; default: this JVM's)")
  String serverClassPath;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DashboardBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path kpis = warehouse.resolve("gold").resolve(Tables.WARD_MONTH_KPIS_CURRENT);
    if (!Files.isDirectory(kpis.resolve("_delta_log"))) {
      throw new IllegalArgumentException(
          "Cannot run the dashboard bench: there is no gold in "
              + warehouse
              + " (./da06 bench dashboard writes it first)");
    }
    FirstPageBench.requireBrowser();
    Files.createDirectories(dir);
    DeltaTableReader reader = new DeltaTableReader();
    Map<String, Integer> provinces = new TreeMap<>();
    for (Map<String, Object> ward :
        reader.read(warehouse.resolve("gold").resolve(Tables.DIM_WARD)).rows()) {
      if ("POST_REFORM".equals(ward.get("era"))) {
        provinces.merge((String) ward.get("province_code"), 1, Integer::sum);
      }
    }
    // Months from the Delta log (the tables are partitioned by month), rows counted by DuckDB: no
    // row is decoded.
    DeltaTableReader.DataFiles currentFiles = reader.dataFiles(kpis);
    TreeSet<String> months = new TreeSet<>();
    currentFiles.files().stream()
        .map(file -> file.partitionValues().get("month"))
        .filter(m -> m != null)
        .forEach(months::add);
    if (months.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run the dashboard bench: "
              + kpis
              + " has no month partitions"
              + " (delete "
              + warehouse
              + " and run ./da06 bench dashboard again to write it)");
    }
    Path asReported = warehouse.resolve("gold").resolve(Tables.WARD_MONTH_KPIS);
    long currentRows = DuckDbKpiReader.countRows(currentFiles, kpis);
    long asReportedRows = DuckDbKpiReader.countRows(reader.dataFiles(asReported), asReported);
    int wards = provinces.values().stream().mapToInt(Integer::intValue).sum();
    log(
        "gold: %d current wards in %d provinces, %d months (%s to %s); ward_month_kpis_current %,d rows,"
            + " ward_month_kpis %,d rows",
        wards,
        provinces.size(),
        months.size(),
        months.first(),
        months.last(),
        currentRows,
        asReportedRows);

    // One analyst per province, each with a token: the bench asks for every province.
    String hash = Passwords.hash("bench-password-not-used".toCharArray());
    List<User> users = new ArrayList<>();
    Map<String, String> tokens = new TreeMap<>();
    for (String province : provinces.keySet()) {
      String token = Tokens.newToken();
      tokens.put(province, token);
      users.add(new User("bench.p" + province, province, Role.ANALYST, hash, Tokens.hash(token)));
    }
    // A viewer of the first province signs in to the overview in the browser.
    String firstProvince = provinces.keySet().iterator().next();
    String viewerPassword = Tokens.newToken();
    users.add(
        new User(
            "bench.viewer",
            firstProvince,
            Role.VIEWER,
            Passwords.hash(viewerPassword.toCharArray()),
            null));
    Path usersFile = dir.resolve("users.yaml");
    new UsersFile(users).save(usersFile);
    Path script = dir.resolve("kpis.lua");
    Files.writeString(script, luaScript(tokens, List.copyOf(months)), StandardCharsets.UTF_8);

    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    if (!serverOptions.isBlank()) {
      command.addAll(List.of(serverOptions.trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            serverClassPath(),
            "vn.da06.dashboard.cli.DashboardCli",
            "serve",
            "--warehouse",
            warehouse.toString(),
            "--port",
            String.valueOf(port),
            "--users",
            usersFile.toString(),
            "--audit-log",
            dir.resolve("audit.jsonl").toString()));
    // cold start: the first start after a pipeline output, so no snapshot; warm start: the next
    // one, from it
    Path snapshot = dir.resolve("dashboard-gold.snapshot");
    Files.deleteIfExists(snapshot);
    command.addAll(List.of("--snapshot", snapshot.toString()));
    Path serverLog = dir.resolve("server.log");
    String firstUrl = base + "/api/v1/units/" + firstProvince + "/kpis?month=" + months.last();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest first =
        HttpRequest.newBuilder(URI.create(firstUrl))
            .header("Authorization", "Bearer " + tokens.get(firstProvince))
            .timeout(Duration.ofSeconds(30))
            .build();
    // The earliest month: a first start serves the latest month first, and this one once every
    // month is read.
    String earliestUrl = base + "/api/v1/units/" + firstProvince + "/kpis?month=" + months.first();
    HttpRequest earliest =
        HttpRequest.newBuilder(URI.create(earliestUrl))
            .header("Authorization", "Bearer " + tokens.get(firstProvince))
            .timeout(Duration.ofSeconds(30))
            .build();

    // Without the class archive first (the first start after a build), then, when there is one,
    // with it.
    Double coldStartWithout = null;
    List<String> archived = null;
    if (classArchive != null && !classPathIsJars()) {
      log(
          "class archive %s not used: the class path has directories, and the JVM archives classes from jars only",
          classArchive);
    } else if (classArchive != null) {
      coldStartWithout =
          timedStart(command, http, first, dir.resolve("server-no-archive.log"), snapshot, 10);
      log("cold start without the class archive: %.2f s", coldStartWithout);
      if (!Files.exists(classArchive)) {
        List<String> training = withJvmOptions(command, "-XX:ArchiveClassesAtExit=" + classArchive);
        double seconds =
            timedStart(training, http, first, dir.resolve("server-archiving.log"), snapshot, 120);
        if (!Files.exists(classArchive)) {
          throw new IllegalStateException(
              "Cannot measure cold start with the class archive: the server wrote no "
                  + classArchive
                  + " when it stopped (see "
                  + dir.resolve("server-archiving.log")
                  + ")");
        }
        log(
            "class archive %s written by an untimed start (%.2f s to the first answer, %,d bytes)",
            classArchive, seconds, Files.size(classArchive));
      }
      archived = withJvmOptions(command, "-XX:SharedArchiveFile=" + classArchive);
    }
    if (archived != null) {
      command = archived;
    }
    Files.deleteIfExists(snapshot);
    long started = System.nanoTime();
    Process server =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile())
            .start();
    try {
      double coldStart = waitForFirstAnswer(http, first, server, started, serverLog);
      log(
          "cold start%s: %.2f s to the first 200 of %s",
          archived == null ? "" : " (class archive)", coldStart, firstUrl.replace(base, ""));
      double allMonths = waitForFirstAnswer(http, earliest, server, started, serverLog);
      log(
          "cold start, every month: %.2f s to the first 200 of %s",
          allMonths, earliestUrl.replace(base, ""));
      // Throughput and latency are the steady server's: the start's own background work (the
      // province aggregates,
      // the snapshot file) takes seconds of CPU that wrk would otherwise share, on a machine of two
      // cores.
      double settled = waitForStartupWork(server, serverLog, snapshot, started);
      log(
          "start-up work done %.2f s after the process started (province aggregates computed, snapshot written)",
          settled);
      log("warm-up: wrk 15 s on the KPI API");
      wrk(15, script, base + "/");
      log(
          "wrk %d s, %d connections, %d threads: the KPI API (%d provinces x %d months, by a Lua script)",
          duration, connections, threads, provinces.size(), months.size());
      WrkResult api = wrk(duration, script, base + "/");
      log("wrk %d s, %d connections, %d threads: /health", duration, connections, threads);
      WrkResult trivial = wrk(duration, null, base + "/health");
      long heapBytes = heapInUse(server.pid());
      String overview = "/units/" + firstProvince;
      log(
          "first page with charts: %s in Chromium (390x844), cold cache, %d runs over the loopback",
          overview, pageRuns);
      FirstPageBench.Result page =
          FirstPageBench.measure(
              base,
              "bench.viewer",
              viewerPassword,
              overview,
              pageRuns,
              null,
              dir.resolve("chromium-profile"));
      log(
          "first page with charts: %s s (%d charts, %,d bytes over the wire)",
          page.seconds(), page.charts(), page.bytes());
      FirstPageBench.Result slow =
          FirstPageBench.measure(
              base,
              "bench.viewer",
              viewerPassword,
              overview,
              3,
              FirstPageBench.FAST_3G,
              dir.resolve("chromium-profile-3g"));
      log("first page with charts over emulated Fast 3G: %s s", slow.seconds());
      stop(server);
      Path warmLog = dir.resolve("server-warm.log");
      long warmStarted = System.nanoTime();
      server =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(warmLog.toFile())
              .start();
      double warmStart = waitForFirstAnswer(http, first, server, warmStarted, warmLog);
      log(
          "warm start (snapshot present): %.2f s to the first 200 of %s",
          warmStart, firstUrl.replace(base, ""));

      double ratio = api.requestsPerSecond() / trivial.requestsPerSecond();
      List<Figure> figures =
          new ArrayList<>(
              List.of(
                  new Figure(
                      "kpi_api_throughput",
                      api.requestsPerSecond(),
                      "req/s",
                      trivial.requestsPerSecond(),
                      ratio,
                      ">= 0.4 x /health",
                      ratio >= 0.4),
                  Figure.plain("trivial_route_throughput", trivial.requestsPerSecond(), "req/s"),
                  Figure.plain("kpi_api_p50", api.p50Millis(), "ms"),
                  new Figure(
                      "kpi_api_p99",
                      api.p99Millis(),
                      "ms",
                      null,
                      null,
                      "< 25 ms at " + connections + " connections",
                      api.p99Millis() < 25),
                  Figure.plain("trivial_route_p99", trivial.p99Millis(), "ms"),
                  new Figure(
                      "kpi_api_errors",
                      api.errors(),
                      "count",
                      (double) api.requests(),
                      null,
                      "0",
                      api.errors() == 0),
                  new Figure(
                      "trivial_route_errors",
                      trivial.errors(),
                      "count",
                      (double) trivial.requests(),
                      null,
                      "0",
                      trivial.errors() == 0),
                  new Figure("cold_start", coldStart, "s", null, null, "< 3 s", coldStart < 3),
                  Figure.plain("cold_start_every_month", allMonths, "s"),
                  new Figure("warm_start", warmStart, "s", null, null, "< 3 s", warmStart < 3),
                  Figure.plain("startup_work_done", settled, "s"),
                  new Figure(
                      "heap_in_use",
                      heapBytes / 1024.0 / 1024.0,
                      "MB",
                      (double) (currentRows + asReportedRows),
                      null,
                      "< 512 MB",
                      heapBytes < 512L * 1024 * 1024),
                  Figure.plain("gold_rows", currentRows + asReportedRows, "rows"),
                  new Figure(
                      "first_page_charts",
                      page.median(),
                      "s",
                      null,
                      null,
                      "< 1.5 s (median of " + page.seconds().size() + ", cold cache)",
                      page.median() < 1.5),
                  Figure.plain("first_page_charts_slowest", page.max(), "s"),
                  Figure.plain("first_page_bytes", page.bytes(), "bytes"),
                  Figure.plain("first_page_charts_fast_3g", slow.median(), "s")));
      if (coldStartWithout != null) {
        figures.add(8, Figure.plain("cold_start_without_class_archive", coldStartWithout, "s"));
      }
      for (Figure figure : figures) {
        System.out.println(json ? JSON.writeValueAsString(figure.json()) : figure.text());
      }
      if (!json) {
        System.out.printf(
            "(reference of heap_in_use: gold rows of both ward-month tables; of the error counts:"
                + " requests made. Server: %s)%n",
            serverOptions.isBlank() ? "JVM default heap" : serverOptions);
      }
      return 0;
    } finally {
      stop(server);
    }
  }

  /**
   * Seconds from starting {@code command} (no gold snapshot) to its first 200; the server is then
   * stopped, given {@code stopSeconds} to exit (a class archive is written at exit), and its
   * snapshot removed.
   */
  private static double timedStart(
      List<String> command,
      HttpClient http,
      HttpRequest first,
      Path log,
      Path snapshot,
      int stopSeconds)
      throws Exception {
    Files.deleteIfExists(snapshot);
    long started = System.nanoTime();
    Process server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return waitForFirstAnswer(http, first, server, started, log);
    } finally {
      stop(server, stopSeconds);
      Files.deleteIfExists(snapshot);
    }
  }

  /** Log lines of the server's work after gold is first served; both are written once per load. */
  private static final List<String> STARTUP_WORK =
      List.of("province aggregates computed", "gold snapshot written");

  /**
   * Waits until the server has finished the work a start does after serving (both {@link
   * #STARTUP_WORK} lines in its log, and the snapshot file there); returns the seconds since {@code
   * started}.
   */
  private static double waitForStartupWork(
      Process server, Path serverLog, Path snapshot, long started) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "The server stopped before its start-up work was done (see " + serverLog + ")");
      }
      String logText = Files.readString(serverLog, StandardCharsets.UTF_8);
      if (Files.exists(snapshot) && STARTUP_WORK.stream().allMatch(logText::contains)) {
        return (System.nanoTime() - started) / 1e9;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "Cannot measure the steady server: within 180 s its log "
            + serverLog
            + " did not say both "
            + STARTUP_WORK
            + " (or no snapshot "
            + snapshot
            + " was written)");
  }

  /**
   * {@code command} (java first) with JVM options added after the executable; the CDS log is kept
   * quiet.
   */
  private static List<String> withJvmOptions(List<String> command, String option) {
    List<String> result = new ArrayList<>(command);
    result.addAll(1, List.of(option, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    return result;
  }

  private String serverClassPath() {
    return serverClassPath != null ? serverClassPath : System.getProperty("java.class.path");
  }

  private boolean classPathIsJars() {
    return java.util.Arrays.stream(serverClassPath().split(java.io.File.pathSeparator))
        .noneMatch(entry -> Files.isDirectory(Path.of(entry)));
  }

  private static void stop(Process server) throws InterruptedException {
    stop(server, 10);
  }

  private static void stop(Process server, int seconds) throws InterruptedException {
    server.destroy();
    if (!server.waitFor(seconds, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Seconds from process start to the first 200 of {@code request}; polls every 20 ms. */
  private static double waitForFirstAnswer(
      HttpClient http, HttpRequest request, Process server, long started, Path serverLog)
      throws Exception {
    long deadline = started + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "Cannot measure cold start: the server stopped with exit code "
                + server.exitValue()
                + " (see "
                + serverLog
                + ")");
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return (System.nanoTime() - started) / 1e9;
        }
        if (response.statusCode() != 503) {
          throw new IllegalStateException(
              "Cannot measure cold start: the KPI API answered "
                  + response.statusCode()
                  + ": "
                  + response.body());
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "Cannot measure cold start: no answer within 180 s (see " + serverLog + ")");
  }

  private WrkResult wrk(int seconds, Path script, String url) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "wrk",
                "--latency",
                "-t",
                String.valueOf(threads),
                "-c",
                String.valueOf(connections),
                "-d",
                seconds + "s",
                "--timeout",
                "5s"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "Cannot run wrk (" + String.join(" ", command) + "): " + output);
    }
    return WrkResult.parse(output);
  }

  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  /** Bytes in use after a full GC, from {@code jcmd PID GC.heap_info} (the heap line's "used"). */
  static long heapInUse(long pid) throws Exception {
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    Matcher matcher = HEAP.matcher(info);
    if (!matcher.find()) {
      throw new IllegalStateException(
          "Cannot read the heap in use: jcmd GC.heap_info printed no 'total NK, used NK'"
              + " line:\n"
              + info);
    }
    return Long.parseLong(matcher.group(2)) * 1024;
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + output);
    }
    return output;
  }

  /** Each request the next (province, month) in turn, with that province's token. */
  static String luaScript(Map<String, String> tokens, List<String> months) {
    StringBuilder lua =
        new StringBuilder("-- written by ./da06 bench dashboard\nlocal requests = {\n");
    for (Map.Entry<String, String> entry : tokens.entrySet()) {
      for (String month : months) {
        lua.append(
            String.format(
                "  {\"/api/v1/units/%s/kpis?month=%s\", \"Bearer %s\"},%n",
                entry.getKey(), month, entry.getValue()));
      }
    }
    // Requests are formatted once per thread (init), so wrk spends no Lua time per request.
    lua.append("}\n")
        .append("local built = {}\n")
        .append("local i = 0\n")
        .append("function setup(thread) thread:set(\"offset\", math.random(#requests)) end\n")
        .append("function init(args)\n")
        .append(
            "  for k, r in ipairs(requests) do built[k] = wrk.format(\"GET\", r[1], {[\"Authorization\"] = r[2]}) end\n")
        .append("  i = (offset or 0)\n")
        .append("end\n")
        .append("function request()\n")
        .append("  i = i % #built + 1\n")
        .append("  return built[i]\n")
        .append("end\n");
    return lua.toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot find a free port for the bench server: " + e.getMessage(), e);
    }
  }

  private static void log(String format, Object... args) {
    System.err.println("bench dashboard: " + String.format(format, args));
  }
}
