package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * Which data a page shows: the Delta version of {@code gold.ward_month_kpis} (the number people
 * see), when it was committed, and the version of every gold table read.
 */
public record DataVersion(long version, Instant updatedAt, Map<String, Long> tableVersions) {
  public DataVersion {
    requireNonNull(updatedAt, "updatedAt is null");
    tableVersions = Map.copyOf(tableVersions);
  }
}
