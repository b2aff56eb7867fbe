package vn.da06.goldread.ops;

import java.util.List;
import java.util.Map;

/**
 * What a report takes from the configuration, resolved when it is first made and recorded with it
 * ({@link ReportRecord#letterhead()}), so that regenerating it later gives the same bytes even if
 * config/reports.yaml changed since.
 */
public record Letterhead(
    String parent,
    String body,
    String abbreviation,
    String signerCapacity,
    String signerTitle,
    String signerName,
    String addressee,
    String place,
    List<String> distribution,
    Map<String, Double> thresholds) {

  public Letterhead {
    distribution = List.copyOf(distribution);
    thresholds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(thresholds));
  }
}
