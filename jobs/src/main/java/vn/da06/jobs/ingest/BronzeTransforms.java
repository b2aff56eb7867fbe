package vn.da06.jobs.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.QuarantineReason;
import vn.da06.warehouse.admin.Era;

/**
 * Raw rows → typed bronze rows, each either accepted ({@code quarantine_reason} NULL) or
 * quarantined with a reason code and a detail that holds no personal data. Pure functions: no
 * paths, no session.
 *
 * <p>{@code knownUnits} has columns {@code unit_code, era} ({@link Era} names): every ward and
 * province code of each list. A row's codes are checked against the list valid on the row's own
 * date.
 *
 * <p>Over 400 lines on purpose: each feed's typing and quarantine rules, one method per feed, read
 * against feeds.md side by side.
 */
public final class BronzeTransforms {

  public static final String REASON = "quarantine_reason";
  public static final String DETAIL = "quarantine_detail";

  /**
   * The timestamp shapes feeds.md allows: {@code yyyy-MM-dd HH:mm:ss}, or ISO {@code
   * yyyy-MM-ddTHH:mm:ss} with optional milliseconds and offset ({@code +07:00}, {@code Z}).
   */
  private static final String TIMESTAMP_SHAPE =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}|T[0-9]{2}:[0-9]{2}:[0-9]{2}((\\.[0-9]{3})?([+-][0-9]{2}:[0-9]{2}|Z))?)$";

  /** A control character: C0 (tab, CR, LF…), DEL and C1. */
  private static final String CONTROL_CHARACTER = "[\\x{0}-\\x{1F}\\x{7F}-\\x{9F}]";

  private static final String ISO_DATE_SHAPE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  private static final String VIETNAMESE_DATE_SHAPE = "^[0-9]{2}/[0-9]{2}/[0-9]{4}$";

  private BronzeTransforms() {}

  public static Dataset<Row> type(Feed feed, Dataset<Row> raw, Dataset<Row> knownUnits) {
    return switch (feed) {
      case EID_APPLICATIONS -> eidApplications(raw, knownUnits);
      case SERVICE_DOSSIERS -> serviceDossiers(raw, knownUnits);
      case POPULATION -> population(raw, knownUnits);
      case DAILY_REPORTS -> dailyReports(raw, knownUnits);
      case TARGETS -> targets(raw, knownUnits);
    };
  }

  public static Dataset<Row> eidApplications(Dataset<Row> raw, Dataset<Row> knownUnits) {
    Dataset<Row> typed =
        raw.withColumn("level_int", when(col("level").isin("1", "2"), col("level").cast("int")))
            .withColumn("channel", upper(col("channel")))
            .withColumn("status", upper(col("status")))
            .withColumn("received_ts", timestamp(col("received_at")))
            .withColumn("activated_ts", timestamp(col("activated_at")))
            .withColumn("updated_ts", timestamp(col("updated_at")))
            .withColumn("ward_era", era(col("received_ts")));
    typed = withUnitKnown(typed, knownUnits, "ward_code", "ward_era");
    Checks checks =
        new Checks()
            .rowError()
            .required(
                "application_id",
                "citizen_key",
                "ward_code",
                "level",
                "channel",
                "received_at",
                "status",
                "updated_at")
            .add(
                length(col("application_id")).gt(64),
                QuarantineReason.VALUE_TOO_LONG,
                lit("application_id is longer than 64 characters"))
            .add(
                col("citizen_id_valid").equalTo(false),
                QuarantineReason.UNPARSEABLE_VALUE,
                lit("citizen_id is not 12 digits"))
            .enumeration("level", col("level"), "1", "2")
            .enumeration("channel", col("channel"), "OFFICE", "MOBILE_TEAM", "APP")
            .enumeration("status", col("status"), "RECEIVED", "APPROVED", "REJECTED")
            .timestamp("received_at", "received_ts")
            .timestamp("updated_at", "updated_ts")
            .timestamp("activated_at", "activated_ts")
            .ward("ward_code", "received_ts")
            .add(
                col("activated_ts").lt(col("received_ts")),
                QuarantineReason.ACTIVATED_BEFORE_RECEIVED,
                concat(
                    lit("activated_at "),
                    col("activated_at"),
                    lit(" is before received_at "),
                    col("received_at")))
            .add(
                col("activated_ts").isNotNull().and(col("status").equalTo("REJECTED")),
                QuarantineReason.ACTIVATED_WHEN_REJECTED,
                lit("activated_at is set on a REJECTED application"))
            .add(
                col("level").equalTo("2").and(col("channel").equalTo("APP")),
                QuarantineReason.LEVEL2_VIA_APP,
                lit(
                    "level 2 cannot be registered through the APP channel (only OFFICE or MOBILE_TEAM)"));
    return checks
        .apply(typed)
        .select(
            col("source_file"),
            col("source_sha256"),
            col("line_number"),
            col("application_id"),
            col("citizen_key"),
            col("ward_code"),
            col("ward_era"),
            col("level_int").as("level"),
            col("channel"),
            col("received_ts").as("received_at"),
            col("status"),
            col("activated_ts").as("activated_at"),
            col("updated_ts").as("updated_at"),
            col(REASON),
            col(DETAIL));
  }

  public static Dataset<Row> serviceDossiers(Dataset<Row> raw, Dataset<Row> knownUnits) {
    Dataset<Row> typed =
        raw.withColumn("service_code", upper(col("service_code")))
            .withColumn("channel", upper(col("channel")))
            .withColumn("auth_method", upper(col("auth_method")))
            .withColumn("status", upper(col("status")))
            .withColumn("submitted_ts", timestamp(col("submitted_at")))
            .withColumn("due_ts", timestamp(col("due_at")))
            .withColumn("resolved_ts", timestamp(col("resolved_at")))
            .withColumn("updated_ts", timestamp(col("updated_at")))
            .withColumn("ward_era", era(col("submitted_ts")))
            // The portals' 2025 columns (issue 24): NULL when the file has no such column, '' when
            // it has the column but the row's value is empty.
            .withColumn("online_scope", upper(col("online_scope")))
            .withColumn("fee", upper(col("fee")))
            .withColumn("digitized", exportedBoolean(col("result_digitized")));
    typed = withUnitKnown(typed, knownUnits, "ward_code", "ward_era");
    Checks checks =
        new Checks()
            .rowError()
            .required(
                "dossier_id",
                "service_code",
                "ward_code",
                "channel",
                "auth_method",
                "submitted_at",
                "status",
                "updated_at")
            .add(
                length(col("dossier_id")).gt(64),
                QuarantineReason.VALUE_TOO_LONG,
                lit("dossier_id is longer than 64 characters"))
            .enumeration("channel", col("channel"), "ONLINE", "COUNTER", "POSTAL")
            .enumeration("auth_method", col("auth_method"), "VNEID", "PORTAL", "NONE")
            .enumeration(
                "status",
                col("status"),
                "RECEIVED",
                "PROCESSING",
                "RESOLVED",
                "REJECTED",
                "WITHDRAWN")
            .timestamp("submitted_at", "submitted_ts")
            .timestamp("updated_at", "updated_ts")
            .timestamp("due_at", "due_ts")
            .timestamp("resolved_at", "resolved_ts")
            .ward("ward_code", "submitted_ts")
            .add(
                col("resolved_ts").lt(col("submitted_ts")),
                QuarantineReason.IMPOSSIBLE_VALUE,
                concat(
                    lit("resolved_at "),
                    col("resolved_at"),
                    lit(" is before submitted_at "),
                    col("submitted_at")))
            .optionalEnumeration("online_scope", col("online_scope"), "FULL", "PARTIAL")
            .optionalEnumeration("fee", col("fee"), "NONE", "PAID_ONLINE", "PAID_OFFLINE")
            .add(
                col("result_digitized").notEqual("").and(col("digitized").isNull()),
                QuarantineReason.BAD_ENUM,
                concat(
                    lit("result_digitized '"),
                    col("result_digitized"),
                    lit("' is not one of true, false")))
            .add(
                col("online_scope").notEqual("").and(col("channel").notEqual("ONLINE")),
                QuarantineReason.IMPOSSIBLE_VALUE,
                concat(
                    lit("online_scope "),
                    col("online_scope"),
                    lit(" is set on a dossier whose channel is "),
                    col("channel"),
                    lit(" (only ONLINE dossiers have one)")));
    return checks
        .apply(typed)
        .select(
            col("source_file"),
            col("source_sha256"),
            col("line_number"),
            col("dossier_id"),
            col("service_code"),
            col("ward_code"),
            col("ward_era"),
            col("channel"),
            col("auth_method"),
            col("submitted_ts").as("submitted_at"),
            col("due_ts").as("due_at"),
            col("resolved_ts").as("resolved_at"),
            col("status"),
            col("updated_ts").as("updated_at"),
            col("online_scope"),
            col("fee"),
            col("digitized").as("result_digitized"),
            col(REASON),
            col(DETAIL));
  }

  /**
   * A {@code true}/{@code false} column the contract lets an export leave out: NULL when the file
   * has no such column, false for an empty value (it counts as not true), NULL for anything else
   * (quarantined).
   */
  private static Column exportedBoolean(Column text) {
    Column lowered = lower(text);
    return when(lowered.equalTo("true"), lit(true))
        .when(lowered.equalTo("false").or(lowered.equalTo("")), lit(false));
  }

  /**
   * Only an unknown or unparseable ward_code or snapshot_date is quarantined: other defects are
   * measured.
   */
  public static Dataset<Row> population(Dataset<Row> raw, Dataset<Row> knownUnits) {
    Dataset<Row> typed =
        raw.withColumn("snapshot", date(col("snapshot_date")))
            .withColumn("birth", date(col("birth_date")))
            .withColumn("verified", date(col("last_verified_at")))
            .withColumn("ward_era", era(col("snapshot")));
    typed = withUnitKnown(typed, knownUnits, "ward_code", "ward_era");
    Checks checks =
        new Checks()
            .rowError()
            .required("snapshot_date", "ward_code")
            .date("snapshot_date", "snapshot")
            .ward("ward_code", "snapshot");
    Column sex = upper(col("sex"));
    Column residence = upper(col("residence_type"));
    return checks
        .apply(typed)
        .select(
            col("source_file"),
            col("source_sha256"),
            col("line_number"),
            col("snapshot").as("snapshot_date"),
            col("citizen_key"),
            col("citizen_id_valid"),
            col("citizen_id_prefix"),
            col("full_name_key"),
            col("birth").as("birth_date"),
            when(sex.isin("M", "F"), sex).as("sex"),
            col("ward_code"),
            col("ward_era"),
            when(residence.isin("PERMANENT", "TEMPORARY"), residence).as("residence_type"),
            bool(col("has_chip_card")).as("has_chip_card"),
            bool(col("is_deceased")).as("is_deceased"),
            col("verified").as("last_verified_at"),
            col(REASON),
            col(DETAIL));
  }

  public static Dataset<Row> dailyReports(Dataset<Row> raw, Dataset<Row> knownUnits) {
    Dataset<Row> typed =
        raw.withColumn("report", date(col("report_date")))
            .withColumn("submitted_ts", timestamp(col("submitted_at")))
            .withColumn("applications", col("l2_applications").try_cast("bigint"))
            .withColumn("activations", col("l2_activations").try_cast("bigint"))
            .withColumn("ward_era", era(col("report")));
    typed = withUnitKnown(typed, knownUnits, "ward_code", "ward_era");
    Checks checks =
        new Checks()
            .rowError()
            .required(
                "ward_code", "report_date", "submitted_at", "l2_applications", "l2_activations")
            .date("report_date", "report")
            .timestamp("submitted_at", "submitted_ts")
            .integer("l2_applications", "applications")
            .integer("l2_activations", "activations")
            .ward("ward_code", "report");
    return checks
        .apply(typed)
        .select(
            col("source_file"),
            col("source_sha256"),
            col("line_number"),
            col("ward_code"),
            col("ward_era"),
            col("report").as("report_date"),
            col("submitted_ts").as("submitted_at"),
            col("applications").as("l2_applications"),
            col("activations").as("l2_activations"),
            col(REASON),
            col(DETAIL));
  }

  public static Dataset<Row> targets(Dataset<Row> raw, Dataset<Row> knownUnits) {
    Dataset<Row> typed =
        raw.withColumn("value", col("target_value").try_cast("double"))
            .withColumn("start", date(col("period_start")))
            .withColumn("due", date(col("deadline")))
            .withColumn("metric", lower(col("metric")))
            .withColumn("unit_era", era(col("start")));
    typed = withUnitKnown(typed, knownUnits, "unit_code", "unit_era");
    List<String> metrics = Metrics.ALL.stream().map(m -> m.column()).toList();
    Checks checks =
        new Checks()
            .rowError()
            .required("unit_code", "metric", "target_value", "period_start", "deadline")
            .add(
                col("metric").isin(metrics.toArray()).unary_$bang(),
                QuarantineReason.UNKNOWN_CODE,
                concat(
                    lit("metric '"),
                    col("metric"),
                    lit(
                        "' is not a gold column (for example eid_activations_l2_cum, online_rate)")))
            .add(
                col("value").isNull().or(col("value").lt(0)),
                QuarantineReason.UNPARSEABLE_VALUE,
                concat(lit("target_value '"), col("target_value"), lit("' is not a number ≥ 0")))
            .date("period_start", "start")
            .date("deadline", "due")
            .add(
                col("unit_known").equalTo(false),
                QuarantineReason.UNKNOWN_CODE,
                concat(
                    lit("unit_code '"),
                    col("unit_code"),
                    lit("' is neither a ward nor a province of the list valid on "),
                    date_format(col("start"), "yyyy-MM-dd")))
            .add(
                col("due").lt(col("start")),
                QuarantineReason.IMPOSSIBLE_VALUE,
                lit("deadline is before period_start"))
            .add(
                col("campaign").rlike(CONTROL_CHARACTER),
                QuarantineReason.CONTROL_CHARACTER,
                lit("campaign holds a control character (tab, line break or other)"));
    return checks
        .apply(typed)
        .select(
            col("source_file"),
            col("source_sha256"),
            col("line_number"),
            col("unit_code"),
            col("unit_era"),
            col("metric"),
            col("value").as("target_value"),
            col("start").as("period_start"),
            col("due").as("deadline"),
            col("campaign"),
            col(REASON),
            col(DETAIL));
  }

  /**
   * A timestamp in any format feeds.md allows, read in the session's time zone (Asia/Ho_Chi_Minh);
   * NULL for anything else. The text's shape is checked exactly, then Spark's own
   * string-to-timestamp cast reads it, which rejects impossible dates and times (2023-02-30,
   * 24:00:00). Trying each format with a date-time formatter instead cost an exception for every
   * format that did not match and every empty value: the largest part of typing a feed
   * (BENCHMARKS.md, scale).
   */
  public static Column timestamp(Column text) {
    return when(text.rlike(TIMESTAMP_SHAPE), text.try_cast("timestamp"));
  }

  /**
   * A date written yyyy-MM-dd or dd/MM/yyyy; NULL for anything else, an impossible date included.
   */
  public static Column date(Column text) {
    Column dayFirst =
        concat(text.substr(7, 4), lit("-"), text.substr(4, 2), lit("-"), text.substr(1, 2));
    return when(text.rlike(ISO_DATE_SHAPE), text.try_cast("date"))
        .when(text.rlike(VIETNAMESE_DATE_SHAPE), dayFirst.try_cast("date"));
  }

  /** The list a date or timestamp is read against. */
  public static Column era(Column dateOrTimestamp) {
    return when(dateOrTimestamp.isNull(), lit(null))
        .when(
            to_date(dateOrTimestamp).lt(lit(Era.REFORM_DATE.toString()).cast("date")),
            lit(Era.PRE_REFORM.name()))
        .otherwise(lit(Era.POST_REFORM.name()));
  }

  private static Column bool(Column text) {
    Column lowered = lower(text);
    return when(lowered.isin("true", "1", "yes"), lit(true))
        .when(lowered.isin("false", "0", "no"), lit(false));
  }

  private static Dataset<Row> withUnitKnown(
      Dataset<Row> rows, Dataset<Row> knownUnits, String codeColumn, String eraColumn) {
    Dataset<Row> units =
        knownUnits.select(
            col("unit_code").as("_known_code"),
            col("era").as("_known_era"),
            lit(true).as("_known"));
    return rows.join(
            broadcast(units),
            col(codeColumn)
                .equalTo(col("_known_code"))
                .and(col(eraColumn).equalTo(col("_known_era"))),
            "left")
        .withColumn("unit_known", coalesce(col("_known"), lit(false)))
        .drop("_known_code", "_known_era", "_known");
  }

  /** Rules evaluated in order: the first that fails names the reason. */
  private static final class Checks {
    private static final String FAILED_RULE = "_failed_rule";
    private final List<Column[]> rules = new ArrayList<>();

    Checks add(Column fails, QuarantineReason reason, Column detail) {
      rules.add(new Column[] {coalesce(fails, lit(false)), lit(reason.name()), detail});
      return this;
    }

    Checks rowError() {
      return add(
          col("row_error").isNotNull(), QuarantineReason.UNPARSEABLE_VALUE, col("row_error"));
    }

    Checks required(String... columns) {
      for (String column : columns) {
        String shown = column.equals("citizen_key") ? "citizen_id" : column;
        add(
            col(column).isNull().or(col(column).equalTo("")),
            QuarantineReason.MISSING_VALUE,
            lit(shown + " is empty"));
      }
      return this;
    }

    Checks enumeration(String name, Column value, String... allowed) {
      return add(
          value.isin((Object[]) allowed).unary_$bang(),
          QuarantineReason.BAD_ENUM,
          concat(lit(name + " '"), value, lit("' is not one of " + String.join(", ", allowed))));
    }

    /** An optional column's value: empty (or the column absent) is fine, else one of these. */
    Checks optionalEnumeration(String name, Column value, String... allowed) {
      return add(
          value.notEqual("").and(value.isin((Object[]) allowed).unary_$bang()),
          QuarantineReason.BAD_ENUM,
          concat(
              lit(name + " '"),
              value,
              lit("' is not one of " + String.join(", ", allowed) + " (or empty)")));
    }

    Checks timestamp(String raw, String parsed) {
      return add(
          col(raw).isNotNull().and(col(raw).notEqual("")).and(col(parsed).isNull()),
          QuarantineReason.UNPARSEABLE_VALUE,
          concat(
              lit(raw + " '"),
              col(raw),
              lit(
                  "' is not a timestamp (yyyy-MM-dd HH:mm:ss, or ISO yyyy-MM-ddTHH:mm:ss[+07:00])")));
    }

    Checks date(String raw, String parsed) {
      return add(
          col(raw).isNotNull().and(col(raw).notEqual("")).and(col(parsed).isNull()),
          QuarantineReason.UNPARSEABLE_VALUE,
          concat(lit(raw + " '"), col(raw), lit("' is not a date (yyyy-MM-dd or dd/MM/yyyy)")));
    }

    Checks integer(String raw, String parsed) {
      add(
          col(parsed).isNull(),
          QuarantineReason.UNPARSEABLE_VALUE,
          concat(lit(raw + " '"), col(raw), lit("' is not a whole number")));
      return add(
          col(parsed).lt(0),
          QuarantineReason.IMPOSSIBLE_VALUE,
          concat(lit(raw + " "), col(raw), lit(" is negative")));
    }

    Checks ward(String codeColumn, String dateColumn) {
      return add(
          col("unit_known").equalTo(false),
          QuarantineReason.UNKNOWN_WARD,
          concat(
              lit(codeColumn + " '"),
              col(codeColumn),
              lit("' is not a ward of the list valid on "),
              date_format(col(dateColumn), "yyyy-MM-dd")));
    }

    /**
     * Each rule's condition is evaluated once per row, into the number of the first rule that
     * fails; the reason and the detail are looked up from it. (Two chains of conditions, one for
     * each, evaluated every condition twice for every accepted row.)
     */
    Dataset<Row> apply(Dataset<Row> rows) {
      Column failed = lit(null).cast("int");
      for (int i = rules.size() - 1; i >= 0; i--) {
        failed = when(rules.get(i)[0], lit(i)).otherwise(failed);
      }
      Column first = col(FAILED_RULE);
      Column reason = lit(null).cast("string");
      Column detail = lit(null).cast("string");
      for (int i = rules.size() - 1; i >= 0; i--) {
        reason = when(first.equalTo(i), rules.get(i)[1]).otherwise(reason);
        detail = when(first.equalTo(i), rules.get(i)[2]).otherwise(detail);
      }
      return rows.withColumn(FAILED_RULE, failed)
          .withColumn(REASON, when(first.isNotNull(), reason))
          .withColumn(DETAIL, when(first.isNotNull(), detail))
          .drop(FAILED_RULE);
    }
  }
}
