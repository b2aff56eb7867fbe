package vn.da06.jobs.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.jobs.generate.GeneratorSummary;
import vn.da06.jobs.pipeline.RunSummary;

/** {@code ./da06 bench pipeline}: generate, run the pipeline on a fresh warehouse, print rows/s and peak memory. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Time the pipeline on generated feeds: rows/s per feed and stage, peak memory.")
final class PipelineBench implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "1.0", description = "Generator scale. Default: ${DEFAULT-VALUE}")
  double scale;

  @Option(names = "--dir", defaultValue = "data/bench", description = "Work folder (inbox and warehouse go below it). Default: ${DEFAULT-VALUE}")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path inbox = dir.resolve("inbox-scale-" + scale);
    Path warehouse = dir.resolve("warehouse-scale-" + scale);
    if (Files.exists(warehouse)) {
      try (var walk = Files.walk(warehouse)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    long generateStart = System.nanoTime();
    GeneratorSummary generated = Da06.generate(inbox, "20", YearMonth.of(2022, 3), YearMonth.of(2026, 10), scale, 7, 0);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
    long start = System.nanoTime();
    RunSummary summary = Da06.runPipeline(inbox.toString(), warehouse.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = summary.feeds().values().stream().mapToLong(RunSummary.FeedCounts::rowsRead).sum();
    System.out.println();
    System.out.printf("bench pipeline --scale %s%n", scale);
    System.out.printf("  generate: %.1f s%n", generateSeconds);
    summary.feeds().forEach((feed, counts) -> System.out.printf("  %-18s %,12d rows%n", feed, counts.rowsRead()));
    System.out.printf("  pipeline: %,d rows in %.1f s = %,.0f rows/s%n", rows, seconds, rows / seconds);
    System.out.printf("  peak heap: %,d MB; peak RSS: %s%n", peakHeapMb(), peakRss());
    System.out.printf("  cores: %d, max heap %,d MB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    return 0;
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
