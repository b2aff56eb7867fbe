package vn.da06.warehouse;

import static vn.da06.warehouse.Metric.Direction.HIGHER_IS_BETTER;
import static vn.da06.warehouse.Metric.Direction.LOWER_IS_BETTER;
import static vn.da06.warehouse.Metric.Direction.NEUTRAL;
import static vn.da06.warehouse.Metric.Group.DATA_QUALITY;
import static vn.da06.warehouse.Metric.Group.EID;
import static vn.da06.warehouse.Metric.Group.POPULATION;
import static vn.da06.warehouse.Metric.Group.SERVICES;
import static vn.da06.warehouse.Metric.Kind.COUNT;
import static vn.da06.warehouse.Metric.Kind.RATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics of {@code ../shared/contracts/warehouse.md}, in the order of the contract. This is
 * the one definition; column order here is the column order of {@code gold.ward_month_kpis}.
 */
public final class Metrics {

  /** The minimum age of the eligible population (công dân từ đủ 14 tuổi). */
  public static final int ELIGIBLE_AGE = 14;

  /** A record not verified for more than this many days fails "sống". */
  public static final int STALE_AFTER_DAYS = 365;

  /** A daily report is on time when sent before this hour of the day reported on. */
  public static final int DAILY_REPORT_DEADLINE_HOUR = 17;

  public static final List<Metric> ALL =
      List.of(
          count(
              "eid_applications_l1",
              "Hồ sơ ĐDĐT mức 1",
              "Level-1 e-ID applications",
              EID,
              "applications of level 1 with received_at in the month, whatever their status"),
          count(
              "eid_applications_l2",
              "Hồ sơ ĐDĐT mức 2",
              "Level-2 e-ID applications",
              EID,
              "applications of level 2 with received_at in the month, whatever their status"),
          count(
              "eid_activations_l1",
              "Kích hoạt mức 1",
              "Level-1 activations",
              EID,
              "applications of level 1 with activated_at in the month"),
          count(
              "eid_activations_l2",
              "Kích hoạt mức 2",
              "Level-2 activations",
              EID,
              "applications of level 2 with activated_at in the month"),
          count(
              "eid_applications_l1_cum",
              "Hồ sơ mức 1 (lũy kế)",
              "Level-1 applications (cumulative)",
              EID,
              "cumulative of eid_applications_l1 from the first month the warehouse holds"),
          count(
              "eid_applications_l2_cum",
              "Hồ sơ mức 2 (lũy kế)",
              "Level-2 applications (cumulative)",
              EID,
              "cumulative of eid_applications_l2 from the first month the warehouse holds"),
          count(
              "eid_activations_l1_cum",
              "Kích hoạt mức 1 (lũy kế)",
              "Level-1 activations (cumulative)",
              EID,
              "cumulative of eid_activations_l1 from the first month the warehouse holds"),
          count(
              "eid_activations_l2_cum",
              "Kích hoạt mức 2 (lũy kế)",
              "Level-2 activations (cumulative)",
              EID,
              "cumulative of eid_activations_l2 from the first month the warehouse holds"),
          rate(
              "eid_activation_rate",
              "Tỷ lệ kích hoạt",
              "Activation rate",
              EID,
              "eid_activations_cum",
              "eid_applications_cum",
              "(eid_activations_l1_cum + eid_activations_l2_cum) / (eid_applications_l1_cum + eid_applications_l2_cum)"),
          count(
                  "eligible_population",
                  "Dân số từ 14 tuổi",
                  "Eligible population (14+)",
                  POPULATION,
                  "from the latest population snapshot on or before the month's end: distinct citizens, not deceased,"
                      + " aged 14 or more on the snapshot date (a citizen listed twice counts once, at the PERMANENT"
                      + " record's ward if there is one)")
              .withDirection(NEUTRAL),
          rate(
              "eid_l2_coverage_rate",
              "Tỷ lệ bao phủ mức 2",
              "Level-2 coverage",
              POPULATION,
              "eid_activations_l2_cum",
              "eligible_population",
              "eid_activations_l2_cum / eligible_population"),
          count(
              "dossiers_total",
              "Hồ sơ DVC",
              "Service dossiers",
              SERVICES,
              "dossiers with submitted_at in the month"),
          count(
              "dossiers_online",
              "Hồ sơ trực tuyến",
              "Online dossiers",
              SERVICES,
              "dossiers with submitted_at in the month and channel ONLINE"),
          rate(
                  "online_rate",
                  "Tỷ lệ trực tuyến",
                  "Online rate",
                  SERVICES,
                  "dossiers_online",
                  "dossiers_total",
                  "dossiers_online / dossiers_total")
              .withGoal(0.70),
          count(
              "essential_dossiers_total",
              "Hồ sơ DVC thiết yếu",
              "Essential-service dossiers",
              SERVICES,
              "dossiers_total for service codes ES01–ES25"),
          count(
              "essential_dossiers_online",
              "Hồ sơ thiết yếu trực tuyến",
              "Essential dossiers online",
              SERVICES,
              "dossiers_online for service codes ES01–ES25"),
          rate(
              "essential_online_rate",
              "Tỷ lệ trực tuyến (thiết yếu)",
              "Essential online rate",
              SERVICES,
              "essential_dossiers_online",
              "essential_dossiers_total",
              "essential_dossiers_online / essential_dossiers_total"),
          count(
              "dossiers_online_vneid",
              "Hồ sơ đăng nhập VNeID",
              "Online dossiers via VNeID",
              SERVICES,
              "online dossiers with auth_method VNEID"),
          rate(
              "vneid_login_rate",
              "Tỷ lệ đăng nhập VNeID",
              "VNeID sign-in rate",
              SERVICES,
              "dossiers_online_vneid",
              "dossiers_online",
              "dossiers_online_vneid / dossiers_online"),
          count(
              "dossiers_resolved",
              "Hồ sơ đã giải quyết",
              "Dossiers resolved",
              SERVICES,
              "dossiers with resolved_at in the month"),
          count(
              "dossiers_resolved_on_time",
              "Giải quyết đúng hạn",
              "Resolved on time",
              SERVICES,
              "dossiers resolved in the month with due_at set and resolved_at ≤ due_at"),
          rate(
              "on_time_rate",
              "Tỷ lệ đúng hạn",
              "On-time rate",
              SERVICES,
              "dossiers_resolved_on_time",
              "dossiers_resolved_with_due",
              "dossiers_resolved_on_time / dossiers resolved in the month with due_at set"),
          // Issue 24: toàn trình, online payment, digitised results. NULL (not 0) for a ward-month
          // whose exports lack the column; the rates' denominators are helper counts NULL there
          // too,
          // so a unit's rate is Σ numerator / Σ denominator over the wards that have a value.
          count(
              "dossiers_online_full",
              "Hồ sơ trực tuyến toàn trình",
              "Fully online dossiers",
              SERVICES,
              "dossiers submitted in the month with channel ONLINE and online_scope FULL (NULL where no"
                  + " such dossier's current row came from an export carrying online_scope)"),
          rate(
              "online_full_rate",
              "Tỷ lệ trực tuyến toàn trình",
              "Fully online rate",
              SERVICES,
              "dossiers_online_full",
              "dossiers_total_with_scope",
              "dossiers_online_full / dossiers_total; NULL where dossiers_online_full is NULL"),
          count(
              "dossiers_fee_paid_online",
              "Hồ sơ thanh toán trực tuyến",
              "Fees paid online",
              SERVICES,
              "dossiers submitted in the month with fee PAID_ONLINE (NULL where no such dossier's"
                  + " current row came from an export carrying fee)"),
          count(
              "dossiers_fee_paid",
              "Hồ sơ có thu phí",
              "Dossiers with a fee paid",
              SERVICES,
              "dossiers submitted in the month with fee PAID_ONLINE or PAID_OFFLINE (NULL as"
                  + " dossiers_fee_paid_online)"),
          rate(
              "online_payment_rate",
              "Tỷ lệ thanh toán trực tuyến",
              "Online payment rate",
              SERVICES,
              "dossiers_fee_paid_online",
              "dossiers_fee_paid",
              "dossiers_fee_paid_online / dossiers_fee_paid; NULL where they are NULL"),
          count(
              "dossiers_resolved_digitized",
              "Kết quả được số hóa",
              "Results digitised",
              SERVICES,
              "dossiers resolved in the month with result_digitized true (NULL where no such"
                  + " dossier's current row came from an export carrying result_digitized)"),
          rate(
              "digitized_result_rate",
              "Tỷ lệ số hóa kết quả",
              "Digitised result rate",
              SERVICES,
              "dossiers_resolved_digitized",
              "dossiers_resolved_with_digitization",
              "dossiers_resolved_digitized / dossiers_resolved; NULL where"
                  + " dossiers_resolved_digitized is NULL"),
          count(
                  "dq_records",
                  "Bản ghi dân cư",
                  "Population records",
                  DATA_QUALITY,
                  "records in the month's latest population snapshot (NULL for months without a snapshot)")
              .withDirection(NEUTRAL),
          count(
                  "dq_incorrect",
                  "Sai (không đúng)",
                  "Incorrect (đúng fails)",
                  DATA_QUALITY,
                  "citizen_id not 12 digits; or its first 3 digits not a province code 001–096; or its 4th digit not"
                      + " consistent with sex and birth century; or its 5th–6th digits not the last two digits of the"
                      + " birth year; or birth_date in the future or before 1900")
              .withDirection(LOWER_IS_BETTER),
          count(
                  "dq_incomplete",
                  "Thiếu (không đủ)",
                  "Incomplete (đủ fails)",
                  DATA_QUALITY,
                  "any of citizen_id, full_name, birth_date, sex, residence_type empty")
              .withDirection(LOWER_IS_BETTER),
          count(
                  "dq_unclean",
                  "Trùng (không sạch)",
                  "Unclean (sạch fails)",
                  DATA_QUALITY,
                  "the citizen_id appears more than once in the snapshot, or another record has the same normalised"
                      + " full_name, birth_date and ward_code with a different citizen_id")
              .withDirection(LOWER_IS_BETTER),
          count(
                  "dq_stale",
                  "Chưa rà soát (không sống)",
                  "Stale (sống fails)",
                  DATA_QUALITY,
                  "last_verified_at empty or more than 365 days before the snapshot date")
              .withDirection(LOWER_IS_BETTER),
          count(
              "dq_clean_records",
              "Bản ghi đạt 4 tiêu chí",
              "Records passing all four",
              DATA_QUALITY,
              "records that pass đúng, đủ, sạch and sống"),
          rate(
              "dq_clean_rate",
              "Tỷ lệ đúng, đủ, sạch, sống",
              "Clean rate",
              DATA_QUALITY,
              "dq_clean_records",
              "dq_records",
              "dq_clean_records / dq_records"));

  private static final Map<String, Metric> BY_COLUMN = index();

  private Metrics() {}

  /** The metric of a gold column; an error naming the column where there is none. */
  public static Metric require(String column) {
    return byColumn(column)
        .orElseThrow(
            () -> new IllegalArgumentException("'" + column + "' is not a metric of gold"));
  }

  /** The Đề án 06 goal for the share of dossiers submitted online (online_rate's goal). */
  public static double onlineGoal() {
    return require("online_rate").goal();
  }

  public static Optional<Metric> byColumn(String column) {
    return Optional.ofNullable(BY_COLUMN.get(column));
  }

  public static List<Metric> counts() {
    return ALL.stream().filter(metric -> !metric.isRate()).toList();
  }

  public static List<Metric> rates() {
    return ALL.stream().filter(Metric::isRate).toList();
  }

  /**
   * Helper count columns that gold carries so that rates can be recomputed from sums over wards
   * (their denominators are not themselves contract metrics).
   */
  public static final List<String> HELPER_COUNTS =
      List.of(
          "eid_applications_cum",
          "eid_activations_cum",
          "dossiers_resolved_with_due",
          // dossiers_total / dossiers_resolved of a ward-month whose online_scope /
          // result_digitized is known (NULL where the count above them is NULL): the denominators
          // of online_full_rate and digitized_result_rate, so that wards without a value do not
          // count in a unit's denominator.
          "dossiers_total_with_scope",
          "dossiers_resolved_with_digitization");

  private static Metric count(
      String column, String vi, String en, Metric.Group group, String definition) {
    return new Metric(
        column, vi, en, COUNT, null, null, group, true, definition, HIGHER_IS_BETTER, null);
  }

  private static Metric rate(
      String column,
      String vi,
      String en,
      Metric.Group group,
      String numerator,
      String denominator,
      String definition) {
    return new Metric(
        column,
        vi,
        en,
        RATE,
        numerator,
        denominator,
        group,
        false,
        definition,
        HIGHER_IS_BETTER,
        null);
  }

  private static Map<String, Metric> index() {
    Map<String, Metric> map = new LinkedHashMap<>();
    for (Metric metric : ALL) {
      if (map.put(metric.column(), metric) != null) {
        throw new IllegalStateException("metric defined twice: " + metric.column());
      }
    }
    return Map.copyOf(map);
  }
}
