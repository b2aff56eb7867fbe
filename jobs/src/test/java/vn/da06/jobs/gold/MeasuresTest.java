package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

// Over 400 lines: the data-quality rules need a snapshot of records per defect they flag.
/**
 * The monthly measures and snapshot figures on rows built in memory, and the one list of what Spark
 * computes for each gold column.
 */
class MeasuresTest {
  /** The silver population columns the snapshot figures read. */
  static final StructType POPULATION =
      new StructType()
          .add("snapshot_date", DataTypes.DateType)
          .add("citizen_key", DataTypes.StringType)
          .add("citizen_id_valid", DataTypes.BooleanType)
          .add("citizen_id_prefix", DataTypes.StringType)
          .add("full_name_key", DataTypes.StringType)
          .add("birth_date", DataTypes.DateType)
          .add("sex", DataTypes.StringType)
          .add("ward_code", DataTypes.StringType)
          .add("ward_era", DataTypes.StringType)
          .add("residence_type", DataTypes.StringType)
          .add("is_deceased", DataTypes.BooleanType)
          .add("last_verified_at", DataTypes.DateType);

  static final Date SNAPSHOT = Date.valueOf("2025-03-31");
  static final Date FRESH = Date.valueOf("2025-01-01");

  final SparkSession spark = SharedSpark.get();

  /** Every column name Spark computes for gold, from the named measures, sums and rates. */
  static java.util.Set<String> sparkMeasures() {
    java.util.Set<String> measures = new java.util.LinkedHashSet<>();
    measures.addAll(Measures.EID_COUNTS);
    measures.addAll(Measures.DOSSIER_COUNTS);
    measures.addAll(Measures.SNAPSHOT_FIGURES);
    measures.addAll(WardMonthKpis.CUMULATIVE);
    measures.addAll(WardMonthKpis.HELPER_SUMS.keySet());
    measures.addAll(Rates.COLUMNS);
    return measures;
  }

  @Test
  void everyMetricHasASparkMeasureOfItsName() {
    assertThat(sparkMeasures())
        .containsAll(Metrics.ALL.stream().map(Metric::column).toList())
        .containsAll(Metrics.HELPER_COUNTS);
  }

  @Test
  void everySparkMeasureIsAMetricOrAHelperCount() {
    java.util.Set<String> known = new java.util.HashSet<>(Metrics.HELPER_COUNTS);
    Metrics.ALL.forEach(metric -> known.add(metric.column()));
    assertThat(known).containsAll(sparkMeasures());
  }

  @Test
  void everyNamedRateIsARateOfMetrics() {
    assertThat(Rates.COLUMNS)
        .allSatisfy(rate -> assertThat(Metrics.byColumn(rate)).hasValueSatisfying(m -> m.isRate()));
    assertThat(Rates.COLUMNS)
        .containsExactlyInAnyOrderElementsOf(Metrics.rates().stream().map(Metric::column).toList());
  }

  @Test
  void thePortals2025CountsAreNullForAMonthWhoseExportsLackTheirColumns() {
    // ward 06001: June from an old export (columns NULL); July from a 2025 export, one dossier
    // with an empty online_scope (counts as not FULL) and one resolved in August.
    Dataset<Row> dossiers =
        spark.createDataFrame(
            List.of(
                dossier("ONLINE", "2025-06-03T03:00:00Z", "2025-06-05T03:00:00Z", null, null, null),
                dossier("ONLINE", "2025-07-03T03:00:00Z", null, "FULL", "PAID_ONLINE", false),
                dossier("ONLINE", "2025-07-04T03:00:00Z", null, "", "PAID_OFFLINE", false),
                dossier(
                    "COUNTER", "2025-07-05T03:00:00Z", "2025-08-01T03:00:00Z", "", "NONE", true),
                dossier(
                    "ONLINE", "2025-07-06T03:00:00Z", "2025-08-02T03:00:00Z", "FULL", "", false)),
            GoldRows.DOSSIERS);
    java.util.Map<String, Row> byMonth = new java.util.TreeMap<>();
    Measures.dossiers(dossiers, false)
        .collectAsList()
        .forEach(row -> byMonth.put(row.<String>getAs("month"), row));

    Row june = byMonth.get("2025-06");
    assertThat(june.<Long>getAs("dossiers_total")).isEqualTo(1);
    assertThat(june.<Long>getAs("dossiers_resolved")).isEqualTo(1);
    for (String count : Measures.EXPORTED_ONLY_COUNTS) {
      assertThat(june.<Long>getAs(count)).as(count).isNull();
    }
    Row july = byMonth.get("2025-07");
    assertThat(july.<Long>getAs("dossiers_total")).isEqualTo(4);
    assertThat(july.<Long>getAs("dossiers_online_full")).isEqualTo(2);
    assertThat(july.<Long>getAs("dossiers_fee_paid_online")).isEqualTo(1);
    assertThat(july.<Long>getAs("dossiers_fee_paid")).isEqualTo(2);
    // Nothing was resolved in July: no digitisation count, though July's rows know the column.
    assertThat(july.<Long>getAs("dossiers_resolved_digitized")).isNull();
    Row august = byMonth.get("2025-08");
    assertThat(august.<Long>getAs("dossiers_resolved")).isEqualTo(2);
    assertThat(august.<Long>getAs("dossiers_resolved_digitized")).isEqualTo(1);
    // August has resolutions only: its submitted-month counts have no dossier to know them from.
    assertThat(august.<Long>getAs("dossiers_total")).isZero();
    assertThat(august.<Long>getAs("dossiers_online_full")).isNull();
  }

  private static Row dossier(
      String channel,
      String submitted,
      String resolved,
      String onlineScope,
      String fee,
      Boolean digitized) {
    return RowFactory.create(
        "06001",
        "POST_REFORM",
        "ES01",
        channel,
        channel.equals("ONLINE") ? "VNEID" : "NONE",
        GoldRows.at(submitted),
        resolved == null ? null : GoldRows.at(resolved),
        null,
        onlineScope,
        fee,
        digitized);
  }

  @Test
  void aRateWithoutANamedSparkRateIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rates.of("dossiers_total"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot compute rate dossiers_total: gold has no Spark rate of that name (add it to"
                + " Rates.COLUMNS)");
  }

  @Test
  void theMeasuresOutputColumnsAreTheirNamedMeasuresInOrder() {
    StructType applications =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("ward_era", DataTypes.StringType)
            .add("level", DataTypes.IntegerType)
            .add("received_at", DataTypes.TimestampType)
            .add("activated_at", DataTypes.TimestampType);
    StructType dossiers =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("ward_era", DataTypes.StringType)
            .add("service_code", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("auth_method", DataTypes.StringType)
            .add("submitted_at", DataTypes.TimestampType)
            .add("resolved_at", DataTypes.TimestampType)
            .add("due_at", DataTypes.TimestampType)
            .add("online_scope", DataTypes.StringType)
            .add("fee", DataTypes.StringType)
            .add("result_digitized", DataTypes.BooleanType);
    List<String> keys = List.of("ward_code", "ward_era", "month");
    assertThat(Measures.eid(spark.createDataFrame(List.of(), applications)).columns())
        .containsExactlyElementsOf(concat(keys, Measures.EID_COUNTS));
    assertThat(Measures.dossiers(spark.createDataFrame(List.of(), dossiers), false).columns())
        .containsExactlyElementsOf(concat(keys, Measures.DOSSIER_COUNTS));
    assertThat(Measures.bySnapshot(spark.createDataFrame(List.of(), POPULATION)).columns())
        .containsExactlyElementsOf(
            concat(List.of("snapshot_date", "ward_code", "ward_era"), Measures.SNAPSHOT_FIGURES));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }

  @Test
  void dataQualityRulesFlagEachDefectOnce() {
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                // clean: 020 province, 1 = female born 1900s, 85 = 1985
                RowFactory.create(
                    SNAPSHOT,
                    "k1",
                    true,
                    "020185",
                    "n1",
                    Date.valueOf("1985-02-03"),
                    "F",
                    "06325",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH),
                // đúng: year digits 84 for 1985
                RowFactory.create(
                    SNAPSHOT,
                    "k2",
                    true,
                    "020184",
                    "n2",
                    Date.valueOf("1985-02-03"),
                    "F",
                    "06325",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH),
                // đúng: province 097 does not exist
                RowFactory.create(
                    SNAPSHOT,
                    "k3",
                    true,
                    "097185",
                    "n3",
                    Date.valueOf("1985-02-03"),
                    "F",
                    "06325",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH),
                // đủ: no residence type; sống: verified 366 days before
                RowFactory.create(
                    SNAPSHOT,
                    "k4",
                    true,
                    "020185",
                    "n4",
                    Date.valueOf("1985-02-03"),
                    "F",
                    "06325",
                    "PRE_REFORM",
                    null,
                    false,
                    Date.valueOf("2024-03-30")),
                // sạch: same name, birth date and ward as k5 under another id
                RowFactory.create(
                    SNAPSHOT,
                    "k5",
                    true,
                    "020090",
                    "n5",
                    Date.valueOf("1990-01-01"),
                    "M",
                    "06325",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH),
                RowFactory.create(
                    SNAPSHOT,
                    "k6",
                    true,
                    "020090",
                    "n5",
                    Date.valueOf("1990-01-01"),
                    "M",
                    "06325",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH)),
            POPULATION);
    Row quality = Measures.dataQualityBySnapshot(rows).head();
    assertThat(quality.<Long>getAs("dq_records")).isEqualTo(6);
    assertThat(quality.<Long>getAs("dq_incorrect")).isEqualTo(2);
    assertThat(quality.<Long>getAs("dq_incomplete")).isEqualTo(1);
    assertThat(quality.<Long>getAs("dq_stale")).isEqualTo(1);
    assertThat(quality.<Long>getAs("dq_unclean")).isEqualTo(2);
    assertThat(quality.<Long>getAs("dq_clean_records")).isEqualTo(1);
    // 14 or older on the snapshot date, counted once.
    Dataset<Row> withTeen =
        rows.unionByName(
            rows.limit(1)
                .withColumn("citizen_key", lit("teen"))
                .withColumn("birth_date", lit("2011-04-01").cast("date")));
    assertThat(Measures.eligibleBySnapshot(withTeen).head().<Long>getAs("eligible_population"))
        .isEqualTo(6);
  }

  @Test
  void aCitizenListedTwiceCountsOnceAtThePermanentRecordsWardAndBothRecordsAreUnclean() {
    Date born = Date.valueOf("1985-02-03");
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                // k1 twice: TEMPORARY at the lower ward code, PERMANENT at the higher one.
                RowFactory.create(
                    SNAPSHOT,
                    "k1",
                    true,
                    "020185",
                    "n1",
                    born,
                    "F",
                    "06325",
                    "PRE_REFORM",
                    "TEMPORARY",
                    false,
                    FRESH),
                RowFactory.create(
                    SNAPSHOT,
                    "k1",
                    true,
                    "020185",
                    "n1",
                    born,
                    "F",
                    "06328",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH),
                // k2 twice, both TEMPORARY: the lowest ward code.
                RowFactory.create(
                    SNAPSHOT,
                    "k2",
                    true,
                    "020185",
                    "n2",
                    born,
                    "F",
                    "06331",
                    "PRE_REFORM",
                    "TEMPORARY",
                    false,
                    FRESH),
                RowFactory.create(
                    SNAPSHOT,
                    "k2",
                    true,
                    "020185",
                    "n2",
                    born,
                    "F",
                    "06325",
                    "PRE_REFORM",
                    "TEMPORARY",
                    false,
                    FRESH),
                // k3 once.
                RowFactory.create(
                    SNAPSHOT,
                    "k3",
                    true,
                    "020185",
                    "n3",
                    born,
                    "F",
                    "06331",
                    "PRE_REFORM",
                    "PERMANENT",
                    false,
                    FRESH)),
            POPULATION);
    java.util.Map<String, Row> byWard = new java.util.TreeMap<>();
    Measures.bySnapshot(rows)
        .collectAsList()
        .forEach(row -> byWard.put(row.<String>getAs("ward_code"), row));
    assertThat(byWard).containsOnlyKeys("06325", "06328", "06331");
    assertThat(byWard.values())
        .extracting(r -> r.<Long>getAs("eligible_population"))
        .containsExactly(1L, 1L, 1L);
    assertThat(byWard.values())
        .extracting(r -> r.<Long>getAs("dq_unclean"))
        .containsExactly(2L, 1L, 1L);
    assertThat(byWard.values())
        .extracting(r -> r.<Long>getAs("dq_records"))
        .containsExactly(2L, 1L, 2L);
  }

  @Test
  void eachApplicationCountsInItsVietnameseReceivedMonthAndEachActivationInItsActivatedMonth() {
    StructType schema =
        new StructType()
            .add("ward_code", DataTypes.StringType)
            .add("ward_era", DataTypes.StringType)
            .add("level", DataTypes.IntegerType)
            .add("received_at", DataTypes.TimestampType)
            .add("activated_at", DataTypes.TimestampType);
    Dataset<Row> applications =
        spark.createDataFrame(
            List.of(
                // 00:30 on 1 July 2025 in Vietnam, still 30 June in UTC; activated in August.
                RowFactory.create(
                    "00004",
                    "POST_REFORM",
                    2,
                    at("2025-06-30T17:30:00Z"),
                    at("2025-08-02T03:00:00Z")),
                RowFactory.create("00004", "POST_REFORM", 1, at("2025-07-15T03:00:00Z"), null),
                // The same code before the reform is another ward.
                RowFactory.create(
                    "00004",
                    "PRE_REFORM",
                    1,
                    at("2025-06-30T16:59:59Z"),
                    at("2025-07-01T01:00:00Z")),
                RowFactory.create("99999", "PRE_REFORM", 2, at("2022-12-31T16:59:59Z"), null)),
            schema);
    List<String> sums =
        Measures.eid(applications)
            .orderBy("ward_code", "ward_era", "month")
            .collectAsList()
            .stream()
            .map(
                r ->
                    String.join(
                        " ",
                        r.getString(0),
                        r.getString(1),
                        r.getString(2),
                        r.get(3) + "," + r.get(4) + "," + r.get(5) + "," + r.get(6)))
            .toList();
    assertThat(sums)
        .containsExactly(
            "00004 POST_REFORM 2025-07 1,1,0,0",
            "00004 POST_REFORM 2025-08 0,0,0,1",
            "00004 PRE_REFORM 2025-06 1,0,0,0",
            "00004 PRE_REFORM 2025-07 0,0,1,0",
            "99999 PRE_REFORM 2022-12 0,1,0,0");
  }

  private static java.sql.Timestamp at(String instant) {
    return java.sql.Timestamp.from(java.time.Instant.parse(instant));
  }

  @Test
  void ofAPartitionsValuesEachRepeatedValueIsGivenOnce() throws Exception {
    List<Long> repeated = new java.util.ArrayList<>();
    new Measures.Repeated()
        .call(List.of(4L, -7L, 2L, 9L, 2L, -7L, 1L, 2L, 3L, 4L).iterator())
        .forEachRemaining(repeated::add);
    assertThat(repeated).containsExactly(-7L, 2L, 4L);
    assertThat(new Measures.Repeated().call(List.of(3L, 1L, 2L).iterator()).hasNext()).isFalse();
    assertThat(new Measures.Repeated().call(List.<Long>of().iterator()).hasNext()).isFalse();
    // More values than the first array holds: 0..4999 twice, and 5000..9999 once, interleaved.
    List<Long> many = new java.util.ArrayList<>();
    for (long v = 0; v < 10_000; v++) {
      many.add(v);
      if (v < 5_000) {
        many.add(4_999 - v);
      }
    }
    List<Long> found = new java.util.ArrayList<>();
    new Measures.Repeated().call(many.iterator()).forEachRemaining(found::add);
    assertThat(found)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 5_000).boxed().toList());
  }

  @Test
  void aLargeInputsHashesGetMorePartitionsSoEachFitsInMemory() {
    int configured = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    assertThat(Measures.hashPartitions(spark.range(1_000).toDF())).isEqualTo(configured);
    // 10 billion ids, 80 GB by Spark's estimate (never computed): ~150 partitions of 512 MB of
    // input each.
    assertThat(Measures.hashPartitions(spark.range(10_000_000_000L).toDF())).isBetween(150, 160);
  }

  @Test
  void aRateIsNullWhereItsDenominatorIsZero() {
    Dataset<Row> rows = spark.range(1).select(lit(3L).as("n"), lit(0L).as("zero"), lit(4L).as("d"));
    Row row =
        rows.select(
                WardMonthKpis.rate(col("n"), col("zero")), WardMonthKpis.rate(col("n"), col("d")))
            .head();
    assertThat(row.isNullAt(0)).isTrue();
    assertThat(row.getDouble(1)).isEqualTo(0.75);
  }
}
