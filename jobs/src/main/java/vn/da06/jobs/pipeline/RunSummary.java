package vn.da06.jobs.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run did: files ingested, skipped or rejected; rows accepted and quarantined per feed;
 * tables written with their Delta versions; the months gold was recomputed from.
 */
public record RunSummary(
    String runId,
    List<FileOutcome> files,
    Map<String, FeedCounts> feeds,
    Map<String, Long> tableVersions,
    String goldFromMonth,
    Duration elapsed) {

  public RunSummary {
    files = List.copyOf(files);
    feeds = Map.copyOf(feeds);
    tableVersions = Map.copyOf(tableVersions);
  }

  /**
   * One inbox file: INGESTED, SKIPPED (same bytes already ingested) or REJECTED (whole file, with
   * message).
   */
  public record FileOutcome(
      String file,
      String status,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      String message) {}

  public record FeedCounts(long rowsRead, long rowsAccepted, long rowsQuarantined) {}

  public long count(String status) {
    return files.stream().filter(f -> f.status().equals(status)).count();
  }
}
