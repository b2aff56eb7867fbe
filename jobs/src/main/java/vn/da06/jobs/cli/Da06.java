package vn.da06.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.generate.GeneratorSummary;
import vn.da06.jobs.ingest.PipelineInputException;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.pipeline.Pipeline;
import vn.da06.jobs.pipeline.Progress;
import vn.da06.jobs.pipeline.RunSummary;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/** The {@code ./da06} command line of the jobs module. */
@Command(
    name = "da06",
    mixinStandardHelpOptions = true,
    version = "da06 0.1",
    description = "ĐA06 steering warehouse: sample feeds, the Spark pipeline, benchmarks.",
    footer = {
      "",
      "Also: ./da06 bench (benchmarks, BENCHMARKS.md), ./da06 test (the test suite),",
      "./da06 serve | users (dashboard), ./da06 trino (analysts' SQL)."
    },
    subcommands = {
      Da06.Demo.class,
      Da06.Generate.class,
      Da06.Run.class,
      CommandLine.HelpCommand.class
    })
public final class Da06 {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new Da06());
    commandLine.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          Throwable cause = exception;
          while (cause != null) {
            if (cause instanceof PipelineInputException
                || cause instanceof IllegalArgumentException
                || cause instanceof vn.da06.warehouse.admin.AdminUnitsLoadException) {
              line.getErr().println("da06: " + cause.getMessage());
              return 2;
            }
            cause = cause.getCause();
          }
          throw exception;
        });
    return commandLine.execute(args);
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Read every feed of the inbox and write every table of the warehouse (incremental).")
  static final class Run implements Callable<Integer> {
    @Option(
        names = "--inbox",
        defaultValue = "data/inbox",
        description = "Inbox folder with one sub-folder per feed. Default: ${DEFAULT-VALUE}")
    String inbox;

    @CommandLine.Mixin WarehouseOptionsMixin warehouse;

    @Override
    public Integer call() {
      RunSummary summary = runPipeline(inbox, warehouse.warehouse);
      return summary.count("REJECTED") > 0 ? 1 : 0;
    }
  }

  /** picocli mixin for --warehouse. */
  public static final class WarehouseOptionsMixin {
    @Option(
        names = "--warehouse",
        defaultValue = "data/warehouse",
        description = "Warehouse root (a folder, hdfs://… or s3a://…). Default: ${DEFAULT-VALUE}")
    public String warehouse;
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Write sample feeds in the contract format for the real communes of one province, with a manifest of what was generated.")
  static final class Generate implements Callable<Integer> {
    @Option(
        names = "--out",
        defaultValue = "data/inbox",
        description = "Inbox to write. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(
        names = "--province",
        defaultValue = "20",
        description = "Province code (post-reform). Default: ${DEFAULT-VALUE} (Lạng Sơn)")
    String province;

    @Option(
        names = "--from",
        defaultValue = "2022-03",
        description = "First month. Default: ${DEFAULT-VALUE}")
    YearMonth from;

    @Option(
        names = "--to",
        defaultValue = "2026-10",
        description = "Last month. Default: ${DEFAULT-VALUE}")
    YearMonth to;

    @Option(
        names = "--scale",
        defaultValue = "1.0",
        description = "Volume multiplier (1.0 ≈ 40,000 residents). Default: ${DEFAULT-VALUE}")
    double scale;

    @Option(
        names = "--seed",
        defaultValue = "7",
        description = "Random seed: the same seed writes the same bytes. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
        names = "--threads",
        defaultValue = "0",
        description = "Writer threads (0 = one per core).")
    int threads;

    @Option(
        names = "--no-anomalies",
        description =
            "Plant no anomalies (by default a few of each kind are planted at known places,"
                + " listed in _manifest/anomalies.csv, for gold.anomalies to find).")
    boolean noAnomalies;

    @Override
    public Integer call() {
      generate(out, province, from, to, scale, seed, threads, !noAnomalies);
      return 0;
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Generate a sample province, run the pipeline on it and print the province's KPIs for the last month.")
  static final class Demo implements Callable<Integer> {
    @Option(
        names = "--inbox",
        defaultValue = "data/inbox",
        description = "Default: ${DEFAULT-VALUE}")
    Path inbox;

    @CommandLine.Mixin WarehouseOptionsMixin warehouse;

    @Option(
        names = "--province",
        defaultValue = "20",
        description = "Default: ${DEFAULT-VALUE} (Lạng Sơn)")
    String province;

    @Option(names = "--scale", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}")
    double scale;

    @Override
    public Integer call() {
      generate(inbox, province, YearMonth.of(2022, 3), YearMonth.of(2026, 10), scale, 7, 0);
      runPipeline(inbox.toString(), warehouse.warehouse);
      new ProvinceReport(SparkSessions.getOrCreate("da06-demo"), warehouse.warehouse)
          .print(System.out, province);
      return 0;
    }
  }

  /** Writes sample feeds and prints what was written; {@code ./da06 generate} and the benches. */
  public static GeneratorSummary generate(
      Path out,
      String province,
      YearMonth from,
      YearMonth to,
      double scale,
      long seed,
      int threads) {
    return generate(out, province, from, to, scale, seed, threads, true);
  }

  /** As above; {@code plantAnomalies}: plant anomalies at known places (the default). */
  public static GeneratorSummary generate(
      Path out,
      String province,
      YearMonth from,
      YearMonth to,
      double scale,
      long seed,
      int threads,
      boolean plantAnomalies) {
    AdminUnits units = AdminUnitsLoader.load(null);
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    GeneratorSummary summary =
        Generator.generate(
            new GeneratorOptions(out, province, from, to, scale, seed, workers),
            units,
            plantAnomalies);
    System.out.printf(
        "Generated %d files in %s (%.1f s):%n",
        summary.files(), out, summary.elapsed().toMillis() / 1000.0);
    summary
        .feeds()
        .forEach(
            (feed, totals) ->
                System.out.printf(
                    "  %-18s %,12d rows (%,d with deliberate defects to quarantine)%n",
                    feed, totals.rowsRead(), totals.rowsQuarantined()));
    return summary;
  }

  /** Runs the pipeline and prints its summary; {@code ./da06 run} and the benches. */
  public static RunSummary runPipeline(String inbox, String warehouse) {
    return runPipeline(inbox, warehouse, new Progress(System.out));
  }

  public static RunSummary runPipeline(String inbox, String warehouse, Progress progress) {
    SparkSession spark = SparkSessions.getOrCreate("da06-pipeline");
    RunSummary summary =
        new Pipeline(
                spark,
                new Pipeline.Options(inbox, warehouse),
                Pseudonymizer.fromEnvironment(),
                progress)
            .run();
    RunSummaryPrinter.print(summary, System.out);
    return summary;
  }
}
