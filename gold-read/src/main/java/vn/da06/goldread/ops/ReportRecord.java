package vn.da06.goldread.ops;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code ops.reports} ({@link OpsFiles#REPORTS}, one JSON line each, field names in
 * snake_case): a report as made, with what is needed to make it again byte for byte (the version of
 * every table read, the letterhead, the creation time) and the sha256 of its files. The
 * orchestration's registry writes it, {@link ReportsRead} reads it.
 */
public record ReportRecord(
    String reportId,
    String kind,
    String unitCode,
    String unitName,
    String period,
    int number,
    String status,
    String reason,
    Map<String, Long> tableVersions,
    List<FileDigest> files,
    String createdAt,
    Letterhead letterhead) {

  public static final String MONTHLY = "MONTHLY";
  public static final String DAILY = "DAILY";

  /** The status of a report that counts as the unit's figures (else {@link #PROVISIONAL}). */
  public static final String OFFICIAL = "CHÍNH THỨC";

  public static final String PROVISIONAL = "TẠM TÍNH";

  public ReportRecord {
    requireNonNull(reportId, "reportId is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(unitCode, "unitCode is null");
    requireNonNull(period, "period is null");
    tableVersions = Collections.unmodifiableMap(new LinkedHashMap<>(tableVersions));
    files = List.copyOf(files);
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(letterhead, "letterhead is null");
  }

  public record FileDigest(String name, String sha256) {}

  public boolean official() {
    return OFFICIAL.equals(status);
  }
}
