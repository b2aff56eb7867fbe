package vn.da06.jobs.generate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the generator wrote; the same figures are in {@code out/_manifest/summary.json}.
 *
 * @param out the inbox folder written
 * @param feeds per feed folder: rows written and quarantine expected
 * @param files data files written
 * @param distinctApplicationIds application ids in the files, quarantined rows included
 * @param acceptedApplicationIds application ids of accepted rows (silver eid_applications rows)
 * @param distinctDossierIds dossier ids in the files, quarantined rows included
 * @param acceptedDossierIds dossier ids of accepted rows (silver service_dossiers rows)
 * @param dailyReports what the daily reports hold
 * @param targets target rows written
 * @param wardMonthRows rows of {@code _manifest/ward_month.csv}
 * @param elapsed wall time
 */
public record GeneratorSummary(
    Path out,
    Map<String, FeedTotals> feeds,
    int files,
    long distinctApplicationIds,
    long acceptedApplicationIds,
    long distinctDossierIds,
    long acceptedDossierIds,
    DailyReportCounts dailyReports,
    int targets,
    int wardMonthRows,
    Duration elapsed) {

  public GeneratorSummary {
    requireNonNull(out, "out is null");
    feeds = Map.copyOf(feeds);
    requireNonNull(dailyReports, "dailyReports is null");
    requireNonNull(elapsed, "elapsed is null");
  }

  /** Rows of one feed: rows read = rows accepted + rows quarantined. */
  public record FeedTotals(
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      Map<String, Long> quarantinedByReason) {
    public FeedTotals {
      quarantinedByReason = Map.copyOf(quarantinedByReason);
      if (rowsRead != rowsAccepted + rowsQuarantined) {
        throw new IllegalArgumentException(
            "rows read "
                + rowsRead
                + " ≠ accepted "
                + rowsAccepted
                + " + quarantined "
                + rowsQuarantined);
      }
    }
  }

  /**
   * Daily reports: one expected per (ward, day) of a campaign; each is missing, or sent on time
   * (before 17:00 of the day reported on) or late; some of those sent differ from the true counts.
   */
  public record DailyReportCounts(
      long expected, long onTime, long late, long missing, long misreported) {
    public DailyReportCounts plus(DailyReportCounts other) {
      return new DailyReportCounts(
          expected + other.expected,
          onTime + other.onTime,
          late + other.late,
          missing + other.missing,
          misreported + other.misreported);
    }
  }
}
