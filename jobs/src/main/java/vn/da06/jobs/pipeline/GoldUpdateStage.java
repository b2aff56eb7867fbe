package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.gold.Anomalies;
import vn.da06.jobs.gold.DailyReportCheck;
import vn.da06.jobs.gold.Measures;
import vn.da06.jobs.gold.ServiceMonth;
import vn.da06.jobs.gold.TargetProgress;
import vn.da06.jobs.gold.UnitMetrics;
import vn.da06.jobs.gold.WardMonthKpis;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.Era;

/**
 * Silver → gold's month tables, as a {@link GoldPlan} says: the months from its first on are
 * replaced (one Delta commit per table), earlier months are left; {@code gold.target_progress} is
 * rewritten whole.
 */
final class GoldUpdateStage {

  private final RunContext run;

  GoldUpdateStage(RunContext run) {
    this.run = run;
  }

  /** Silver's feeds, narrowed to the rows an incremental update reads. */
  private record Silver(
      Dataset<Row> applications,
      Dataset<Row> dossiers,
      Dataset<Row> population,
      Dataset<Row> reports,
      Dataset<Row> targets) {}

  /** What gold already holds that an incremental update continues. */
  private record Held(
      Dataset<Row> seeds, Dataset<Row> carriedEligible, Set<String> months, Set<String> provinces) {
    static final Held NOTHING = new Held(null, null, Set.of(), Set.of());
  }

  /**
   * Recomputes gold as {@code plan} says (its snapshots and held months are filled in here).
   *
   * @param dimWard {@link vn.da06.jobs.gold.Dimensions#wards} rows
   * @param wardsChanged whether the ward list changed in this run: gold's grid and placements may
   *     then differ in every month, and the update cannot be incremental
   */
  void update(GoldPlan plan, Dataset<Row> dimWard, boolean wardsChanged) {
    run.progress.stage("gold: reading silver");
    Silver silver =
        new Silver(
            run.silver(Feed.EID_APPLICATIONS),
            run.silver(Feed.SERVICE_DOSSIERS),
            run.silver(Feed.POPULATION),
            run.silver(Feed.DAILY_REPORTS),
            run.silver(Feed.TARGETS));
    List<LocalDate> snapshots =
        silver
            .population()
            .select("snapshot_date")
            .distinct()
            .as(Encoders.DATE())
            .collectAsList()
            .stream()
            .map(Date::toLocalDate)
            .sorted()
            .toList();
    plan = plan.withSnapshots(snapshots);
    List<Row> held = heldFromMonthBefore(plan, wardsChanged);
    if (held != null) {
      plan = plan.withHeldMonths(held.stream().map(row -> row.getString(0)).toList(), wardsChanged);
    }
    Held carried = Held.NOTHING;
    if (plan.incremental()) {
      silver = narrowed(silver, plan);
      carried = carried(plan, held);
    }
    write(plan, silver, carried, dimWard);
  }

  /**
   * Gold's current rows from the month before the plan's first on, when the plan may be incremental
   * ({@link GoldPlan#monthBefore}) and gold holds that table; NULL otherwise. One small read (a
   * month of wards) that gives the update all it needs from gold: the seeds, the carried eligible
   * population, the last month and the provinces. Each row: month, ward_code, province_code,
   * eligible_population, then the cumulative counts.
   */
  private List<Row> heldFromMonthBefore(GoldPlan plan, boolean wardsChanged) {
    String previous = plan.monthBefore(wardsChanged).orElse(null);
    if (previous == null || !run.io.exists(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)) {
      return null;
    }
    List<Column> columns =
        new ArrayList<>(
            List.of(
                col("month"), col("ward_code"), col("province_code"), col("eligible_population")));
    WardMonthKpis.CUMULATIVE.forEach(name -> columns.add(col(name)));
    return run.io
        .read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
        .where(col("month").geq(previous))
        .select(columns.toArray(Column[]::new))
        .collectAsList();
  }

  /**
   * Only rows dated from the first month to redo: the months before keep their gold rows, and their
   * cumulative figures seed the new months'. Only the snapshots taken from that month on are
   * measured (none read when there is none).
   */
  private Silver narrowed(Silver silver, GoldPlan plan) {
    LocalDate first = plan.firstDay().get();
    Column from =
        lit(Timestamp.from(first.atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant()));
    Dataset<Row> population = silver.population();
    return new Silver(
        silver.applications().where(col("received_at").geq(from).or(col("activated_at").geq(from))),
        silver.dossiers().where(col("submitted_at").geq(from).or(col("resolved_at").geq(from))),
        plan.readsSnapshots()
            ? population.where(col("snapshot_date").geq(lit(Date.valueOf(first))))
            : run.spark.createDataFrame(List.of(), population.schema()),
        silver.reports().where(col("report_date").geq(lit(Date.valueOf(first)))),
        silver.targets());
  }

  /**
   * The month before's figures an incremental update continues: its cumulative counts (the seeds),
   * its eligible population (on the same current wards, from the latest earlier snapshot: carried
   * over as that snapshot's figure), and gold's months from the first redone and provinces. Every
   * run writes all its provinces into every month it writes, and a later month is always rewritten
   * with an earlier one, so the month before holds every province of the months before it.
   */
  private Held carried(GoldPlan plan, List<Row> held) {
    String previous = YearMonth.parse(plan.fromMonth()).minusMonths(1).toString();
    List<Row> monthBefore = held.stream().filter(row -> row.getString(0).equals(previous)).toList();
    Dataset<Row> carriedEligible = null;
    LocalDate carried = plan.carriedSnapshot().orElse(null);
    if (carried != null) {
      List<Row> carriedRows =
          monthBefore.stream()
              .filter(row -> !row.isNullAt(3) && row.getLong(3) > 0)
              .map(
                  row ->
                      RowFactory.create(
                          Date.valueOf(carried),
                          row.getString(1),
                          Era.POST_REFORM.name(),
                          row.getLong(3)))
              .toList();
      carriedEligible =
          run.spark.createDataFrame(
              carriedRows,
              new StructType()
                  .add("snapshot_date", DataTypes.DateType)
                  .add("ward_code", DataTypes.StringType)
                  .add("ward_era", DataTypes.StringType)
                  .add("eligible_population", DataTypes.LongType));
    }
    StructType seedSchema = new StructType().add("ward_code", DataTypes.StringType);
    for (String cumulative : WardMonthKpis.CUMULATIVE) {
      seedSchema = seedSchema.add(cumulative, DataTypes.LongType);
    }
    Dataset<Row> seeds =
        run.spark.createDataFrame(
            monthBefore.stream()
                .map(
                    row -> {
                      Object[] seed = new Object[1 + WardMonthKpis.CUMULATIVE.size()];
                      seed[0] = row.getString(1);
                      for (int i = 0; i < WardMonthKpis.CUMULATIVE.size(); i++) {
                        seed[1 + i] = row.get(4 + i);
                      }
                      return RowFactory.create(seed);
                    })
                .toList(),
            seedSchema);
    Set<String> months = new TreeSet<>();
    Set<String> provinces = new TreeSet<>();
    months.add(plan.fromMonth());
    held.forEach(
        row -> {
          if (plan.rewrites(row.getString(0))) {
            months.add(row.getString(0));
          }
          provinces.add(row.getString(2));
        });
    return new Held(seeds, carriedEligible, months, provinces);
  }

  private void write(GoldPlan plan, Silver silver, Held held, Dataset<Row> dimWard) {
    String goldFrom = plan.fromMonth();
    boolean incremental = plan.incremental();
    run.progress.stage(
        "gold: measuring (from %s)",
        goldFrom == null
            ? "the first month"
            : goldFrom + (incremental ? ", rows of those months only" : ", all rows"));
    Dataset<Row> eid = Measures.eid(silver.applications());
    Dataset<Row> dossierMeasures = Measures.dossiers(silver.dossiers(), false);
    if (incremental) {
      eid = eid.where(col("month").geq(goldFrom));
      dossierMeasures = dossierMeasures.where(col("month").geq(goldFrom));
    }
    eid = eid.cache();
    dossierMeasures = dossierMeasures.cache();
    Dataset<Row> snapshotFigures = Measures.bySnapshot(silver.population()).cache();
    Dataset<Row> eligible = Measures.eligible(snapshotFigures);
    if (held.carriedEligible() != null) {
      eligible = eligible.unionByName(held.carriedEligible());
    }
    Dataset<Row> quality = snapshotFigures.drop("eligible_population");

    TreeSet<String> months = new TreeSet<>(held.months());
    for (Dataset<Row> measures : List.of(eid, dossierMeasures)) {
      Row range = measures.agg(functions.min("month"), functions.max("month")).head();
      if (!range.isNullAt(0)) {
        months.add(range.getString(0));
        months.add(range.getString(1));
      }
    }
    months.addAll(plan.snapshotMonths());
    if (months.isEmpty()) {
      run.progress.stage("gold: no events yet");
      return;
    }
    Dataset<Row> calendar =
        calendar(plan, YearMonth.parse(months.first()), YearMonth.parse(months.last()));
    Dataset<Row> wards =
        wardsInScope(dimWard, eid, dossierMeasures, eligible, held.provinces(), months);

    WardMonthKpis.Result kpis =
        WardMonthKpis.build(eid, dossierMeasures, eligible, quality, calendar, wards, held.seeds());
    String where = plan.where();
    Column changedMonths = goldFrom == null ? lit(true) : col("month").geq(goldFrom);
    writeTable(kpis.asOfTime().where(changedMonths), Tables.WARD_MONTH_KPIS, where);
    writeTable(kpis.current().where(changedMonths), Tables.WARD_MONTH_KPIS_CURRENT, where);
    kpis.release();

    Dataset<Row> serviceMonth = ServiceMonth.build(silver.dossiers(), wards);
    writeTable(serviceMonth.where(changedMonths), Tables.SERVICE_MONTH, where);

    Dataset<Row> daily = DailyReportCheck.build(silver.reports(), silver.applications(), wards);
    writeTable(daily.where(changedMonths), Tables.DAILY_REPORT_CHECK, where);

    Dataset<Row> asOf = run.io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS);
    Dataset<Row> unitMetrics =
        UnitMetrics.longForm(asOf).unionByName(UnitMetrics.longForm(UnitMetrics.provinces(asOf)));
    // Every month gold holds, not only those just recomputed: the table is rewritten whole.
    Dataset<Row> progressRows =
        TargetProgress.build(silver.targets(), unitMetrics, asOf.select("month").distinct());
    run.progress.stage("gold: %s", Tables.TARGET_PROGRESS);
    run.io.overwrite(progressRows, Tables.GOLD, Tables.TARGET_PROGRESS);
    run.versions.put(
        "gold." + Tables.TARGET_PROGRESS, run.io.version(Tables.GOLD, Tables.TARGET_PROGRESS));
    for (Dataset<Row> cached : List.of(eid, dossierMeasures, snapshotFigures, wards)) {
      cached.unpersist();
    }
    writeAnomalies(plan, silver.targets(), dimWard);
  }

  /**
   * gold.anomalies (issue 24) of the months just written, from gold's current-ward rows of those
   * months and the history before them ({@link Anomalies#historyFrom}), the daily report check and
   * the campaigns of the targets feed; the months' earlier rows are replaced.
   */
  private void writeAnomalies(GoldPlan plan, Dataset<Row> targets, Dataset<Row> dimWard) {
    AnomalyRules rules = AnomalyRules.resolve();
    String from = plan.fromMonth();
    Dataset<Row> kpis = run.io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT);
    Dataset<Row> daily = run.io.read(Tables.GOLD, Tables.DAILY_REPORT_CHECK);
    if (from != null) {
      kpis = kpis.where(col("month").geq(Anomalies.historyFrom(from, rules)));
      daily = daily.where(col("month").geq(from));
    }
    run.progress.stage("gold: %s", Tables.ANOMALIES);
    List<Row> found =
        Anomalies.candidates(
                kpis,
                daily,
                Anomalies.expectedSurges(run.spark, targets, dimWard, rules),
                dimWard.select("ward_code", "era", "current_ward_code"),
                from,
                rules)
            .collectAsList();
    Dataset<Row> rows =
        run.spark.createDataFrame(
            Anomalies.withReasons(found, rules, java.time.Instant.now()), Anomalies.SCHEMA);
    writeTable(rows, Tables.ANOMALIES, plan.where());
  }

  /**
   * Wards in scope: those of every province with data; an old ward with no crosswalk link (merged
   * away before the lists the warehouse knows) only where it has events. Cached.
   */
  private Dataset<Row> wardsInScope(
      Dataset<Row> dimWard,
      Dataset<Row> eid,
      Dataset<Row> dossierMeasures,
      Dataset<Row> eligible,
      Set<String> goldProvinces,
      TreeSet<String> months) {
    Dataset<Row> withEvents =
        eid.select("ward_code", "ward_era")
            .unionByName(dossierMeasures.select("ward_code", "ward_era"))
            .unionByName(eligible.select("ward_code", "ward_era"))
            .distinct()
            .select(
                col("ward_code").as("_code"),
                col("ward_era").as("_era"),
                lit(true).as("_has_events"));
    Dataset<Row> dimWithEvents =
        dimWard.join(
            withEvents,
            col("_code").equalTo(col("ward_code")).and(col("_era").equalTo(col("era"))),
            "left");
    Set<String> provinces =
        new TreeSet<>(
            dimWithEvents
                .where(col("_has_events").and(col("current_province_code").isNotNull()))
                .select("current_province_code")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList());
    provinces.addAll(goldProvinces);
    Dataset<Row> wards =
        dimWithEvents
            .where(
                col("current_province_code")
                    .isin(provinces.toArray())
                    .and(col("current_ward_code").isNotNull().or(col("_has_events").equalTo(true))))
            .select("ward_code", "era", "current_ward_code", "province_code", "district_code")
            .cache();
    run.progress.stage("gold: %s to %s, provinces %s", months.first(), months.last(), provinces);
    return wards;
  }

  private void writeTable(Dataset<Row> rows, String table, String where) {
    run.progress.stage("gold: %s (%s)", table, where.equals("true") ? "all months" : where);
    // One file per month: a month's gold is small, and readers (the dashboard, Trino) open fewer
    // files.
    run.io.replaceWhere(rows.repartition(col("month")), Tables.GOLD, table, where, "month");
    run.versions.put("gold." + table, run.io.version(Tables.GOLD, table));
  }

  /** The plan's calendar as rows: month, eligible_snapshot, dq_snapshot. */
  private Dataset<Row> calendar(GoldPlan plan, YearMonth first, YearMonth last) {
    List<Row> rows =
        plan.calendar(first, last).stream()
            .map(
                month ->
                    RowFactory.create(
                        month.month(),
                        month.eligibleSnapshot() == null
                            ? null
                            : Date.valueOf(month.eligibleSnapshot()),
                        month.qualitySnapshot() == null
                            ? null
                            : Date.valueOf(month.qualitySnapshot())))
            .toList();
    StructType schema =
        new StructType()
            .add("month", DataTypes.StringType, false)
            .add("eligible_snapshot", DataTypes.DateType, true)
            .add("dq_snapshot", DataTypes.DateType, true);
    return run.spark.createDataFrame(rows, schema);
  }
}
