package vn.da06.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.warehouse.Feed;

/**
 * Bronze → silver: accepted rows only, one current row per key. Pure functions.
 *
 * <ul>
 *   <li>eid_applications: key application_id; the latest updated_at wins.
 *   <li>service_dossiers: key dossier_id; the latest updated_at wins.
 *   <li>daily_reports: key (ward_code, ward_era, report_date); the latest submitted_at wins.
 *   <li>targets: key (unit_code, metric, period_start, deadline); the row read last wins.
 *   <li>population: no key (a duplicate record is a defect to be measured); a snapshot date
 *       delivered again replaces that snapshot.
 * </ul>
 *
 * Ties go to the row read last (file name, then line), so the result never depends on partitioning.
 */
public final class SilverTransforms {

  /** How one feed becomes silver. {@code versionColumn} is null where the row read last wins. */
  public record Spec(Feed feed, List<String> keys, String versionColumn) {
    public Spec {
      keys = List.copyOf(keys);
    }
  }

  public static Spec spec(Feed feed) {
    return switch (feed) {
      case EID_APPLICATIONS -> new Spec(feed, List.of("application_id"), "updated_at");
      case SERVICE_DOSSIERS -> new Spec(feed, List.of("dossier_id"), "updated_at");
      case DAILY_REPORTS ->
          new Spec(feed, List.of("ward_code", "ward_era", "report_date"), "submitted_at");
      case TARGETS ->
          new Spec(feed, List.of("unit_code", "metric", "period_start", "deadline"), null);
      case POPULATION -> new Spec(feed, List.of(), null);
    };
  }

  private SilverTransforms() {}

  /** Accepted rows without the quarantine columns. */
  public static Dataset<Row> accepted(Dataset<Row> bronze) {
    return bronze
        .where(col(BronzeTransforms.REASON).isNull())
        .drop(BronzeTransforms.REASON, BronzeTransforms.DETAIL);
  }

  /** The current row of each key among {@code rows}. */
  public static Dataset<Row> latest(Dataset<Row> rows, Spec spec) {
    if (spec.keys().isEmpty()) {
      return rows;
    }
    List<Column> order = new ArrayList<>();
    if (spec.versionColumn() != null) {
      order.add(col(spec.versionColumn()).desc());
    }
    order.add(col("source_file").desc());
    order.add(col("line_number").desc());
    return rows.withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy(spec.keys().stream().map(k -> col(k)).toArray(Column[]::new))
                        .orderBy(order.toArray(Column[]::new))))
        .where(col("_rank").equalTo(1))
        .drop("_rank");
  }
}
