package vn.da06.warehouse;

import java.util.List;

/**
 * The five source feeds of {@code ../shared/contracts/feeds.md}: the inbox sub-folder each lands in
 * and its columns. Column names are lower case; files may write them in any case and order.
 */
public enum Feed {
  EID_APPLICATIONS(
      "eid_applications",
      List.of(
          "application_id",
          "citizen_id",
          "ward_code",
          "level",
          "channel",
          "received_at",
          "status",
          "updated_at"),
      List.of("activated_at")),
  SERVICE_DOSSIERS(
      "service_dossiers",
      List.of(
          "dossier_id",
          "service_code",
          "ward_code",
          "channel",
          "auth_method",
          "submitted_at",
          "status",
          "updated_at"),
      List.of("due_at", "resolved_at", "online_scope", "fee", "result_digitized")),
  POPULATION(
      "population",
      List.of(
          "snapshot_date",
          "citizen_id",
          "full_name",
          "birth_date",
          "sex",
          "ward_code",
          "residence_type",
          "has_chip_card",
          "is_deceased"),
      List.of("last_verified_at")),
  DAILY_REPORTS(
      "daily_reports",
      List.of("ward_code", "report_date", "submitted_at", "l2_applications", "l2_activations"),
      List.of()),
  TARGETS(
      "targets",
      List.of("unit_code", "metric", "target_value", "period_start", "deadline"),
      List.of("campaign"));

  private final String folder;
  private final List<String> requiredColumns;
  private final List<String> optionalColumns;

  Feed(String folder, List<String> requiredColumns, List<String> optionalColumns) {
    this.folder = folder;
    this.requiredColumns = requiredColumns;
    this.optionalColumns = optionalColumns;
  }

  /** The inbox sub-folder, which is also the bronze and silver table name. */
  public String folder() {
    return folder;
  }

  public List<String> requiredColumns() {
    return requiredColumns;
  }

  public List<String> optionalColumns() {
    return optionalColumns;
  }

  /** Required then optional columns, in contract order. */
  public List<String> columns() {
    return java.util.stream.Stream.concat(requiredColumns.stream(), optionalColumns.stream())
        .toList();
  }

  public static java.util.Optional<Feed> byFolder(String folder) {
    for (Feed feed : values()) {
      if (feed.folder.equals(folder)) {
        return java.util.Optional.of(feed);
      }
    }
    return java.util.Optional.empty();
  }
}
