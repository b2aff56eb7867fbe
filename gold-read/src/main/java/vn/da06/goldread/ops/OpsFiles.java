package vn.da06.goldread.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Map;
import vn.da06.warehouse.Tables;

/**
 * The ops records kept as JSON-lines files beside the ops tables (docs/reports.md): where they are
 * and how a line is written. The orchestration's writers ({@code ReportRegistry}, {@code
 * MailLedger}) and the readers here share this one definition.
 */
public final class OpsFiles {
  /** {@code ops.reports}: one {@link ReportRecord} a line. */
  public static final String REPORTS = "reports.jsonl";

  /** The send ledger: one {@link MailLedgerEntry} a line, the latest line of a key its state. */
  public static final String MAIL_LEDGER = "mail_ledger.jsonl";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .findAndRegisterModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private OpsFiles() {}

  /**
   * The environment variable naming the local folder of the ops records (see {@link #stateDir}).
   */
  public static final String STATE_DIR_ENV = "DA06_STATE_DIR";

  /**
   * The local folder whose {@code ops/} holds the JSON-lines records: {@code given} (a {@code
   * --state-dir}), else {@code DA06_STATE_DIR} of {@code environment}, else the warehouse itself
   * when it is a local folder. The records are appended under a file lock, which object storage has
   * not: a warehouse on {@code s3a://} needs one of the first two.
   */
  public static Path stateDir(String warehouse, Path given, Map<String, String> environment) {
    if (given != null) {
      return given.toAbsolutePath().normalize();
    }
    String fromEnvironment = environment.get(STATE_DIR_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment.trim()).toAbsolutePath().normalize();
    }
    if (warehouse.contains("://") && !warehouse.startsWith("file:")) {
      throw new IllegalArgumentException(
          "Cannot keep the ops records (reports made, mail ledger) of "
              + warehouse
              + ": they are appended under a file lock, which object storage has not (pass"
              + " --state-dir <local folder> or set "
              + STATE_DIR_ENV
              + ")");
    }
    return Path.of(
            warehouse.startsWith("file:") ? java.net.URI.create(warehouse).getPath() : warehouse)
        .toAbsolutePath()
        .normalize();
  }

  public static Path reports(Path warehouse) {
    return warehouse.resolve(Tables.OPS).resolve(REPORTS);
  }

  public static Path mailLedger(Path warehouse) {
    return warehouse.resolve(Tables.OPS).resolve(MAIL_LEDGER);
  }

  /**
   * The JSON of a line: fields in snake_case, maps in their own order, unknown fields ignored (an
   * older reader reads a newer line). A copy: the caller may not change the format for others.
   */
  public static ObjectMapper json() {
    return JSON.copy();
  }
}
