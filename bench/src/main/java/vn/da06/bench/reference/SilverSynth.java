package vn.da06.bench.reference;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.da06.jobs.gold.Dimensions;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.Era;

/**
 * Synthetic silver at national scale, for the benchmarks: {@code silver.eid_applications}, {@code
 * silver.service_dossiers} and {@code silver.population} with the pipeline's silver schemas, spread
 * over every ward of the country (the ward list valid at each row's date), and {@code
 * gold.dim_ward}.
 *
 * <p>Rows are computed by Spark from {@code range()} with seeded hashes, so a size is written in
 * minutes rather than the hours the CSV generator and the ingest would take for 100M rows; the
 * bench then measures the gold step alone. Values follow feeds.md, with the faults the data-quality
 * rules look for (a few invalid ids, duplicated citizens, missing fields, stale records) at fixed
 * rates. No personal data: keys are hashes of row numbers.
 *
 * @see vn.da06.bench.pipeline.GoldBench
 *     <p>Over 400 lines on purpose: the synthetic silver of every feed is one SQL script per table
 *     at the same rates, read together.
 */
public final class SilverSynth {

  /**
   * @param applications rows of {@code eid_applications}
   * @param dossiers rows of {@code service_dossiers}
   * @param populationPerSnapshot rows of each population snapshot
   * @param from first month of events
   * @param to last month of events
   * @param snapshots population snapshot dates
   */
  public record Size(
      long applications,
      long dossiers,
      long populationPerSnapshot,
      YearMonth from,
      YearMonth to,
      List<LocalDate> snapshots) {
    public Size {
      if (applications < 1 || dossiers < 1 || populationPerSnapshot < 1) {
        throw new IllegalArgumentException(
            "Cannot size synthetic silver: every table needs at least one row");
      }
      if (from.isAfter(to)) {
        throw new IllegalArgumentException(
            "Cannot size synthetic silver: " + from + " is after " + to);
      }
      snapshots = List.copyOf(snapshots);
      if (snapshots.isEmpty()) {
        throw new IllegalArgumentException("Cannot size synthetic silver: no population snapshot");
      }
    }

    /**
     * About {@code rows} silver rows in national proportions (applications : dossiers : population
     * records = 1 : 2 : 1, after a year's national figures), over {@code from..to} with one
     * population snapshot at the end.
     */
    public static Size national(long rows, YearMonth from, YearMonth to) {
      long quarter = Math.max(1, rows / 4);
      return new Size(
          quarter,
          2 * quarter,
          Math.max(1, rows - 3 * quarter),
          from,
          to,
          List.of(to.atEndOfMonth()));
    }

    public long rows() {
      return applications + dossiers + populationPerSnapshot * snapshots.size();
    }
  }

  private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final String REFORM = "TIMESTAMP'" + Era.REFORM_DATE + " 00:00:00'";

  private final SparkSession spark;
  private final DeltaIo io;
  private final Dataset<Row> wards;
  private final long preWards;
  private final long postWards;

  /**
   * @param units the ward lists; every ward of both eras, with its crosswalk, gets rows
   */
  public SilverSynth(SparkSession spark, String warehouse, AdminUnits units) {
    this.spark = spark;
    this.io = new DeltaIo(spark, warehouse);
    Dataset<Row> dimWard = Dimensions.wards(spark, units);
    io.overwrite(dimWard, Tables.GOLD, Tables.DIM_WARD);
    // Each era's wards numbered 0..n-1, so a hash picks one by a broadcast equi-join.
    this.wards =
        dimWard
            .where(col("current_ward_code").isNotNull())
            .selectExpr(
                "ward_code",
                "era AS ward_era",
                "row_number() OVER (PARTITION BY era ORDER BY ward_code) - 1 AS _idx",
                "substring(province_code, 1, 2) AS _province")
            .cache();
    this.preWards = wards.where(col("ward_era").equalTo(Era.PRE_REFORM.name())).count();
    this.postWards = wards.where(col("ward_era").equalTo(Era.POST_REFORM.name())).count();
  }

  /** Writes the three silver tables of {@code size}, replacing what was there. */
  public void write(Size size) {
    io.overwrite(applications(size, 0), Tables.SILVER, "eid_applications");
    io.overwrite(dossiers(size, 0), Tables.SILVER, "service_dossiers");
    spark.conf().set("spark.sql.sources.partitionOverwriteMode", "static");
    population(size)
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy("snapshot_date")
        .save(io.path(Tables.SILVER, "population"));
  }

  /**
   * Appends one more month of events (the month after {@code size.to()}), with {@code size}'s
   * monthly rates and row numbers after the existing ones: what a new month's ingest adds to
   * silver.
   */
  public Size appendMonth(Size size) {
    YearMonth next = size.to().plusMonths(1);
    long months = months(size);
    Size month =
        new Size(
            Math.max(1, size.applications() / months),
            Math.max(1, size.dossiers() / months),
            size.populationPerSnapshot(),
            next,
            next,
            List.of(next.atEndOfMonth()));
    io.append(applications(month, size.applications()), Tables.SILVER, "eid_applications");
    io.append(dossiers(month, size.dossiers()), Tables.SILVER, "service_dossiers");
    return new Size(
        size.applications() + month.applications(),
        size.dossiers() + month.dossiers(),
        size.populationPerSnapshot(),
        size.from(),
        next,
        size.snapshots());
  }

  // Issue 24: anomalies planted at known places, for ./da06 bench anomalies.

  /**
   * Plants anomalies in the silver written for {@code size}, {@code perKind} of each kind on
   * distinct current wards in the last two months: SURGE (K = max(3 × min_change, 9 × the expected
   * monthly level-2 activations) more level-2 applications activated in the month), DROP (a month's
   * dossiers of the ward deleted; only where a ward-month expects at least twice {@code
   * drop_min_median} dossiers) and, with two snapshots or more, POPULATION (2 in 5 of the ward's
   * records deleted from the last snapshot, where that is at least twice population_min_change
   * people). Daily reports are not synthesised, so not planted.
   *
   * @return the cells: kind, unit_code, period, metric, planted ("true": must be flagged; "false":
   *     a consequence)
   */
  public List<String[]> plantAnomalies(Size size, int perKind) {
    AnomalyRules rules = AnomalyRules.DEFAULT;
    List<String> codes =
        wards
            .where(col("ward_era").equalTo(Era.POST_REFORM.name()))
            .select("ward_code")
            .orderBy("ward_code")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    long months = months(size);
    double perWardMonth = (double) size.applications() / months / Math.max(1, postWards);
    double activations = perWardMonth * 0.7 * 0.85;
    long surge = Math.round(Math.max(3 * rules.minChange(), 9 * Math.max(1, activations)));
    double dossiers = (double) size.dossiers() / months / Math.max(1, postWards);
    List<String[]> cells = new ArrayList<>();
    int next = 0;
    List<Dataset<Row>> surges = new ArrayList<>();
    for (int i = 0; i < perKind; i++) {
      YearMonth month = size.to().minusMonths(1 + i % 2);
      String m = month.toString();
      String ward = codes.get(Math.floorMod(7919L * ++next + 17, codes.size()));
      cells.add(new String[] {"SURGE", ward, m, "eid_activations_l2", "true"});
      cells.add(new String[] {"SURGE", ward, m, "eid_applications_l2", "true"});
      String start = "TIMESTAMP'" + month.atDay(2) + " 08:00:00'";
      surges.add(
          spark
              .range(surge)
              .selectExpr(
                  "'synthetic/planted.csv' AS source_file",
                  "'synthetic' AS source_sha256",
                  "id + 1 AS line_number",
                  "concat('PLANT-" + ward + "-" + m + "-', id) AS application_id",
                  "lower(hex(xxhash64(id, '" + ward + m + "'))) AS citizen_key",
                  "'" + ward + "' AS ward_code",
                  "'" + Era.POST_REFORM.name() + "' AS ward_era",
                  "2 AS level",
                  "'OFFICE' AS channel",
                  start + " + make_interval(0, 0, 0, CAST(id % 20 AS INT)) AS received_at",
                  "'APPROVED' AS status",
                  start + " + make_interval(0, 0, 0, CAST(id % 20 AS INT), 2) AS activated_at",
                  start + " + make_interval(0, 0, 0, CAST(id % 20 AS INT), 3) AS updated_at"));
    }
    if (!surges.isEmpty()) {
      Dataset<Row> existing = io.read(Tables.SILVER, "eid_applications");
      Dataset<Row> planted = surges.stream().reduce(Dataset::unionByName).orElseThrow();
      io.append(
          planted.select(
              java.util.Arrays.stream(existing.schema().fields())
                  .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                  .toArray(org.apache.spark.sql.Column[]::new)),
          Tables.SILVER,
          "eid_applications");
    }
    if (dossiers >= 2 * rules.dropMinMedian()) {
      for (int i = 0; i < perKind; i++) {
        YearMonth month = size.to().minusMonths(1 + i % 2);
        String ward = codes.get(Math.floorMod(7919L * ++next + 17, codes.size()));
        cells.add(new String[] {"DROP", ward, month.toString(), "dossiers_total", "true"});
        cells.add(new String[] {"DROP", ward, month.toString(), "dossiers_online", "false"});
        cells.add(new String[] {"DROP", ward, month.toString(), "dossiers_resolved", "false"});
        cells.add(
            new String[] {
              "DROP", ward, month.plusMonths(1).toString(), "dossiers_resolved", "false"
            });
        io.table(Tables.SILVER, "service_dossiers")
            .delete(
                "ward_code = '"
                    + ward
                    + "' AND submitted_at >= TIMESTAMP'"
                    + month.atDay(1)
                    + " 00:00:00' AND submitted_at < TIMESTAMP'"
                    + month.plusMonths(1).atDay(1)
                    + " 00:00:00'");
      }
    }
    // Eligible (14 or more: about 86 % of the synthetic ages) records per ward and snapshot.
    double eligible = 0.86 * size.populationPerSnapshot() / Math.max(1, postWards);
    if (size.snapshots().size() >= 2 && 0.4 * eligible >= 2 * rules.populationMinChange()) {
      LocalDate last = size.snapshots().get(size.snapshots().size() - 1);
      for (int i = 0; i < perKind; i++) {
        String ward = codes.get(Math.floorMod(7919L * ++next + 17, codes.size()));
        cells.add(
            new String[] {
              "POPULATION", ward, YearMonth.from(last).toString(), "eligible_population", "true"
            });
        io.table(Tables.SILVER, "population")
            .delete(
                "ward_code = '"
                    + ward
                    + "' AND snapshot_date = DATE'"
                    + last
                    + "' AND pmod(xxhash64(line_number), 5) < 2");
      }
    }
    return cells;
  }

  private static long months(Size size) {
    return java.time.temporal.ChronoUnit.MONTHS.between(size.from(), size.to()) + 1;
  }

  private Dataset<Row> applications(Size size, long firstId) {
    Dataset<Row> base = events(size, size.applications(), firstId, "received_at");
    return placed(
            base.selectExpr(
                "*",
                "CASE WHEN " + u("l") + " < 0.3 THEN 1 ELSE 2 END AS level",
                "CASE WHEN "
                    + u("a")
                    + " < 0.85 THEN timestamp_seconds(unix_seconds(received_at) + pmod("
                    + h("d")
                    + ", 1728000))"
                    + " END AS _activated"),
            "received_at")
        .selectExpr(
            "'synthetic/eid_applications.csv' AS source_file",
            "'synthetic' AS source_sha256",
            "id + 1 AS line_number",
            "concat('APP', id) AS application_id",
            "lower(hex(" + h("c") + ")) AS citizen_key",
            "ward_code",
            "ward_era",
            "level",
            "CASE WHEN level = 1 AND "
                + u("ch")
                + " < 0.6 THEN 'APP' WHEN "
                + u("ch")
                + " < 0.9 THEN 'OFFICE' ELSE 'MOBILE_TEAM' END AS channel",
            "received_at",
            "CASE WHEN _activated < "
                + end(size)
                + " THEN 'APPROVED' ELSE 'RECEIVED' END AS status",
            "CASE WHEN _activated < " + end(size) + " THEN _activated END AS activated_at",
            "coalesce(CASE WHEN _activated < "
                + end(size)
                + " THEN _activated END, received_at) AS updated_at");
  }

  private Dataset<Row> dossiers(Size size, long firstId) {
    Dataset<Row> base = events(size, size.dossiers(), firstId, "submitted_at");
    return placed(
            base.selectExpr(
                "*",
                "CASE WHEN "
                    + u("s")
                    + " < 0.6 THEN format_string('ES%02d', CAST(pmod("
                    + h("sc")
                    + ", 25) + 1 AS INT))"
                    + " ELSE format_string('DV%03d', CAST(pmod("
                    + h("sc")
                    + ", 40) AS INT)) END AS service_code",
                "CASE WHEN "
                    + u("o")
                    + " < 0.65 THEN 'ONLINE' WHEN "
                    + u("o")
                    + " < 0.97 THEN 'COUNTER' ELSE 'POSTAL' END AS channel",
                "timestamp_seconds(unix_seconds(submitted_at) + pmod("
                    + h("r")
                    + ", 1296000)) AS _resolved"),
            "submitted_at")
        .selectExpr(
            "'synthetic/service_dossiers.csv' AS source_file",
            "'synthetic' AS source_sha256",
            "id + 1 AS line_number",
            "concat('HS', id) AS dossier_id",
            "service_code",
            "ward_code",
            "ward_era",
            "channel",
            "CASE WHEN channel <> 'ONLINE' THEN 'NONE' WHEN "
                + u("v")
                + " < 0.7 THEN 'VNEID' ELSE 'PORTAL' END AS auth_method",
            "submitted_at",
            "CASE WHEN "
                + u("due")
                + " < 0.9 THEN timestamp_seconds(unix_seconds(submitted_at) + 864000) END AS due_at",
            "CASE WHEN "
                + u("rs")
                + " < 0.85 AND _resolved < "
                + end(size)
                + " THEN _resolved END AS resolved_at",
            "CASE WHEN "
                + u("rs")
                + " < 0.85 AND _resolved < "
                + end(size)
                + " THEN 'RESOLVED' ELSE 'PROCESSING' END AS status",
            "CASE WHEN "
                + u("rs")
                + " < 0.85 AND _resolved < "
                + end(size)
                + " THEN _resolved ELSE submitted_at END AS updated_at",
            "id AS _id")
        .selectExpr("*", PORTAL_2025_EXPORT + " AS _exported_2025")
        .selectExpr(
            "*",
            // The portals' 2025 columns: NULL for a row from an older export, as silver holds it;
            // a few empty values (they count as not FULL, not paid, not digitised).
            "CASE WHEN _exported_2025 THEN CASE WHEN channel <> 'ONLINE' OR "
                + u2("fe")
                + " < 0.01 THEN '' WHEN "
                + u2("fs")
                + " < 0.45 THEN 'FULL' ELSE 'PARTIAL' END END AS online_scope",
            "CASE WHEN _exported_2025 THEN CASE WHEN "
                + u2("fc")
                + " < 0.4 THEN 'NONE' WHEN "
                + u2("fp")
                + " < CASE WHEN channel = 'ONLINE' THEN 0.6 ELSE 0.03 END THEN 'PAID_ONLINE'"
                + " WHEN "
                + u2("fp")
                + " < 0.99 THEN 'PAID_OFFLINE' ELSE '' END END AS fee",
            "CASE WHEN _exported_2025 THEN resolved_at IS NOT NULL AND "
                + u2("dg")
                + " < 0.7 END AS result_digitized")
        .drop("_id", "_exported_2025");
  }

  /** Whether a silver row came from an export with the portals' 2025 columns (from July 2025). */
  private static final String PORTAL_2025_EXPORT = "updated_at >= " + REFORM;

  /** {@link #u} over the row number kept as {@code _id}. */
  private static String u2(String salt) {
    return u(salt).replace("(id,", "(_id,");
  }

  private Dataset<Row> population(Size size) {
    List<Dataset<Row>> snapshots = new ArrayList<>();
    for (LocalDate snapshot : size.snapshots()) {
      // A citizen keeps key, name, birth date and ward across snapshots; 0.4% of rows repeat the
      // previous
      // row's citizen (the same id twice: not "sạch").
      Dataset<Row> base =
          spark
              .range(size.populationPerSnapshot())
              .selectExpr(
                  "id",
                  "DATE'" + snapshot + "' AS snapshot_date",
                  "CASE WHEN id > 0 AND pmod(xxhash64(id, 'dup'), 1000) < 4 THEN id - 1 ELSE id END AS citizen",
                  "CASE WHEN DATE'"
                      + snapshot
                      + "' < DATE'"
                      + Era.REFORM_DATE
                      + "' THEN '"
                      + Era.PRE_REFORM.name()
                      + "' ELSE '"
                      + Era.POST_REFORM.name()
                      + "' END AS ward_era");
      Dataset<Row> citizens =
          base.selectExpr(
              "*",
              "date_add(DATE'1925-01-01', CAST(pmod(xxhash64(citizen, 'b'), 36500) AS INT)) AS birth_date",
              "CASE WHEN pmod(xxhash64(citizen, 'x'), 2) = 0 THEN 'M' ELSE 'F' END AS sex",
              pick("xxhash64(citizen, 'w')"));
      Dataset<Row> placed =
          citizens
              .join(
                  broadcast(wards),
                  citizens
                      .col("ward_era")
                      .equalTo(wards.col("ward_era"))
                      .and(citizens.col("_pick").equalTo(wards.col("_idx"))))
              .drop(wards.col("ward_era"));
      snapshots.add(
          placed.selectExpr(
              "'synthetic/population.csv' AS source_file",
              "'synthetic' AS source_sha256",
              "id + 1 AS line_number",
              "snapshot_date",
              "CASE WHEN "
                  + u("k")
                  + " < 0.002 THEN NULL ELSE lower(hex(xxhash64(citizen, 'c'))) END AS citizen_key",
              u("iv") + " >= 0.003 AS citizen_id_valid",
              // 3-digit province, sex/century digit, 2-digit year of birth: wrong for ~1% of rows.
              "concat('0', _province, CASE WHEN "
                  + u("pf")
                  + " < 0.01 THEN '9' WHEN year(birth_date) < 2000 THEN "
                  + "(CASE WHEN sex = 'M' THEN '0' ELSE '1' END) ELSE (CASE WHEN sex = 'M' THEN '2' ELSE '3' END) END,"
                  + " lpad(CAST(pmod(year(birth_date), 100) AS STRING), 2, '0')) AS citizen_id_prefix",
              "CASE WHEN "
                  + u("nk")
                  + " < 0.003 THEN NULL ELSE lower(hex(xxhash64(citizen, 'n'))) END AS full_name_key",
              "CASE WHEN " + u("bd") + " < 0.002 THEN NULL ELSE birth_date END AS birth_date",
              "sex",
              "ward_code",
              "ward_era",
              "CASE WHEN "
                  + u("rt")
                  + " < 0.005 THEN NULL WHEN "
                  + u("rt")
                  + " < 0.92 THEN 'PERMANENT' ELSE 'TEMPORARY' END AS residence_type",
              u("chip") + " < 0.8 AS has_chip_card",
              u("dead") + " < 0.01 AS is_deceased",
              "CASE WHEN "
                  + u("lv")
                  + " < 0.01 THEN NULL ELSE date_sub(snapshot_date, CAST(pmod("
                  + h("lvd")
                  + ", 900) AS INT)) END AS last_verified_at"));
    }
    return snapshots.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  /**
   * Row numbers {@code firstId..}, each with a time uniform over the months of {@code size} and its
   * era.
   */
  private Dataset<Row> events(Size size, long rows, long firstId, String timeColumn) {
    long start = size.from().atDay(1).atStartOfDay(ZONE).toEpochSecond();
    long end = size.to().plusMonths(1).atDay(1).atStartOfDay(ZONE).toEpochSecond();
    return spark
        .range(firstId, firstId + rows)
        .selectExpr(
            "id",
            "timestamp_seconds("
                + start
                + " + pmod("
                + h("t")
                + ", "
                + (end - start)
                + ")) AS "
                + timeColumn)
        .selectExpr(
            "*",
            "CASE WHEN "
                + timeColumn
                + " < "
                + REFORM
                + " THEN '"
                + Era.PRE_REFORM.name()
                + "' ELSE '"
                + Era.POST_REFORM.name()
                + "' END AS ward_era");
  }

  /** Adds {@code ward_code}: a ward of the row's era, picked by hash. */
  private Dataset<Row> placed(Dataset<Row> rows, String timeColumn) {
    Dataset<Row> hashed = rows.selectExpr("*", pick(h("w")));
    return hashed
        .join(
            broadcast(wards.drop("_province")),
            hashed
                .col("ward_era")
                .equalTo(wards.col("ward_era"))
                .and(hashed.col("_pick").equalTo(wards.col("_idx"))))
        .drop(wards.col("ward_era"))
        .drop("_pick", "_idx");
  }

  /** {@code _pick}: the number of a ward of the row's era, from a hash. */
  private String pick(String hash) {
    return "pmod("
        + hash
        + ", CASE WHEN ward_era = '"
        + Era.PRE_REFORM.name()
        + "' THEN "
        + preWards
        + " ELSE "
        + postWards
        + " END) AS _pick";
  }

  private static String end(Size size) {
    return "TIMESTAMP'" + size.to().plusMonths(1).atDay(1) + " 00:00:00'";
  }

  private static String h(String salt) {
    return String.format(Locale.ROOT, "xxhash64(id, '%s')", salt);
  }

  private static String u(String salt) {
    return String.format(Locale.ROOT, "(pmod(xxhash64(id, '%s'), 1000000) / 1000000.0)", salt);
  }
}
