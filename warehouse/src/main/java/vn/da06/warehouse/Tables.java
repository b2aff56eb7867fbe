package vn.da06.warehouse;

import java.util.List;

/**
 * Where each table lives: {@code <warehouse>/<layer>/<table>}, each a Delta table. The names are
 * the public interface of {@code ../shared/contracts/warehouse.md}.
 */
public final class Tables {
  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";
  public static final String OPS = "ops";

  public static final String WARD_MONTH_KPIS = "ward_month_kpis";
  public static final String WARD_MONTH_KPIS_CURRENT = "ward_month_kpis_current";
  public static final String DIM_WARD = "dim_ward";
  public static final String SERVICE_MONTH = "service_month";
  public static final String DIM_SERVICE = "dim_service";
  public static final String TARGET_PROGRESS = "target_progress";
  public static final String DAILY_REPORT_CHECK = "daily_report_check";

  /** Figures that look wrong (issue 24): {@code vn.da06.jobs.gold.Anomalies}. */
  public static final String ANOMALIES = "anomalies";

  public static final String INGESTED_FILES = "ingested_files";
  public static final String QUARANTINE = "quarantine";
  public static final String JOB_RUNS = "job_runs";

  /**
   * Months gold must recompute from, recorded before silver changes so a killed run cannot forget
   * them.
   */
  public static final String GOLD_PENDING = "gold_pending";

  /**
   * Certified reports (docs/reports.md): a JSON-lines file {@code <warehouse>/ops/reports.jsonl},
   * not a Delta table, so it is not in {@link #OPS_TABLES}.
   */
  public static final String REPORTS = "reports";

  public static final List<String> GOLD_TABLES =
      List.of(
          WARD_MONTH_KPIS,
          WARD_MONTH_KPIS_CURRENT,
          DIM_WARD,
          SERVICE_MONTH,
          DIM_SERVICE,
          TARGET_PROGRESS,
          DAILY_REPORT_CHECK,
          ANOMALIES);

  public static final List<String> OPS_TABLES =
      List.of(INGESTED_FILES, QUARANTINE, JOB_RUNS, GOLD_PENDING);

  private Tables() {}

  /** The location of a table below a warehouse root (a local path or a Hadoop URI). */
  public static String location(String warehouse, String layer, String table) {
    String root =
        warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    return root + "/" + layer + "/" + table;
  }
}
