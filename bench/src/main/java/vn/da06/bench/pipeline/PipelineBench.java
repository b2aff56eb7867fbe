package vn.da06.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.bench.Figure;
import vn.da06.jobs.cli.Da06;
import vn.da06.jobs.generate.GeneratorSummary;
import vn.da06.jobs.pipeline.RunSummary;

/**
 * {@code ./da06 bench pipeline}: generate, run the pipeline on a fresh warehouse, print rows/s and
 * peak memory.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Time the pipeline on generated feeds: rows/s per feed and stage, peak memory.")
public final class PipelineBench implements Callable<Integer> {
  @Option(
      names = "--scale",
      defaultValue = "1.0",
      description = "Generator scale. Default: ${DEFAULT-VALUE}")
  double scale;

  @Option(
      names = "--dir",
      defaultValue = "data/bench",
      description = "Work folder (inbox and warehouse go below it). Default: ${DEFAULT-VALUE}")
  Path dir;

  @Option(
      names = "--json",
      description = "One JSON object per figure instead of the table (progress goes to stderr).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    java.io.PrintStream out = json ? System.err : System.out;
    java.io.PrintStream stdout = System.out;
    if (json) {
      System.setOut(
          System.err); // the generator's and the run's own lines: stdout holds only the figures
    }
    Path inbox = dir.resolve("inbox-scale-" + scale);
    Path warehouse = dir.resolve("warehouse-scale-" + scale);
    if (Files.exists(warehouse)) {
      try (var walk = Files.walk(warehouse)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    long generateStart = System.nanoTime();
    GeneratorSummary generated =
        Da06.generate(inbox, "20", YearMonth.of(2022, 3), YearMonth.of(2026, 10), scale, 7, 0);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
    long start = System.nanoTime();
    vn.da06.jobs.pipeline.Progress progress = new vn.da06.jobs.pipeline.Progress(out);
    RunSummary summary = Da06.runPipeline(inbox.toString(), warehouse.toString(), progress);
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = summary.feeds().values().stream().mapToLong(RunSummary.FeedCounts::rowsRead).sum();
    if (json) {
      com.fasterxml.jackson.databind.ObjectMapper mapper =
          new com.fasterxml.jackson.databind.ObjectMapper();
      java.util.List<Figure> figures = new java.util.ArrayList<>();
      figures.add(Figure.plain("pipeline_rows", rows, "rows"));
      figures.add(Figure.plain("pipeline_seconds", seconds, "s"));
      // 100M applications + 200M dossiers + 100M population records in 60 minutes on this machine.
      figures.add(
          new Figure(
              "pipeline_rows_per_s",
              rows / seconds,
              "rows/s",
              null,
              null,
              ">= 111111 rows/s (400M rows in 60 min)",
              rows / seconds >= 400e6 / 3600));
      summary
          .feeds()
          .forEach(
              (feed, counts) -> {
                double stage =
                    stageSeconds(progress, "bronze " + feed + ": reading", "bronze " + feed + ": ");
                figures.add(
                    Figure.plain(
                        "pipeline_bronze_" + feed + "_rows_per_s",
                        counts.rowsRead() / Math.max(stage, 0.001),
                        "rows/s"));
              });
      figures.add(
          Figure.plain(
              "pipeline_silver_seconds", stageSeconds(progress, "silver ", "gold: "), "s"));
      figures.add(
          Figure.plain(
              "pipeline_gold_seconds",
              progress.elapsed().toMillis() / 1000.0 - at(progress, "gold: "),
              "s"));
      figures.add(
          new Figure(
              "pipeline_peak_heap_mb",
              peakHeapMb(),
              "MB",
              null,
              null,
              "<= 12288 MB",
              peakHeapMb() <= 12288));
      figures.add(Figure.plain("pipeline_peak_rss_mb", peakRssKb() >> 10, "MB"));
      for (Figure figure : figures) {
        stdout.println(mapper.writeValueAsString(figure.json()));
      }
      return 0;
    }
    System.out.println();
    System.out.printf("bench pipeline --scale %s%n", scale);
    System.out.printf("  generate: %.1f s%n", generateSeconds);
    summary
        .feeds()
        .forEach(
            (feed, counts) -> {
              double stage =
                  stageSeconds(progress, "bronze " + feed + ": reading", "bronze " + feed + ": ");
              System.out.printf(
                  "  bronze %-18s %,12d rows in %6.1f s = %,10.0f rows/s%n",
                  feed, counts.rowsRead(), stage, counts.rowsRead() / Math.max(stage, 0.001));
            });
    System.out.printf(
        "  silver (all feeds)      %6.1f s%n", stageSeconds(progress, "silver ", "gold: "));
    System.out.printf(
        "  gold (all tables)       %6.1f s%n",
        progress.elapsed().toMillis() / 1000.0 - at(progress, "gold: "));
    System.out.printf(
        "  pipeline: %,d rows in %.1f s = %,.0f rows/s%n", rows, seconds, rows / seconds);
    System.out.printf("  peak heap: %,d MB; peak RSS: %s%n", peakHeapMb(), peakRss());
    System.out.printf(
        "  cores: %d, max heap %,d MB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    return 0;
  }

  /**
   * Seconds from the first line starting with {@code from} to the next line starting with {@code
   * to}.
   */
  static double stageSeconds(vn.da06.jobs.pipeline.Progress progress, String from, String to) {
    var marks = progress.marks();
    for (int i = 0; i < marks.size(); i++) {
      if (marks.get(i).line().startsWith(from)) {
        for (int j = i + 1; j < marks.size(); j++) {
          if (marks.get(j).line().startsWith(to) && !marks.get(j).line().startsWith(from)) {
            return (marks.get(j).at().toMillis() - marks.get(i).at().toMillis()) / 1000.0;
          }
        }
      }
    }
    return 0;
  }

  static double at(vn.da06.jobs.pipeline.Progress progress, String prefix) {
    return progress.marks().stream()
        .filter(m -> m.line().startsWith(prefix))
        .findFirst()
        .map(m -> m.at().toMillis() / 1000.0)
        .orElse(0.0);
  }

  static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  /** VmHWM of this process in kB, or 0 where /proc is not available. */
  static long peakRssKb() {
    String text = peakRss();
    return text.endsWith(" kB") ? Long.parseLong(text.substring(0, text.length() - 3).trim()) : 0;
  }

  static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring(6).trim();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }
}
