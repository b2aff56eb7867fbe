package vn.da06.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.jobs.cli.Da06;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.generate.GeneratorSummary;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.pipeline.RunSummary;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * {@code ./da06 bench scale}: the whole pipeline at several input sizes, each in its own JVM, then
 * how cost grows with input and what a national run would need.
 *
 * <p>A size is a count of e-ID applications; dossiers (about 2 per application) and population
 * records (one snapshot, about 0.8 per application) follow, as in the national proportions 1 : 2 :
 * 1. The feeds of a size are generated once into {@code <dir>/scale-<size>-seed<seed>/inbox} and
 * reused.
 *
 * <p>Over 400 lines on purpose: the parent that plans the sizes and the child JVM per size share
 * their options and report format.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description =
        "Time the pipeline at growing sizes (own JVM each): rows/s, peak memory, cost fit, national estimate.")
public final class ScaleBench implements Callable<Integer> {

  /** e-ID applications the generator writes at scale 1.0 (2022-03..2026-10, seed 7). */
  static final double APPLICATIONS_AT_SCALE_ONE = 49_888;

  /** Dossier factor that brings the default 1.63 dossiers per application to the national 2. */
  static final double DOSSIER_FACTOR = 1.23;

  /** A national year: 100M applications + 200M dossiers + 100M population records. */
  static final double NATIONAL_ROWS = 400e6;

  static final double GOAL_MINUTES = 60;
  static final String RESULT_PREFIX = "SCALE-RESULT ";

  @Option(
      names = "--sizes",
      defaultValue = "100K,300K",
      description =
          "Application counts (K, M suffixes), comma-separated. Default: ${DEFAULT-VALUE}; e.g. 1M,10M,100M")
  String sizes;

  @Option(
      names = "--dir",
      defaultValue = "data/bench",
      description = "Work folder. Default: ${DEFAULT-VALUE}")
  Path dir;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Generator seed. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(
      names = "--heap",
      defaultValue = "12g",
      description = "Maximum heap of each size's JVM. Default: ${DEFAULT-VALUE}")
  String heap;

  @Option(
      names = "--max-minutes",
      defaultValue = "30",
      description =
          "A size's pipeline still running after this is stopped and reported as over budget. Default: ${DEFAULT-VALUE}")
  double maxMinutes;

  @Option(
      names = "--child-opts",
      defaultValue = "",
      description =
          "Extra JVM options of each size's pipeline JVM, space-separated (e.g. -XX:StartFlightRecording=filename=x.jfr).")
  String childOptions;

  @Option(names = "--json", description = "One JSON object per figure instead of the table.")
  boolean json;

  /** What one size gave: the child's figures, or why there are none. */
  record SizeResult(
      String label,
      long applications,
      Map<String, Long> rowsPerFeed,
      long rows,
      double seconds,
      double bronzeSeconds,
      double silverSeconds,
      double goldSeconds,
      long peakHeapMb,
      long peakRssMb,
      int cores,
      String failure) {
    boolean completed() {
      return failure == null;
    }

    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  /**
   * Least-squares fit seconds = fixed + perRow × rows, and the log-log exponent between smallest
   * and largest.
   */
  record Fit(double fixedSeconds, double secondsPerMillionRows, double exponent, boolean linear) {}

  @Override
  public Integer call() throws Exception {
    PrintStream log = json ? System.err : System.out;
    List<SizeResult> results = new ArrayList<>();
    for (String size : sizes.split(",")) {
      String label = size.trim().toUpperCase(Locale.ROOT);
      long applications = parseSize(label);
      Path base = dir.resolve("scale-" + label + "-seed" + seed);
      Path inbox = base.resolve("inbox");
      Path warehouse = base.resolve("warehouse");
      String failure = null;
      if (!Files.exists(inbox.resolve(".complete"))) {
        log.printf(
            "bench scale %s: generating %,d applications into %s%n", label, applications, inbox);
        deleteTree(inbox);
        ChildOutcome generated =
            runChild(
                log,
                maxMinutes,
                "--generate",
                "--inbox",
                inbox.toString(),
                "--applications",
                Long.toString(applications),
                "--seed",
                Long.toString(seed));
        failure = generated.failure() == null ? null : "generating: " + generated.failure();
        if (failure == null) {
          Files.writeString(inbox.resolve(".complete"), "generated\n");
        }
      }
      SizeResult result;
      if (failure == null) {
        deleteTree(warehouse);
        log.printf(
            "bench scale %s: pipeline on %s (own JVM, -Xmx%s, at most %.0f min)%n",
            label, inbox, heap, maxMinutes);
        ChildOutcome run =
            runChild(
                log, maxMinutes, "--inbox", inbox.toString(), "--warehouse", warehouse.toString());
        result =
            run.failure() != null
                ? failed(label, applications, run.failure())
                : parseResult(label, applications, run.result());
      } else {
        result = failed(label, applications, failure);
      }
      results.add(result);
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Figure> figures = figures(results);
    if (!json) {
      System.out.println();
      System.out.printf(
          "bench scale --sizes %s (%d cores, -Xmx%s per size)%n",
          sizes, Runtime.getRuntime().availableProcessors(), heap);
      for (SizeResult r : results) {
        if (r.completed()) {
          System.out.printf(
              "  %-5s %,13d rows (%s) in %8.1f s = %,8.0f rows/s; bronze %.0f s, silver %.0f s, gold %.0f s;"
                  + " peak heap %,d MB, peak RSS %,d MB%n",
              r.label(),
              r.rows(),
              r.rowsPerFeed(),
              r.seconds(),
              r.rowsPerSecond(),
              r.bronzeSeconds(),
              r.silverSeconds(),
              r.goldSeconds(),
              r.peakHeapMb(),
              r.peakRssMb());
        } else {
          System.out.printf("  %-5s did not complete: %s%n", r.label(), r.failure());
        }
      }
    }
    for (Figure figure : figures) {
      System.out.println(json ? mapper.writeValueAsString(figure.json()) : "  " + figure.text());
    }
    return 0;
  }

  static List<Figure> figures(List<SizeResult> results) {
    List<Figure> figures = new ArrayList<>();
    for (SizeResult r : results) {
      String p = "scale_" + r.label() + "_";
      if (!r.completed()) {
        figures.add(
            new Figure(
                p + "completed", 0, "bool", null, null, "completes (" + r.failure() + ")", false));
        continue;
      }
      figures.add(Figure.plain(p + "rows", r.rows(), "rows"));
      figures.add(Figure.plain(p + "seconds", r.seconds(), "s"));
      figures.add(Figure.plain(p + "rows_per_s", r.rowsPerSecond(), "rows/s"));
      figures.add(Figure.plain(p + "bronze_seconds", r.bronzeSeconds(), "s"));
      figures.add(Figure.plain(p + "silver_seconds", r.silverSeconds(), "s"));
      figures.add(Figure.plain(p + "gold_seconds", r.goldSeconds(), "s"));
      figures.add(
          new Figure(
              p + "peak_heap_mb",
              r.peakHeapMb(),
              "MB",
              null,
              null,
              "<= 12288 MB",
              r.peakHeapMb() <= 12288));
      figures.add(Figure.plain(p + "peak_rss_mb", r.peakRssMb(), "MB"));
    }
    List<SizeResult> done =
        results.stream()
            .filter(SizeResult::completed)
            .sorted(Comparator.comparingLong(SizeResult::rows))
            .toList();
    if (done.size() >= 2) {
      Fit fit = fit(done);
      figures.add(Figure.plain("scale_fixed_seconds", fit.fixedSeconds(), "s"));
      figures.add(
          Figure.plain("scale_seconds_per_million_rows", fit.secondsPerMillionRows(), "s/M rows"));
      figures.add(
          new Figure(
              "scale_cost_exponent",
              fit.exponent(),
              "",
              null,
              null,
              "<= 1.1 (linear)",
              fit.linear()));
      SizeResult largest = done.get(done.size() - 1);
      double minutes =
          (fit.fixedSeconds() + fit.secondsPerMillionRows() * NATIONAL_ROWS / 1e6) / 60;
      figures.add(
          new Figure(
              "national_estimate_minutes",
              minutes,
              "min",
              null,
              null,
              "<= 60 min",
              minutes <= GOAL_MINUTES));
      double perCore = largest.rowsPerSecond() / largest.cores();
      figures.add(
          Figure.plain(
              "national_rows_per_s_needed", NATIONAL_ROWS / (GOAL_MINUTES * 60), "rows/s"));
      figures.add(Figure.plain("measured_rows_per_s_per_core", perCore, "rows/s"));
      figures.add(
          Figure.plain(
              "national_cluster_cores",
              Math.ceil(NATIONAL_ROWS / (GOAL_MINUTES * 60) / perCore),
              "cores"));
    }
    return figures;
  }

  /**
   * Seconds = fixed + b × rows by least squares (b never below the largest size's average: a fit
   * through few points must not promise more than was measured), and k of seconds ∝ rows^k between
   * the smallest and largest.
   */
  static Fit fit(List<SizeResult> done) {
    double n = done.size();
    double mx = done.stream().mapToDouble(r -> r.rows() / 1e6).sum() / n;
    double my = done.stream().mapToDouble(SizeResult::seconds).sum() / n;
    double sxy = 0;
    double sxx = 0;
    for (SizeResult r : done) {
      sxy += (r.rows() / 1e6 - mx) * (r.seconds() - my);
      sxx += (r.rows() / 1e6 - mx) * (r.rows() / 1e6 - mx);
    }
    double slope = sxx == 0 ? my / mx : sxy / sxx;
    double fixed = Math.max(0, my - slope * mx);
    SizeResult small = done.get(0);
    SizeResult large = done.get(done.size() - 1);
    double exponent =
        Math.log(large.seconds() / small.seconds())
            / Math.log((double) large.rows() / small.rows());
    return new Fit(fixed, slope, exponent, exponent <= 1.1);
  }

  static long parseSize(String label) {
    long value;
    try {
      value = RowCount.parse(label);
    } catch (picocli.CommandLine.TypeConversionException e) {
      value = 0;
    }
    if (value < 1_000) {
      throw new IllegalArgumentException(
          "Cannot read size '"
              + label
              + "': it is not an application count of at least 1000 (write e.g. 100K, 1M or 2500000)");
    }
    return value;
  }

  static SizeResult failed(String label, long applications, String failure) {
    return new SizeResult(label, applications, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, failure);
  }

  static SizeResult parseResult(String label, long applications, String resultJson)
      throws IOException {
    JsonNode node = new ObjectMapper().readTree(resultJson);
    Map<String, Long> perFeed = new LinkedHashMap<>();
    node.get("rows_per_feed")
        .fields()
        .forEachRemaining(e -> perFeed.put(e.getKey(), e.getValue().asLong()));
    return new SizeResult(
        label,
        applications,
        perFeed,
        node.get("rows").asLong(),
        node.get("seconds").asDouble(),
        node.get("bronze_seconds").asDouble(),
        node.get("silver_seconds").asDouble(),
        node.get("gold_seconds").asDouble(),
        node.get("peak_heap_mb").asLong(),
        node.get("peak_rss_mb").asLong(),
        node.get("cores").asInt(),
        null);
  }

  record ChildOutcome(String result, String failure) {}

  /**
   * The flags of this JVM a size's JVM gets too: the module flags, system properties and HotSpot
   * options the launcher gives every Spark JVM (the root pom's list), among them {@code
   * -XX:-DontCompileHugeMethods}. Without it the code Spark generates to type a feed stayed
   * interpreted, and bronze took ~1.7 × as long as in {@code ./da06 run}. Not this JVM's recording,
   * class archive or heap: each size sets its own.
   */
  static boolean childFlag(String arg) {
    if (arg.startsWith("-XX:")) {
      return !(arg.contains("FlightRecord")
          || arg.contains("Archive")
          || arg.contains("ExitOnOutOfMemoryError")
          || arg.contains("HeapSize")
          || arg.contains("RAMPercentage"));
    }
    return arg.startsWith("--add-") || arg.startsWith("-D");
  }

  /**
   * Runs {@code ScaleBench.Child} in a new JVM with this one's class path and module flags; its
   * output goes to log.
   */
  ChildOutcome runChild(PrintStream log, double minutes, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+ExitOnOutOfMemoryError");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (childFlag(arg)) {
        command.add(arg);
      }
    }
    // Set at run time by a test runner rather than on the command line: passed on explicitly.
    for (String property :
        List.of(
            "da06.npm.dir", "da06.project.dir", "da06.shared.dir", "log4j2.configurationFile")) {
      String value = System.getProperty(property);
      if (value != null && command.stream().noneMatch(a -> a.startsWith("-D" + property + "="))) {
        command.add("-D" + property + "=" + value);
      }
    }
    if (!args[0].equals("--generate") && !childOptions.isBlank()) {
      command.addAll(List.of(childOptions.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Child.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String[] result = {null};
    boolean[] outOfMemory = {false};
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.startsWith(RESULT_PREFIX)) {
                    result[0] = line.substring(RESULT_PREFIX.length());
                  } else {
                    outOfMemory[0] |= line.contains("OutOfMemoryError");
                    log.println("    | " + line);
                  }
                }
              } catch (IOException e) {
                log.println("    | (output lost: " + e.getMessage() + ")");
              }
            },
            "scale-bench-output");
    pump.start();
    boolean finished = process.waitFor((long) (minutes * 60_000), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      pump.join(10_000);
      return new ChildOutcome(
          null,
          "over the "
              + java.math.BigDecimal.valueOf(minutes).stripTrailingZeros().toPlainString()
              + "-minute budget (raise --max-minutes)");
    }
    pump.join(10_000);
    int exit = process.exitValue();
    if (outOfMemory[0] || exit == 3 || exit == 52) {
      return new ChildOutcome(
          null,
          "out of memory with -Xmx" + heap + " (exit " + exit + "; raise --heap or use a cluster)");
    }
    if (exit != 0 || result[0] == null) {
      return new ChildOutcome(null, "the JVM exited with " + exit + " (see its output above)");
    }
    return new ChildOutcome(result[0], null);
  }

  static void deleteTree(Path path) throws IOException {
    if (Files.exists(path)) {
      try (var walk = Files.walk(path)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One size in its own JVM: generate its feeds, or run the pipeline and print one result line. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      Map<String, String> options = new LinkedHashMap<>();
      boolean generate = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--generate")) {
          generate = true;
        } else {
          options.put(args[i], args[++i]);
        }
      }
      Path inbox = Path.of(options.get("--inbox"));
      if (generate) {
        long applications = Long.parseLong(options.get("--applications"));
        GeneratorOptions generatorOptions =
            new GeneratorOptions(
                inbox,
                GeneratorOptions.DEFAULT_PROVINCE,
                YearMonth.of(2022, 3),
                YearMonth.of(2026, 10),
                applications / APPLICATIONS_AT_SCALE_ONE,
                Long.parseLong(options.get("--seed")),
                Runtime.getRuntime().availableProcessors(),
                GeneratorOptions.Snapshots.LATEST,
                DOSSIER_FACTOR);
        GeneratorSummary summary =
            Generator.generate(generatorOptions, AdminUnitsLoader.load(null));
        System.out.println(RESULT_PREFIX + "{\"files\":" + summary.files() + "}");
        System.exit(0);
      }
      long start = System.nanoTime();
      Progress progress = new Progress(System.out);
      RunSummary summary = Da06.runPipeline(inbox.toString(), options.get("--warehouse"), progress);
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> result = new LinkedHashMap<>();
      Map<String, Long> perFeed = new LinkedHashMap<>();
      summary.feeds().forEach((feed, counts) -> perFeed.put(feed, counts.rowsRead()));
      result.put("rows_per_feed", perFeed);
      result.put("rows", perFeed.values().stream().mapToLong(Long::longValue).sum());
      result.put("seconds", seconds);
      double goldAt = PipelineBench.at(progress, "gold: ");
      double silverAt = PipelineBench.at(progress, "silver ");
      result.put("bronze_seconds", silverAt - PipelineBench.at(progress, "bronze "));
      result.put("silver_seconds", goldAt - silverAt);
      result.put("gold_seconds", progress.elapsed().toMillis() / 1000.0 - goldAt);
      result.put("peak_heap_mb", PipelineBench.peakHeapMb());
      result.put("peak_rss_mb", PipelineBench.peakRssKb() >> 10);
      result.put("cores", Runtime.getRuntime().availableProcessors());
      System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
      System.exit(0);
    }
  }
}
