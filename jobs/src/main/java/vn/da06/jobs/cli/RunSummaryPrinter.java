package vn.da06.jobs.cli;

import java.io.PrintStream;
import java.util.Map;
import vn.da06.jobs.pipeline.RunSummary;

/** The end-of-run summary people read. */
final class RunSummaryPrinter {
  private RunSummaryPrinter() {}

  static void print(RunSummary summary, PrintStream out) {
    out.println();
    out.printf(
        "Run %s finished in %.1f s%n", summary.runId(), summary.elapsed().toMillis() / 1000.0);
    out.printf(
        "Files: %d ingested, %d skipped (already ingested), %d rejected%n",
        summary.count("INGESTED"), summary.count("SKIPPED"), summary.count("REJECTED"));
    for (RunSummary.FileOutcome file : summary.files()) {
      if (file.status().equals("REJECTED")) {
        out.println("  REJECTED " + file.message());
      }
    }
    if (!summary.feeds().isEmpty()) {
      out.printf("%-18s %12s %12s %12s%n", "feed", "rows read", "accepted", "quarantined");
      summary.feeds().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              entry ->
                  out.printf(
                      "%-18s %12d %12d %12d%n",
                      entry.getKey(),
                      entry.getValue().rowsRead(),
                      entry.getValue().rowsAccepted(),
                      entry.getValue().rowsQuarantined()));
    }
    if (summary.goldFromMonth() != null) {
      out.println("Gold recomputed from " + summary.goldFromMonth());
    }
    if (!summary.tableVersions().isEmpty()) {
      out.println("Tables written (Delta version):");
      summary.tableVersions().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(entry -> out.printf("  %-32s v%d%n", entry.getKey(), entry.getValue()));
    }
  }
}
