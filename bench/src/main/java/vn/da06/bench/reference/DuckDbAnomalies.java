package vn.da06.bench.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import vn.da06.warehouse.AnomalyRules;

/**
 * The reference of {@code gold.anomalies}' monthly methods in plain DuckDB SQL, over {@link
 * DuckDbGold}'s {@code ref_ward_month_kpis_current}: ward_history, peer, drop_to_zero,
 * cumulative_decrease and population_shift, with {@link AnomalyRules}' thresholds, written apart
 * from the Spark transform ({@code vn.da06.jobs.gold.Anomalies}) so that the two cross-check each
 * other. No campaigns (targets) and no daily reports: the synthetic silver has neither.
 */
public final class DuckDbAnomalies {

  static final String TABLE = "ref_anomalies";

  private DuckDbAnomalies() {}

  /** Creates {@code ref_anomalies (unit_code, period, metric, method)} in {@code connection}. */
  public static void compute(Connection connection, AnomalyRules rules) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(rules)) {
        statement.execute(sql);
      }
    }
  }

  /** The flags, each {@code unit_code period metric method}. */
  public static Set<String> flags(Connection connection) throws SQLException {
    Set<String> flags = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT unit_code, period, metric, method FROM " + TABLE)) {
      while (rows.next()) {
        flags.add(
            rows.getString(1)
                + " "
                + rows.getString(2)
                + " "
                + rows.getString(3)
                + " "
                + rows.getString(4));
      }
    }
    return flags;
  }

  static List<String> statements(AnomalyRules r) {
    List<String> sql = new ArrayList<>();
    String metrics = String.join(", ", r.metrics());
    String casts =
        String.join(
            ", ", r.metrics().stream().map(m -> "CAST(" + m + " AS DOUBLE) AS " + m).toList());
    sql.add(
        ("CREATE OR REPLACE TEMP TABLE an_long AS UNPIVOT (SELECT ward_code, province_code, month, %s"
                + " FROM "
                + DuckDbGold.CURRENT
                + ") ON %s INTO NAME metric VALUE value")
            .formatted(casts, metrics));
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE an_hist AS
        SELECT *, coalesce(len(hist), 0) AS hist_n, list_median(hist) AS hist_median,
               coalesce(len(dropw), 0) AS drop_n, list_min(dropw) AS drop_min,
               list_median(dropw) AS drop_median
        FROM (SELECT *, list(value) OVER h AS hist, list(value) OVER d AS dropw
              FROM an_long WHERE value IS NOT NULL
              WINDOW h AS (PARTITION BY ward_code, metric ORDER BY month
                           ROWS BETWEEN %d PRECEDING AND 1 PRECEDING),
                     d AS (PARTITION BY ward_code, metric ORDER BY month
                           ROWS BETWEEN %d PRECEDING AND 1 PRECEDING))"""
            .formatted(r.historyMonths(), r.dropMonths()));
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE an_scored AS
        SELECT *, list_median(list_transform(hist, v -> abs(v - hist_median))) AS hist_mad,
               ln(value + 1) - ln(hist_median + 1) AS growth
        FROM an_hist WHERE hist_n >= %d"""
            .formatted(r.minHistoryMonths()));
    sql.add(
        ("CREATE OR REPLACE TEMP TABLE an_history AS SELECT ward_code, month, metric FROM"
                + " (SELECT *, 0.6745 * (value - hist_median) / greatest(hist_mad, %s) AS z FROM an_scored)"
                + " WHERE %s")
            .formatted(num(r.madFloor()), flagged(r.historyZ(), r)));
    sql.add(
        """
        CREATE OR REPLACE TEMP TABLE an_peers AS
        SELECT *, list_median(list_transform(g, v -> abs(v - peer_median))) AS peer_mad
        FROM (SELECT province_code, metric, month, count(*) AS peer_n, list(growth) AS g,
                     median(growth) AS peer_median
              FROM an_scored GROUP BY province_code, metric, month)""");
    sql.add(
        ("CREATE OR REPLACE TEMP TABLE an_peer AS SELECT ward_code, month, metric FROM"
                + " (SELECT s.*, 0.6745 * (s.growth - p.peer_median) / greatest(p.peer_mad, %s) AS z"
                + " FROM an_scored s JOIN an_peers p USING (province_code, metric, month)"
                + " WHERE p.peer_n >= %d) WHERE %s")
            .formatted(num(r.peerMadFloor()), r.peerMinWards(), flagged(r.peerZ(), r)));
    sql.add(
        ("CREATE OR REPLACE TEMP TABLE an_drop AS SELECT ward_code, month, metric FROM an_hist"
                + " WHERE value = 0 AND drop_n = %d AND drop_min > 0 AND drop_median >= %s")
            .formatted(r.dropMonths(), num(r.dropMinMedian())));
    List<String> cumulative =
        r.metrics().stream()
            .map(m -> m + "_cum")
            .filter(
                c ->
                    List.of(
                            "eid_applications_l1_cum",
                            "eid_applications_l2_cum",
                            "eid_activations_l1_cum",
                            "eid_activations_l2_cum")
                        .contains(c))
            .toList();
    if (cumulative.isEmpty()) {
      sql.add(
          "CREATE OR REPLACE TEMP TABLE an_cum AS SELECT NULL::VARCHAR AS ward_code,"
              + " NULL::VARCHAR AS month, NULL::VARCHAR AS metric WHERE false");
    } else {
      sql.add(
          ("CREATE OR REPLACE TEMP TABLE an_cum AS SELECT ward_code, month, metric FROM"
                  + " (SELECT *, lag(value) OVER (PARTITION BY ward_code, metric ORDER BY month) AS previous"
                  + " FROM (UNPIVOT (SELECT ward_code, month, %s FROM %s) ON %s INTO NAME metric VALUE value))"
                  + " WHERE previous IS NOT NULL AND value < previous")
              .formatted(
                  String.join(
                      ", ",
                      cumulative.stream().map(c -> "CAST(" + c + " AS DOUBLE) AS " + c).toList()),
                  DuckDbGold.CURRENT,
                  String.join(", ", cumulative)));
    }
    sql.add(
        ("CREATE OR REPLACE TEMP TABLE an_population AS SELECT ward_code, month,"
                + " 'eligible_population' AS metric FROM"
                + " (SELECT ward_code, month, CAST(eligible_population AS DOUBLE) AS value,"
                + " lag(CAST(eligible_population AS DOUBLE)) OVER (PARTITION BY ward_code ORDER BY month) AS previous"
                + " FROM %s WHERE eligible_population IS NOT NULL)"
                + " WHERE previous > 0 AND abs(value - previous) > previous * %s"
                + " AND abs(value - previous) >= %s")
            .formatted(DuckDbGold.CURRENT, num(r.populationShare()), num(r.populationMinChange())));
    sql.add(
        ("CREATE OR REPLACE TABLE %s AS"
                + " SELECT ward_code AS unit_code, month AS period, metric, '%s' AS method FROM an_history"
                + " UNION ALL SELECT ward_code, month, metric, '%s' FROM an_peer"
                + " UNION ALL SELECT ward_code, month, metric, '%s' FROM an_drop"
                + " UNION ALL SELECT ward_code, month, metric, '%s' FROM an_cum"
                + " UNION ALL SELECT ward_code, month, metric, '%s' FROM an_population")
            .formatted(
                TABLE,
                AnomalyRules.WARD_HISTORY,
                AnomalyRules.PEER,
                AnomalyRules.DROP_TO_ZERO,
                AnomalyRules.CUMULATIVE_DECREASE,
                AnomalyRules.POPULATION_SHIFT));
    return sql;
  }

  /** High: z ≥ threshold, by min_change and min_ratio; low: mirrored. */
  private static String flagged(double threshold, AnomalyRules r) {
    return ("((z >= %1$s AND value - hist_median >= %2$s AND value >= hist_median * %3$s)"
            + " OR (z <= -%1$s AND hist_median - value >= %2$s AND value * %3$s <= hist_median))")
        .formatted(num(threshold), num(r.minChange()), num(r.minRatio()));
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
