package vn.da06.goldread.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
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
