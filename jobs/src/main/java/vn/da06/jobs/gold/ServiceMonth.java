package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.service_month}: dossier counts per ward of the time, month and service.
 *
 * <p>Columns: the keys, dossiers_total, dossiers_online, dossiers_resolved,
 * dossiers_resolved_on_time, and the portals' 2025 counts dossiers_online_full,
 * dossiers_fee_paid_online, dossiers_fee_paid, dossiers_resolved_digitized (NULL where none of the
 * row's dossiers came from an export carrying the column).
 *
 * <p>Inputs: silver's {@code service_dossiers} and the wards in scope. Grain: one row per
 * (ward_code, month, service_code) with at least one dossier submitted or resolved; a dossier
 * counts at its ward as {@link WardMonthKpis#placed} places it (the ward of the time), so each
 * month's totals are those of {@code gold.ward_month_kpis}.
 */
public final class ServiceMonth {

  private ServiceMonth() {}

  /**
   * @param dossiers silver's {@code service_dossiers} rows
   * @param wards the wards in scope: {@code ward_code, era, current_ward_code}
   */
  public static Dataset<Row> build(Dataset<Row> dossiers, Dataset<Row> wards) {
    return WardMonthKpis.placed(Measures.dossiers(dossiers, true), wards)
        .groupBy(col("asof_ward").as("ward_code"), col("month"), col("service_code"))
        .agg(
            sum("dossiers_total").as("dossiers_total"),
            sum("dossiers_online").as("dossiers_online"),
            sum("dossiers_resolved").as("dossiers_resolved"),
            sum("dossiers_resolved_on_time").as("dossiers_resolved_on_time"),
            // NULL for a (ward, month, service) none of whose dossiers' exports carry the column.
            sum("dossiers_online_full").as("dossiers_online_full"),
            sum("dossiers_fee_paid_online").as("dossiers_fee_paid_online"),
            sum("dossiers_fee_paid").as("dossiers_fee_paid"),
            sum("dossiers_resolved_digitized").as("dossiers_resolved_digitized"));
  }
}
