package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import vn.da06.warehouse.EssentialServices;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.admin.Era;

// Over 400 lines: each metric's counting rule lives here once, most of it data quality.
/**
 * Silver rows → monthly measures keyed by the ward code as recorded and its era: {@code ward_code,
 * ward_era, month} and one column per count. {@link WardMonthKpis} then places them on the wards of
 * the time or today's wards. Pure functions; each metric's counting rule lives here once.
 */
public final class Measures {

  private Measures() {}

  public static Column month(Column timestamp) {
    return date_format(timestamp, "yyyy-MM");
  }

  /** The month of the year, 1–12 ({@link #month} is the yyyy-MM month events are counted in). */
  private static Column calendarMonth(Column date) {
    return org.apache.spark.sql.functions.month(date);
  }

  /** eid_applications_l1/l2 by received month; eid_activations_l1/l2 by activated month. */
  public static Dataset<Row> eid(Dataset<Row> applications) {
    return monthlySums(applications, List.of(), eidEvents());
  }

  /** The application counts of {@link #eid}, in its column order. */
  public static final List<String> EID_COUNTS = measureNames(eidEvents());

  private static List<Event> eidEvents() {
    Column l1 = flag(col("level").equalTo(1));
    Column l2 = flag(col("level").equalTo(2));
    return List.of(
        Event.at(col("received_at"))
            .count("eid_applications_l1", l1)
            .count("eid_applications_l2", l2),
        Event.at(col("activated_at"))
            .count("eid_activations_l1", l1)
            .count("eid_activations_l2", l2));
  }

  /**
   * Dossier counts by submitted month, resolution counts by resolved month, optionally per service.
   */
  public static Dataset<Row> dossiers(Dataset<Row> dossiers, boolean perService) {
    return monthlySums(dossiers, perService ? List.of("service_code") : List.of(), dossierEvents());
  }

  /** The dossier counts of {@link #dossiers}, in its column order. */
  public static final List<String> DOSSIER_COUNTS = measureNames(dossierEvents());

  private static List<Event> dossierEvents() {
    Column online = col("channel").equalTo("ONLINE");
    Column essential = col("service_code").isin(EssentialServices.NAMES.keySet().toArray());
    Column withDue = col("due_at").isNotNull();
    // The portals' 2025 columns: NULL in silver where the dossier's current row came from an
    // export without the column, so these counts are NULL for a month none of whose dossiers has
    // one (an empty value counts as not FULL, not paid, not digitised).
    Column scopeKnown = col("online_scope").isNotNull();
    Column feeKnown = col("fee").isNotNull();
    Column digitizationKnown = col("result_digitized").isNotNull();
    return List.of(
        Event.at(col("submitted_at"))
            .count("dossiers_total", lit(1L))
            .count("dossiers_online", flag(online))
            .count("essential_dossiers_total", flag(essential))
            .count("essential_dossiers_online", flag(essential.and(online)))
            .count("dossiers_online_vneid", flag(online.and(col("auth_method").equalTo("VNEID"))))
            .countWhereExported(
                "dossiers_online_full", scopeKnown, online.and(col("online_scope").equalTo("FULL")))
            .countWhereExported(
                "dossiers_fee_paid_online", feeKnown, col("fee").equalTo("PAID_ONLINE"))
            .countWhereExported(
                "dossiers_fee_paid", feeKnown, col("fee").isin("PAID_ONLINE", "PAID_OFFLINE")),
        Event.at(col("resolved_at"))
            .count("dossiers_resolved", lit(1L))
            .count(
                "dossiers_resolved_on_time",
                flag(withDue.and(col("resolved_at").leq(col("due_at")))))
            .count("dossiers_resolved_with_due", flag(withDue))
            .countWhereExported(
                "dossiers_resolved_digitized",
                digitizationKnown,
                col("result_digitized").equalTo(true)));
  }

  /**
   * The dossier counts that are NULL, not 0, for a group none of whose rows came from an export
   * carrying their column (see {@link Event#countWhereExported}).
   */
  public static final List<String> EXPORTED_ONLY_COUNTS = exportedOnly(dossierEvents());

  /**
   * One kind of event a row records: when it happened (the month it counts in; none when NULL) and
   * the counts it adds, each bound to its gold column's name. A measure another kind of event of
   * the same rows counts is 0 in this one.
   */
  private record Event(Column at, Map<String, Column> counts, Set<String> exportedOnly) {
    static Event at(Column at) {
      return new Event(at, Map.of(), Set.of());
    }

    Event count(String measure, Column value) {
      Map<String, Column> more = new LinkedHashMap<>(counts);
      if (more.put(measure, value) != null) {
        throw new IllegalArgumentException("Cannot count " + measure + " twice in one event");
      }
      return new Event(at, java.util.Collections.unmodifiableMap(more), exportedOnly);
    }

    /**
     * A count of the rows where {@code condition} holds among those whose export carried the column
     * ({@code known}): each row adds NULL where it did not, so the sum is NULL for a group with no
     * such row. Other events add NULL to it too.
     */
    Event countWhereExported(String measure, Column known, Column condition) {
      Set<String> more = new LinkedHashSet<>(exportedOnly);
      more.add(measure);
      return new Event(at, counts, java.util.Collections.unmodifiableSet(more))
          .count(measure, when(known, flag(condition)));
    }
  }

  private static List<String> exportedOnly(List<Event> events) {
    Set<String> names = new LinkedHashSet<>();
    events.forEach(event -> names.addAll(event.exportedOnly()));
    return List.copyOf(names);
  }

  /** Every measure of the events, in the order they are first named. */
  private static List<String> measureNames(List<Event> events) {
    Set<String> names = new LinkedHashSet<>();
    events.forEach(event -> names.addAll(event.counts().keySet()));
    return List.copyOf(names);
  }

  /**
   * Each row's events summed by {@code ward_code, ward_era, month} (and the extra keys): columns
   * those keys, then one per measure, in the order the events name them.
   *
   * <p>One pass over the rows: each row gives one row per kind of event ({@code inline} of an array
   * of structs), and the three keys are grouped as one long ({@link #packedKey}), turned back into
   * text only for the sums. Over the 25M applications of {@code bench gold --rows 100M}, in a
   * harness (second of two runs), the eid sums took 38.9 s as a union of two scans grouped by the
   * three text columns, 23.8 s in one pass, 19.8 s by the long key over two scans and 17.7 s with
   * both.
   */
  private static Dataset<Row> monthlySums(
      Dataset<Row> rows, List<String> extraKeys, List<Event> events) {
    List<String> measures = measureNames(events);
    List<String> exportedOnly = exportedOnly(events);
    Column[] structs = new Column[events.size()];
    for (int e = 0; e < events.size(); e++) {
      Event event = events.get(e);
      List<Column> fields = new ArrayList<>(List.of(packedKey(event.at()).as("_key")));
      for (String measure : measures) {
        Column none = exportedOnly.contains(measure) ? lit(null).cast("long") : lit(0L);
        fields.add(event.counts().getOrDefault(measure, none).as(measure));
      }
      structs[e] = struct(fields.toArray(Column[]::new));
    }
    List<Column> extra = extraKeys.stream().map(k -> col(k)).toList();
    List<Column> selected = new ArrayList<>(extra);
    selected.add(inline(array(structs)));
    List<Column> groups = new ArrayList<>(List.of(col("_key")));
    groups.addAll(extra);
    List<Column> sums = measures.stream().map(m -> sum(col(m)).as(m)).toList();
    List<Column> result = new ArrayList<>(List.of(unpacked(col("_key"))));
    result.addAll(extra);
    result.addAll(measures.stream().map(m -> col(m)).toList());
    return rows.select(selected.toArray(Column[]::new))
        .where(col("_key").isNotNull())
        .groupBy(groups.toArray(Column[]::new))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .select(result.toArray(Column[]::new));
  }

  private static final long ERA_BIT = 1L << 19;
  private static final int WARD_SHIFT = 20;

  /**
   * The row's ward code, era and the month of {@code at} in one long: ward code (5 digits, as
   * silver holds it) · 2²⁰ + 2¹⁹ for the current era + year · 12 + month − 1 (the month as {@link
   * #month} reads it, in the session's time zone). NULL when {@code at}, the ward code or the era
   * is.
   */
  static Column packedKey(Column at) {
    Column era =
        when(col("ward_era").equalTo(Era.POST_REFORM.name()), ERA_BIT)
            .when(col("ward_era").equalTo(Era.PRE_REFORM.name()), 0L);
    Column monthIndex = year(at).cast("long").multiply(12).plus(calendarMonth(at)).minus(1);
    return shiftleft(col("ward_code").cast("long"), WARD_SHIFT).plus(era).plus(monthIndex);
  }

  /** {@code ward_code, ward_era, month} of a {@link #packedKey}. */
  static Column[] unpacked(Column key) {
    Column monthIndex = key.bitwiseAND(ERA_BIT - 1);
    return new Column[] {
      lpad(shiftright(key, WARD_SHIFT).cast("string"), 5, "0").as("ward_code"),
      when(key.bitwiseAND(ERA_BIT).notEqual(0), Era.POST_REFORM.name())
          .otherwise(Era.PRE_REFORM.name())
          .as("ward_era"),
      format_string(
              "%04d-%02d",
              monthIndex.divide(12).cast("int"), monthIndex.mod(12).plus(1).cast("int"))
          .as("month")
    };
  }

  /**
   * Eligible population per snapshot and ward: distinct citizens, not deceased, 14 or older on the
   * snapshot date; a citizen listed twice counts once, at the PERMANENT record's ward (the lowest
   * such code), else at the lowest ward code. Columns {@code snapshot_date, ward_code, ward_era,
   * eligible_population}; only wards with at least one eligible citizen.
   */
  public static Dataset<Row> eligibleBySnapshot(Dataset<Row> population) {
    return eligible(bySnapshot(population));
  }

  /** The eligible-population rows of a {@link #bySnapshot} result. */
  public static Dataset<Row> eligible(Dataset<Row> bySnapshot) {
    return bySnapshot
        .where(col("eligible_population").gt(0))
        .select("snapshot_date", "ward_code", "ward_era", "eligible_population");
  }

  /**
   * The four data-quality rules ("đúng, đủ, sạch, sống") per snapshot and ward. Columns {@code
   * snapshot_date, ward_code, ward_era, dq_records, dq_incorrect, dq_incomplete, dq_unclean,
   * dq_stale, dq_clean_records}.
   */
  public static Dataset<Row> dataQualityBySnapshot(Dataset<Row> population) {
    return quality(flagged(population));
  }

  /**
   * Both snapshot figures over the population: per snapshot and ward of the record, {@code
   * eligible_population} (see {@link #eligibleBySnapshot}) and the data-quality counts (see {@link
   * #dataQualityBySnapshot}).
   *
   * <p>Only a citizen with more than one record in a snapshot needs its records side by side (to
   * count it once, and for "sạch"), and those are few. So {@link #sharingKey} finds the records
   * that share a key — the ids listed twice, and the (name, birth date, ward) listed under more
   * than one id — the exact sets are counted over those few records, and every record is flagged by
   * joining the sets back, broadcast. Only the eligible records of ids listed twice are ranked (a
   * window over a few rows); every other eligible record is its citizen's only one. Two window
   * sorts of every record, each after a shuffle of the whole population, did the same before:
   * {@code bench dq} over 10M records took 35.0 s with them, 28.9 s with two aggregations over the
   * keys' text columns, 19.0–24.6 s (medians of three runs) with {@link #sharingKey} sorting by
   * Spark's sort, and 16.7 and 13.4 s (two runs) with {@link Repeated} (BENCHMARKS.md).
   */
  public static Dataset<Row> bySnapshot(Dataset<Row> population) {
    Dataset<Row> flagged = flagged(population);
    // An eligible citizen counts once: at its PERMANENT record's ward, then the lowest ward code.
    Dataset<Row> eligibleRecords =
        flagged
            .where(col("_eligible"))
            .select(
                "snapshot_date",
                "citizen_key",
                "ward_code",
                "ward_era",
                "residence_type",
                "_id_twice");
    WindowSpec perCitizen =
        Window.partitionBy("citizen_key", "snapshot_date")
            .orderBy(
                when(col("residence_type").equalTo("PERMANENT"), 0).otherwise(1), col("ward_code"));
    Dataset<Row> counted =
        eligibleRecords
            .where(col("_id_twice").isNull())
            .unionByName(
                eligibleRecords
                    .where(col("_id_twice"))
                    .withColumn("_rank", row_number().over(perCitizen))
                    .where(col("_rank").equalTo(1))
                    .drop("_rank"));
    Dataset<Row> eligibleCounts =
        counted
            .groupBy("snapshot_date", "ward_code", "ward_era")
            .agg(count(lit(1)).as("eligible_population"));
    return quality(flagged)
        .join(eligibleCounts, WardMonthKpis.keys("snapshot_date", "ward_code", "ward_era"), "left")
        .select(
            Stream.concat(
                    Stream.of(
                        col("snapshot_date"),
                        col("ward_code"),
                        col("ward_era"),
                        coalesce(col("eligible_population"), lit(0L)).as("eligible_population")),
                    DQ_COUNTS.stream().map(count -> col(count)))
                .toArray(Column[]::new));
  }

  /**
   * Each record with {@code _eligible}, {@code _id_twice} (NULL or true) and the four rules' flags.
   */
  private static Dataset<Row> flagged(Dataset<Row> population) {
    Column age14 =
        year(col("snapshot_date"))
            .minus(year(col("birth_date")))
            .gt(Metrics.ELIGIBLE_AGE)
            .or(
                year(col("snapshot_date"))
                    .minus(year(col("birth_date")))
                    .equalTo(Metrics.ELIGIBLE_AGE)
                    .and(
                        calendarMonth(col("snapshot_date"))
                            .gt(calendarMonth(col("birth_date")))
                            .or(
                                calendarMonth(col("snapshot_date"))
                                    .equalTo(calendarMonth(col("birth_date")))
                                    .and(
                                        dayofmonth(col("snapshot_date"))
                                            .geq(dayofmonth(col("birth_date")))))));
    Column eligible =
        col("citizen_key")
            .isNotNull()
            .and(coalesce(col("is_deceased"), lit(false)).equalTo(false))
            .and(col("birth_date").isNotNull())
            .and(coalesce(age14, lit(false)));
    // "sạch", first half: the id listed more than once in the snapshot.
    Dataset<Row> idsTwice =
        sharingKey(population.where(col("citizen_key").isNotNull()), "citizen_key", "snapshot_date")
            .groupBy("citizen_key", "snapshot_date")
            .agg(count(lit(1)).as("_n"))
            .where(col("_n").gt(1))
            .select(col("citizen_key"), col("snapshot_date"), lit(true).as("_id_twice"));
    // "sạch", second half: the same person (name, birth date, ward) under more than one id (a
    // missing id counts
    // as one more id, as the empty string).
    String[] person = {"full_name_key", "birth_date", "ward_code", "snapshot_date"};
    Column[] personColumns =
        java.util.Arrays.stream(person).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> otherIds =
        sharingKey(
                population.where(
                    col("full_name_key").isNotNull().and(col("birth_date").isNotNull())),
                person)
            .groupBy(personColumns)
            .agg(countDistinct(coalesce(col("citizen_key"), lit(""))).as("_ids"))
            .where(col("_ids").gt(1))
            .select(personColumns)
            .withColumn("_other_id", lit(true));
    return population
        .join(broadcast(idsTwice), WardMonthKpis.keys("citizen_key", "snapshot_date"), "left")
        .join(broadcast(otherIds), WardMonthKpis.keys(person), "left")
        .withColumn("_eligible", eligible)
        .withColumn("dq_incorrect_flag", incorrect())
        .withColumn(
            "dq_incomplete_flag",
            col("citizen_key")
                .isNull()
                .or(col("full_name_key").isNull())
                .or(col("birth_date").isNull())
                .or(col("sex").isNull())
                .or(col("residence_type").isNull()))
        .withColumn(
            "dq_unclean_flag",
            coalesce(col("_id_twice"), lit(false)).or(coalesce(col("_other_id"), lit(false))))
        .withColumn(
            "dq_stale_flag",
            col("last_verified_at")
                .isNull()
                .or(
                    datediff(col("snapshot_date"), col("last_verified_at"))
                        .gt(Metrics.STALE_AFTER_DAYS)));
  }

  /**
   * The rows whose key (the columns given) is shared with another row: the only rows a "listed more
   * than once" rule needs to look at closely, and few. They are found by a 64-bit hash of the key:
   * the hashes are shuffled by themselves, each partition's are sorted ({@link Repeated}) and a
   * hash seen twice is kept; the rows with such a hash are then joined back, broadcast. Exact: rows
   * with the same key have the same hash, so none is missed; a collision only lets through a row
   * whose key is not shared, and the caller's count over the key itself drops it.
   *
   * <p>Over {@code bench dq}'s 10M records, finding the shared ids by counting each id over its
   * text columns took 6.4 s and the shared persons (with their distinct ids) 17.4 s; counting each
   * hash in Spark's hash aggregation 4.9 and 5.4 s; sorting the hashes (Spark's radix sort of a
   * long column) 3.2 s for the ids. Spark's sort of the two keys' hashes then took 5.8 and 5.7 s of
   * CPU in the whole rules (its event log), now a sort of each partition's {@code long[]}.
   */
  private static Dataset<Row> sharingKey(Dataset<Row> rows, String... key) {
    Column hash = xxhash64(java.util.Arrays.stream(key).map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> shared =
        rows.select(hash.as("_key_hash"))
            .repartition(hashPartitions(rows), col("_key_hash"))
            .as(Encoders.LONG())
            .mapPartitions(new Repeated(), Encoders.LONG())
            .toDF("_key_hash");
    return rows.join(broadcast(shared), hash.equalTo(col("_key_hash")), "left_semi");
  }

  /** Bytes of input (Spark's estimate of the rows' size) per partition of their hashes. */
  private static final long INPUT_BYTES_PER_HASH_PARTITION = 512L << 20;

  /**
   * Partitions for the hashes of {@code rows}: the session's shuffle partitions, or more for a
   * large input, so that each partition's hashes, which {@link Repeated} holds in memory, stay near
   * 12M at most (~100 MB). Silver's population takes ~45 bytes a record, so 512 MB of input is ~12M
   * hashes: a national snapshot of 100M records gets 9 partitions, twelve of them 101; bench dq's
   * 10M records (452 MB) keep the session's 8.
   */
  static int hashPartitions(Dataset<Row> rows) {
    int configured =
        Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    long estimated =
        rows.queryExecution()
            .optimizedPlan()
            .stats()
            .sizeInBytes()
            .bigInteger()
            .min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
            .longValue();
    long needed = Math.min(4096, Math.max(1, estimated) / INPUT_BYTES_PER_HASH_PARTITION + 1);
    return (int) Math.max(configured, needed);
  }

  /**
   * Each value of a partition that occurs in it more than once, once. The partition's values are
   * read into one {@code long[]} and sorted there: a partition is one shuffle partition of hashes
   * (8 bytes a row, about 12M at most: {@link #hashPartitions}). With Spark's sort of the same rows
   * instead, the rules took 19.0–24.6 s over bench dq's 10M records; with this, 16.7 and 13.4 s
   * (medians, BENCHMARKS.md).
   */
  static final class Repeated implements MapPartitionsFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Long> call(Iterator<Long> values) {
      long[] sorted = new long[1 << 12];
      int size = 0;
      while (values.hasNext()) {
        if (size == sorted.length) {
          sorted = java.util.Arrays.copyOf(sorted, sorted.length * 2);
        }
        sorted[size++] = values.next();
      }
      java.util.Arrays.sort(sorted, 0, size);
      List<Long> repeated = new ArrayList<>();
      for (int i = 1; i < size; i++) {
        if (sorted[i] == sorted[i - 1]
            && (repeated.isEmpty() || repeated.get(repeated.size() - 1) != sorted[i])) {
          repeated.add(sorted[i]);
        }
      }
      return repeated.iterator();
    }
  }

  /** The four rules' counts per snapshot and ward of the record, from {@link #flagged}. */
  private static Dataset<Row> quality(Dataset<Row> flagged) {
    List<Column> sums =
        qualityCounts().entrySet().stream()
            .map(count -> count.getValue().as(count.getKey()))
            .toList();
    return flagged
        .groupBy("snapshot_date", "ward_code", "ward_era")
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  /** Each data-quality count of gold by name, over the records {@link #flagged} flags. */
  private static Map<String, Column> qualityCounts() {
    Column clean =
        col("dq_incorrect_flag")
            .or(col("dq_incomplete_flag"))
            .or(col("dq_unclean_flag"))
            .or(col("dq_stale_flag"))
            .unary_$bang();
    Map<String, Column> counts = new LinkedHashMap<>();
    counts.put("dq_records", count(lit(1)));
    counts.put("dq_incorrect", sum(flag(col("dq_incorrect_flag"))));
    counts.put("dq_incomplete", sum(flag(col("dq_incomplete_flag"))));
    counts.put("dq_unclean", sum(flag(col("dq_unclean_flag"))));
    counts.put("dq_stale", sum(flag(col("dq_stale_flag"))));
    counts.put("dq_clean_records", sum(flag(clean)));
    return counts;
  }

  /** The data-quality counts of {@link #bySnapshot}, in its column order. */
  public static final List<String> DQ_COUNTS = List.copyOf(qualityCounts().keySet());

  /** The figures of {@link #bySnapshot} after its keys, in its column order. */
  public static final List<String> SNAPSHOT_FIGURES =
      Stream.concat(Stream.of("eligible_population"), DQ_COUNTS.stream()).toList();

  /**
   * "đúng" fails. The id's shape facts (12 digits, first six digits) were kept at ingestion; the id
   * was not.
   */
  private static Column incorrect() {
    Column prefix = col("citizen_id_prefix");
    Column province = substring(prefix, 1, 3).cast("int");
    Column sexCentury = substring(prefix, 4, 1);
    Column birthYear = year(col("birth_date"));
    Column expectedSexCentury =
        when(birthYear.between(1900, 1999), when(col("sex").equalTo("M"), "0").otherwise("1"))
            .when(birthYear.between(2000, 2099), when(col("sex").equalTo("M"), "2").otherwise("3"));
    Column wrongSexCentury =
        col("sex")
            .isNotNull()
            .and(col("birth_date").isNotNull())
            .and(birthYear.between(1900, 2099))
            .and(sexCentury.notEqual(expectedSexCentury));
    Column wrongYear =
        col("birth_date")
            .isNotNull()
            .and(substring(prefix, 5, 2).notEqual(lpad(birthYear.mod(100).cast("string"), 2, "0")));
    Column badBirth =
        col("birth_date")
            .gt(col("snapshot_date"))
            .or(col("birth_date").lt(lit("1900-01-01").cast("date")));
    Column badId =
        col("citizen_id_valid")
            .equalTo(false)
            .or(province.lt(1))
            .or(province.gt(96))
            .or(wrongSexCentury)
            .or(wrongYear);
    return coalesce(badId, lit(false)).or(coalesce(badBirth, lit(false)));
  }

  static Column flag(Column condition) {
    return when(condition, 1L).otherwise(0L);
  }
}
