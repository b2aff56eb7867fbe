package vn.da06.orchestration.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.DataVersion;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.goldread.InMemoryGold;
import vn.da06.warehouse.Tables;

/**
 * The tables a report reads, each at one Delta version: the latest when a report is made, the
 * recorded ones when it is regenerated. Read with Delta Kernel (no Spark).
 */
public final class GoldSnapshot {
  /** Every table a report reads, by qualified name (layer.table). */
  public static final List<String> TABLES =
      List.of(
          Tables.GOLD + "." + Tables.DIM_WARD,
          Tables.GOLD + "." + Tables.WARD_MONTH_KPIS,
          Tables.GOLD + "." + Tables.TARGET_PROGRESS,
          Tables.GOLD + "." + Tables.DAILY_REPORT_CHECK,
          Tables.GOLD + "." + Tables.ANOMALIES,
          Tables.OPS + "." + Tables.INGESTED_FILES);

  private final Map<String, Long> versions;
  private final InMemoryGold gold;
  private final List<Map<String, Object>> ingestedFiles;

  private GoldSnapshot(
      Map<String, Long> versions, InMemoryGold gold, List<Map<String, Object>> ingestedFiles) {
    this.versions = versions;
    this.gold = gold;
    this.ingestedFiles = ingestedFiles;
  }

  /** Reads every table at its latest version. */
  public static GoldSnapshot latest(Path warehouse) {
    return read(warehouse.toString(), null);
  }

  /** As {@link #latest(Path)}, for a local folder or a URI ({@code s3a://bucket/da06}). */
  public static GoldSnapshot latest(String warehouse) {
    return read(warehouse, null);
  }

  /** Reads every table at the versions given (a report's record). */
  public static GoldSnapshot atVersions(Path warehouse, Map<String, Long> versions) {
    return read(warehouse.toString(), versions);
  }

  /** As {@link #atVersions(Path, Map)}, for a local folder or a URI. */
  public static GoldSnapshot atVersions(String warehouse, Map<String, Long> versions) {
    return read(warehouse, versions);
  }

  private static GoldSnapshot read(String warehouse, Map<String, Long> pinned) {
    DeltaTableReader reader = new DeltaTableReader();
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    Instant committed = Instant.EPOCH;
    for (String qualified : TABLES) {
      String[] parts = qualified.split("\\.");
      String location = Tables.location(warehouse, parts[0], parts[1]);
      boolean exists =
          DeltaTableReader.isRemote(location)
              ? reader.latestVersion(location).isPresent()
              : Files.isDirectory(Path.of(location).resolve("_delta_log"));
      if (!exists) {
        if (pinned != null && pinned.containsKey(qualified)) {
          throw new ReportException(
              "Cannot read "
                  + qualified
                  + " in "
                  + warehouse
                  + ": the table is gone"
                  + " (restore the warehouse the report was made from)");
        }
        if (qualified.endsWith(Tables.WARD_MONTH_KPIS)) {
          throw new ReportException(
              "Cannot make a report: there is no "
                  + qualified
                  + " in "
                  + warehouse
                  + " (run ./da06 run --inbox <inbox> --warehouse "
                  + warehouse
                  + " first, or pass --warehouse)");
        }
        continue;
      }
      DeltaTableReader.TableData data;
      if (pinned == null) {
        data = reader.read(location);
      } else {
        Long version = pinned.get(qualified);
        if (version == null) {
          continue; // the report was made before this table existed
        }
        try {
          data = reader.readAtVersion(location, version);
        } catch (RuntimeException e) {
          throw new ReportException(
              "Cannot read "
                  + qualified
                  + " at version "
                  + version
                  + ": "
                  + e.getMessage()
                  + " (the version was removed by VACUUM or log cleanup; see retention in docs/reports.md)",
              e);
        }
      }
      versions.put(qualified, data.version());
      tables.put(parts[1], data.rows());
      if (qualified.endsWith("." + Tables.WARD_MONTH_KPIS)) {
        committed = data.committedAt();
      }
    }
    long kpiVersion = versions.getOrDefault(Tables.GOLD + "." + Tables.WARD_MONTH_KPIS, -1L);
    Map<String, Long> goldVersions = new LinkedHashMap<>(versions);
    InMemoryGold gold =
        InMemoryGold.fromTables(new DataVersion(kpiVersion, committed, goldVersions), tables);
    return new GoldSnapshot(
        Map.copyOf(versions), gold, tables.getOrDefault(Tables.INGESTED_FILES, List.of()));
  }

  /** The version of every table read, by qualified name, in the order of {@link #TABLES}. */
  public Map<String, Long> versions() {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String table : TABLES) {
      if (versions.containsKey(table)) {
        ordered.put(table, versions.get(table));
      }
    }
    return ordered;
  }

  public InMemoryGold gold() {
    return gold;
  }

  public List<Map<String, Object>> ingestedFiles() {
    return ingestedFiles;
  }
}
