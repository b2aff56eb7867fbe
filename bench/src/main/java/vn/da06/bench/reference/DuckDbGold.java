package vn.da06.bench.reference;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.da06.warehouse.EssentialServices;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.admin.Era;

/**
 * The reference engine: {@code gold.ward_month_kpis} and {@code gold.ward_month_kpis_current}
 * computed by DuckDB with plain SQL from the same silver Parquet files the Spark pipeline reads,
 * following the contract (warehouse.md) independently of the Spark code. The benchmark only reports
 * a time after checking that both engines give identical tables.
 *
 * <p>Inputs are the Parquet files of the current Delta snapshot of each table (never a directory: a
 * Delta table's folder also holds files that later versions removed). Outputs are two DuckDB
 * tables, {@code ref_ward_month_kpis} and {@code ref_ward_month_kpis_current}, with gold's columns.
 *
 * <p>Over 400 lines on purpose: most of it is the reference SQL, one statement per gold table, kept
 * together so it reads as one specification.
 */
public final class DuckDbGold {

  /** The Parquet files of the current snapshot of each input table. */
  public record Inputs(
      List<String> applications,
      List<String> dossiers,
      List<String> population,
      List<String> dimWard) {
    public Inputs {
      applications = List.copyOf(requireNonNull(applications, "applications is null"));
      dossiers = List.copyOf(requireNonNull(dossiers, "dossiers is null"));
      population = List.copyOf(requireNonNull(population, "population is null"));
      dimWard = List.copyOf(requireNonNull(dimWard, "dimWard is null"));
    }
  }

  static final String AS_OF = "ref_ward_month_kpis";
  private static final String TIME_ZONE = "Asia/Ho_Chi_Minh";
  static final String CURRENT = "ref_ward_month_kpis_current";

  private DuckDbGold() {}

  /**
   * A fresh in-memory DuckDB for the benches, bounded so that it and this JVM's heap fit the
   * machine together: DuckDB's own default (80% of RAM) on top of an 8 GB Spark heap would exceed
   * 24 GiB at 100M rows. What does not fit spills to a temporary folder, as Spark's shuffle does.
   */
  public static Connection open() throws SQLException {
    long physical =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    long budget = Math.max(2L << 30, physical - Runtime.getRuntime().maxMemory() - (3L << 30));
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("memory_limit", (budget >> 20) + "MB");
    properties.setProperty(
        "temp_directory",
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "da06-duckdb").toString());
    return java.sql.DriverManager.getConnection("jdbc:duckdb:", properties);
  }

  /** Creates the two reference tables in {@code connection}, replacing earlier ones. */
  public static void compute(Connection connection, Inputs inputs) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(inputs)) {
        statement.execute(sql);
      }
    }
  }

  /**
   * The statements, in order: views over the inputs, then the measures, the grids and the two
   * tables.
   */
  static List<String> statements(Inputs inputs) {
    List<String> sql = new ArrayList<>();
    sql.add("SET TimeZone = '" + TIME_ZONE + "'");
    // Spark writes timestamps as INT96 instants (UTC); events count in the local month, so read
    // them as local time.
    sql.add(view("applications", inputs.applications(), "received_at", "activated_at"));
    sql.add(view("dossiers", inputs.dossiers(), "submitted_at", "resolved_at", "due_at"));
    sql.add(populationView(inputs.population()));
    sql.add(view("dim_ward", inputs.dimWard()));
    String reformMonth = "'" + Era.REFORM_DATE.toString().substring(0, 7) + "'";
    String pre = "'" + Era.PRE_REFORM.name() + "'";
    String post = "'" + Era.POST_REFORM.name() + "'";
    String essential =
        EssentialServices.NAMES.keySet().stream()
            .map(code -> "'" + code + "'")
            .collect(Collectors.joining(", "));

    // Events, each counted in the local month of its own timestamp.
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE m_eid AS
        SELECT ward_code, ward_era, month, sum(a1) AS eid_applications_l1, sum(a2) AS eid_applications_l2,
               sum(v1) AS eid_activations_l1, sum(v2) AS eid_activations_l2
        FROM (
          SELECT ward_code, ward_era, strftime(received_at, '%Y-%m') AS month,
                 CASE WHEN level = 1 THEN 1 ELSE 0 END AS a1, CASE WHEN level = 2 THEN 1 ELSE 0 END AS a2, 0 AS v1, 0 AS v2
          FROM applications
          UNION ALL
          SELECT ward_code, ward_era, strftime(activated_at, '%Y-%m'), 0, 0,
                 CASE WHEN level = 1 THEN 1 ELSE 0 END, CASE WHEN level = 2 THEN 1 ELSE 0 END
          FROM applications WHERE activated_at IS NOT NULL)
        GROUP BY ALL""");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE m_dossiers AS
        SELECT ward_code, ward_era, month, sum(t) AS dossiers_total, sum(o) AS dossiers_online,
               sum(et) AS essential_dossiers_total, sum(eo) AS essential_dossiers_online, sum(v) AS dossiers_online_vneid,
               sum(r) AS dossiers_resolved, sum(rt) AS dossiers_resolved_on_time, sum(rd) AS dossiers_resolved_with_due,
               -- The portals' 2025 columns: NULL unless some dossier of the group came from an export carrying them.
               CASE WHEN bool_or(scope_known) THEN sum(f) END AS dossiers_online_full,
               CASE WHEN bool_or(fee_known) THEN sum(po) END AS dossiers_fee_paid_online,
               CASE WHEN bool_or(fee_known) THEN sum(p) END AS dossiers_fee_paid,
               CASE WHEN bool_or(digitized_known) THEN sum(dg) END AS dossiers_resolved_digitized
        FROM (
          SELECT ward_code, ward_era, strftime(submitted_at, '%%Y-%%m') AS month, 1 AS t,
                 CASE WHEN channel = 'ONLINE' THEN 1 ELSE 0 END AS o,
                 CASE WHEN service_code IN (%1$s) THEN 1 ELSE 0 END AS et,
                 CASE WHEN service_code IN (%1$s) AND channel = 'ONLINE' THEN 1 ELSE 0 END AS eo,
                 CASE WHEN channel = 'ONLINE' AND auth_method = 'VNEID' THEN 1 ELSE 0 END AS v,
                 0 AS r, 0 AS rt, 0 AS rd,
                 online_scope IS NOT NULL AS scope_known,
                 CASE WHEN channel = 'ONLINE' AND online_scope = 'FULL' THEN 1 ELSE 0 END AS f,
                 fee IS NOT NULL AS fee_known,
                 CASE WHEN fee = 'PAID_ONLINE' THEN 1 ELSE 0 END AS po,
                 CASE WHEN fee IN ('PAID_ONLINE', 'PAID_OFFLINE') THEN 1 ELSE 0 END AS p,
                 false AS digitized_known, 0 AS dg
          FROM dossiers
          UNION ALL
          SELECT ward_code, ward_era, strftime(resolved_at, '%%Y-%%m'), 0, 0, 0, 0, 0, 1,
                 CASE WHEN due_at IS NOT NULL AND resolved_at <= due_at THEN 1 ELSE 0 END,
                 CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END,
                 false, 0, false, 0, 0,
                 result_digitized IS NOT NULL, CASE WHEN result_digitized THEN 1 ELSE 0 END
          FROM dossiers WHERE resolved_at IS NOT NULL)
        GROUP BY ALL"""
            .formatted(essential));

    // Snapshot figures: eligible citizens (once each, at the PERMANENT record's ward) and the four
    // rules.
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE m_eligible AS
        SELECT snapshot_date, ward_code, ward_era, count(*) AS eligible_population
        FROM (
          SELECT snapshot_date, ward_code, ward_era,
                 row_number() OVER (PARTITION BY snapshot_date, citizen_key
                   ORDER BY CASE WHEN residence_type = 'PERMANENT' THEN 0 ELSE 1 END, ward_code) AS rank
          FROM population
          WHERE citizen_key IS NOT NULL AND NOT coalesce(is_deceased, false) AND birth_date IS NOT NULL
            AND (year(snapshot_date) - year(birth_date) > %1$d
              OR (year(snapshot_date) - year(birth_date) = %1$d
                AND (month(snapshot_date) > month(birth_date)
                  OR (month(snapshot_date) = month(birth_date) AND day(snapshot_date) >= day(birth_date))))))
        WHERE rank = 1
        GROUP BY ALL"""
            .formatted(Metrics.ELIGIBLE_AGE));
    sql.addAll(qualityStatements());

    // Months from the first to the last month with an event or a snapshot; each month's snapshots.
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE calendar AS
        WITH snapshots AS (SELECT DISTINCT snapshot_date FROM population),
        bounds AS (
          SELECT min(month) AS first, max(month) AS last FROM (
            SELECT month FROM m_eid UNION ALL SELECT month FROM m_dossiers
            UNION ALL SELECT strftime(snapshot_date, '%Y-%m') FROM snapshots)),
        months AS (
          SELECT strftime(m, '%Y-%m') AS month, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
          FROM bounds, generate_series(CAST(first || '-01' AS DATE), CAST(last || '-01' AS DATE), INTERVAL 1 MONTH) AS g(m))
        SELECT month,
          (SELECT max(snapshot_date) FROM snapshots WHERE snapshot_date <= month_end) AS eligible_snapshot,
          (SELECT max(snapshot_date) FROM snapshots WHERE strftime(snapshot_date, '%Y-%m') = month) AS dq_snapshot
        FROM months""");

    // Wards in scope: every ward of a province with events; a ward with no current ward only where
    // it has events.
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE wards AS
        WITH with_events AS (
          SELECT DISTINCT ward_code, ward_era FROM (
            SELECT ward_code, ward_era FROM m_eid UNION ALL SELECT ward_code, ward_era FROM m_dossiers
            UNION ALL SELECT ward_code, ward_era FROM m_eligible)),
        dim AS (
          SELECT d.*, e.ward_code IS NOT NULL AS has_events
          FROM dim_ward d LEFT JOIN with_events e ON e.ward_code = d.ward_code AND e.ward_era = d.era),
        provinces AS (SELECT DISTINCT current_province_code FROM dim WHERE has_events AND current_province_code IS NOT NULL)
        SELECT ward_code, era, current_ward_code, province_code, district_code
        FROM dim WHERE current_province_code IN (SELECT * FROM provinces) AND (current_ward_code IS NOT NULL OR has_events)""");

    // Every measure at the ward it was recorded with, then placed: as of the time, or on today's
    // ward.
    List<String> eventCounts =
        List.of(
            "eid_applications_l1",
            "eid_applications_l2",
            "eid_activations_l1",
            "eid_activations_l2",
            "dossiers_total",
            "dossiers_online",
            "essential_dossiers_total",
            "essential_dossiers_online",
            "dossiers_online_vneid",
            "dossiers_resolved",
            "dossiers_resolved_on_time",
            "dossiers_resolved_with_due",
            "dossiers_online_full",
            "dossiers_fee_paid_online",
            "dossiers_fee_paid",
            "dossiers_resolved_digitized");
    List<String> dqCounts =
        List.of(
            "dq_records",
            "dq_incorrect",
            "dq_incomplete",
            "dq_unclean",
            "dq_stale",
            "dq_clean_records");
    List<String> measures = new ArrayList<>(eventCounts);
    measures.add("eligible_population");
    measures.addAll(dqCounts);
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE placed AS
        SELECT m.*, w.current_ward_code,
               CASE WHEN (CASE WHEN m.month < %s THEN %s ELSE %s END) = m.ward_era THEN m.ward_code
                    ELSE w.current_ward_code END AS asof_ward
        FROM (
          SELECT * FROM m_eid
          UNION ALL BY NAME SELECT * FROM m_dossiers
          UNION ALL BY NAME SELECT e.ward_code, e.ward_era, c.month, e.eligible_population
            FROM m_eligible e JOIN calendar c ON c.eligible_snapshot = e.snapshot_date
          UNION ALL BY NAME SELECT q.* EXCLUDE (snapshot_date), c.month
            FROM m_quality q JOIN calendar c ON c.dq_snapshot = q.snapshot_date) m
        JOIN wards w ON w.ward_code = m.ward_code AND w.era = m.ward_era"""
            .formatted(reformMonth, pre, post));
    String sums =
        measures.stream().map(m -> "sum(" + m + ") AS " + m).collect(Collectors.joining(", "));
    sql.add(
        "CREATE OR REPLACE TEMP TABLE current_monthly AS SELECT current_ward_code AS ward_code, month, "
            + sums
            + " FROM placed WHERE current_ward_code IS NOT NULL GROUP BY ALL");
    sql.add(
        "CREATE OR REPLACE TEMP TABLE asof_monthly AS SELECT asof_ward AS ward_code, month, "
            + sums
            + " FROM placed WHERE asof_ward IS NOT NULL GROUP BY ALL");

    String filled = fill(eventCounts, dqCounts);
    String cumulative =
        List.of(
                "eid_applications_l1",
                "eid_applications_l2",
                "eid_activations_l1",
                "eid_activations_l2")
            .stream()
            .map(
                c -> "sum(" + c + ") OVER (PARTITION BY ward_code ORDER BY month) AS " + c + "_cum")
            .collect(Collectors.joining(", "));
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE current_filled AS
        SELECT g.ward_code, g.month, g.province_code, g.district_code, %s
        FROM (SELECT w.*, c.* FROM wards w CROSS JOIN calendar c WHERE w.era = %s) g
        LEFT JOIN current_monthly m ON m.ward_code = g.ward_code AND m.month = g.month"""
            .formatted(filled, post));
    sql.add(
        "CREATE OR REPLACE TEMP TABLE current_cum AS SELECT *, "
            + cumulative
            + " FROM current_filled");
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE asof_filled AS
        SELECT g.ward_code, g.month, g.province_code, g.district_code, %s
        FROM (SELECT w.*, c.* FROM wards w CROSS JOIN calendar c
              WHERE w.era = CASE WHEN c.month < %s THEN %s ELSE %s END) g
        LEFT JOIN asof_monthly m ON m.ward_code = g.ward_code AND m.month = g.month"""
            .formatted(filled, reformMonth, pre, post));
    // From July 2025 the wards of the time are today's wards, whose cumulative figures include the
    // old wards' history.
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE asof_cum AS
        SELECT *, %1$s FROM asof_filled WHERE month < %2$s
        UNION ALL BY NAME
        SELECT a.*, c.eid_applications_l1_cum, c.eid_applications_l2_cum, c.eid_activations_l1_cum, c.eid_activations_l2_cum
        FROM asof_filled a JOIN current_cum c ON c.ward_code = a.ward_code AND c.month = a.month
        WHERE a.month >= %2$s"""
            .formatted(cumulative, reformMonth));
    sql.add("CREATE OR REPLACE TABLE " + AS_OF + " AS " + finish("asof_cum"));
    sql.add("CREATE OR REPLACE TABLE " + CURRENT + " AS " + finish("current_cum"));
    return sql;
  }

  /**
   * The four data-quality rules alone over population snapshots: a table {@code m_quality} with
   * {@code snapshot_date, ward_code, ward_era, dq_records, dq_incorrect, dq_incomplete, dq_unclean,
   * dq_stale, dq_clean_records}. What {@code ./da06 bench dq} times against the pipeline's rules.
   */
  public static void quality(Connection connection, List<String> populationFiles)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = '" + TIME_ZONE + "'");
      statement.execute(populationView(populationFiles));
      for (String sql : qualityStatements()) {
        statement.execute(sql);
      }
    }
  }

  private static String populationView(List<String> files) {
    // Silver population is partitioned by snapshot_date: a partition value is read as text.
    return view("population", files)
        .replace(
            "SELECT * FROM",
            "SELECT * REPLACE (CAST(snapshot_date AS DATE) AS snapshot_date) FROM");
  }

  private static List<String> qualityStatements() {
    List<String> sql = new ArrayList<>();
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE m_quality_rows AS
        WITH ids AS (
          SELECT snapshot_date, citizen_key, count(*) AS n FROM population WHERE citizen_key IS NOT NULL GROUP BY ALL),
        people AS (
          SELECT snapshot_date, full_name_key, birth_date, ward_code, count(DISTINCT coalesce(citizen_key, '')) AS n
          FROM population WHERE full_name_key IS NOT NULL AND birth_date IS NOT NULL GROUP BY ALL)
        SELECT p.snapshot_date, p.ward_code, p.ward_era,
          coalesce(
            citizen_id_valid = false
            OR TRY_CAST(substring(citizen_id_prefix, 1, 3) AS INTEGER) < 1
            OR TRY_CAST(substring(citizen_id_prefix, 1, 3) AS INTEGER) > 96
            OR (sex IS NOT NULL AND p.birth_date IS NOT NULL AND year(p.birth_date) BETWEEN 1900 AND 2099
                AND substring(citizen_id_prefix, 4, 1) <>
                  CASE WHEN year(p.birth_date) BETWEEN 1900 AND 1999 THEN CASE WHEN sex = 'M' THEN '0' ELSE '1' END
                       ELSE CASE WHEN sex = 'M' THEN '2' ELSE '3' END END)
            OR (p.birth_date IS NOT NULL
                AND substring(citizen_id_prefix, 5, 2) <> lpad(CAST(year(p.birth_date) %% 100 AS VARCHAR), 2, '0')),
            false)
          OR coalesce(p.birth_date > p.snapshot_date OR p.birth_date < DATE '1900-01-01', false) AS incorrect,
          (p.citizen_key IS NULL OR p.full_name_key IS NULL OR p.birth_date IS NULL OR sex IS NULL
            OR residence_type IS NULL) AS incomplete,
          coalesce(ids.n > 1, false) OR coalesce(people.n > 1, false) AS unclean,
          (last_verified_at IS NULL OR date_diff('day', CAST(last_verified_at AS DATE), p.snapshot_date) > %d) AS stale
        FROM population p
        LEFT JOIN ids ON ids.snapshot_date = p.snapshot_date AND ids.citizen_key = p.citizen_key
        LEFT JOIN people ON people.snapshot_date = p.snapshot_date AND people.full_name_key = p.full_name_key
          AND people.birth_date = p.birth_date AND people.ward_code = p.ward_code"""
            .formatted(Metrics.STALE_AFTER_DAYS));
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE m_quality AS
        SELECT snapshot_date, ward_code, ward_era, count(*) AS dq_records,
               count(*) FILTER (incorrect) AS dq_incorrect, count(*) FILTER (incomplete) AS dq_incomplete,
               count(*) FILTER (unclean) AS dq_unclean, count(*) FILTER (stale) AS dq_stale,
               count(*) FILTER (NOT (incorrect OR incomplete OR unclean OR stale)) AS dq_clean_records
        FROM m_quality_rows GROUP BY ALL""");

    return sql;
  }

  private static String view(String name, List<String> files, String... utcTimestamps) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot compute the reference gold: "
              + name
              + " has no Parquet files"
              + " (run the pipeline on an inbox with that feed first)");
    }
    String list =
        files.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", "));
    String replace =
        utcTimestamps.length == 0
            ? ""
            : java.util.Arrays.stream(utcTimestamps)
                .map(c -> "timezone('" + TIME_ZONE + "', " + c + " AT TIME ZONE 'UTC') AS " + c)
                .collect(Collectors.joining(", ", " REPLACE (", ")"));
    return "CREATE OR REPLACE TEMP VIEW "
        + name
        + " AS SELECT *"
        + replace
        + " FROM read_parquet(["
        + list
        + "], hive_partitioning = true, hive_types_autocast = false)";
  }

  /** The counts of the portals' 2025 columns: NULL, not 0, where no dossier tells them. */
  private static final List<String> EXPORTED_ONLY =
      List.of(
          "dossiers_online_full",
          "dossiers_fee_paid_online",
          "dossiers_fee_paid",
          "dossiers_resolved_digitized");

  /**
   * Event counts 0 where nothing happened (those of {@link #EXPORTED_ONLY} NULL); snapshot figures
   * NULL where no snapshot applies.
   */
  private static String fill(List<String> eventCounts, List<String> dqCounts) {
    List<String> columns = new ArrayList<>();
    eventCounts.forEach(
        c ->
            columns.add(
                EXPORTED_ONLY.contains(c)
                    ? "m." + c + " AS " + c
                    : "coalesce(m." + c + ", 0) AS " + c));
    columns.add(
        "CASE WHEN g.eligible_snapshot IS NOT NULL THEN coalesce(m.eligible_population, 0) END AS eligible_population");
    dqCounts.forEach(
        c ->
            columns.add(
                "CASE WHEN g.dq_snapshot IS NOT NULL THEN coalesce(m." + c + ", 0) END AS " + c));
    return String.join(", ", columns);
  }

  /**
   * Gold's columns in the contract's order: every metric of {@link Metrics#ALL}, then the helper
   * counts.
   */
  private static String finish(String table) {
    List<String> columns =
        new ArrayList<>(List.of("ward_code", "month", "province_code", "district_code"));
    for (Metric metric : Metrics.ALL) {
      columns.add(
          metric.isRate()
              ? "CASE WHEN "
                  + metric.denominator()
                  + " <> 0 THEN CAST("
                  + metric.numerator()
                  + " AS DOUBLE) / "
                  + metric.denominator()
                  + " END AS "
                  + metric.column()
              : "CAST(" + metric.column() + " AS BIGINT) AS " + metric.column());
    }
    for (String helper : Metrics.HELPER_COUNTS) {
      columns.add("CAST(" + helper + " AS BIGINT) AS " + helper);
    }
    return "SELECT "
        + String.join(", ", columns)
        + " FROM (SELECT *, eid_applications_l1_cum + eid_applications_l2_cum"
        + " AS eid_applications_cum, eid_activations_l1_cum + eid_activations_l2_cum AS eid_activations_cum,"
        + " CASE WHEN dossiers_online_full IS NOT NULL THEN dossiers_total END AS dossiers_total_with_scope,"
        + " CASE WHEN dossiers_resolved_digitized IS NOT NULL THEN dossiers_resolved END"
        + " AS dossiers_resolved_with_digitization FROM "
        + table
        + ")";
  }
}
