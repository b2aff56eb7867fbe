package vn.da06.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The thresholds of {@code gold.anomalies}: every number the gold step judges a figure by, with its
 * default here and in {@code config/anomalies.example.yaml} (docs/anomalies.md explains each). Read
 * once by the gold step from {@code config/anomalies.yaml} when it exists (or the file named by the
 * environment variable {@code DA06_ANOMALIES}); without one, {@link #DEFAULT}.
 *
 * @param metrics the monthly counts of {@code gold.ward_month_kpis_current} scanned by the history,
 *     peer and drop methods
 * @param historyMonths months before a month that form a ward's history (median and MAD)
 * @param minHistoryMonths fewer months of history than this: no history or peer judgement
 * @param historyZ |modified z-score| from which a month is far from the ward's history
 * @param madFloor the smallest MAD the z-score divides by (counts in small wards often have MAD 0)
 * @param minChange the smallest |value − median| that can be flagged (small counts move a lot)
 * @param minRatio a surge is at least this many times the median; a fall at most 1/this of it
 * @param peerZ |modified z-score| of the ward's growth (ln((value+1)/(median+1))) among the
 *     province's wards that month from which it is out of line with its peers
 * @param peerMinWards fewer wards with a history in the province: no peer judgement
 * @param peerMadFloor the smallest MAD of the peers' growth the peer z-score divides by (on the log
 *     scale: 0.1 ≈ 10 %)
 * @param dropMonths a drop to zero follows at least this many months, each above 0
 * @param dropMinMedian ... whose median is at least this (steady activity)
 * @param populationShare the eligible population moves more than this share between two snapshots
 * @param populationMinChange ... and by at least this many people
 * @param dailyTolerance a daily report differs from the system's count when |difference| exceeds
 *     this many ...
 * @param dailyShare ... and this share of the system's count
 * @param dailyMinDays a ward's daily reports are flagged in a month with at least this many such
 *     days
 * @param campaignAlso the metrics a campaign targeting a metric also expects to surge (a target on
 *     level-2 activations is a campaign of applications too); a target's own metric (its monthly
 *     count: {@code eid_activations_l2} for {@code eid_activations_l2_cum}, the numerator's for a
 *     rate) is always expected
 * @param reportProvisional whether a report whose unit has an anomaly on a headline figure stays
 *     TẠM TÍNH (default no: the status reasons say so, the report is not held back)
 */
public record AnomalyRules(
    List<String> metrics,
    int historyMonths,
    int minHistoryMonths,
    double historyZ,
    double madFloor,
    double minChange,
    double minRatio,
    double peerZ,
    int peerMinWards,
    double peerMadFloor,
    int dropMonths,
    double dropMinMedian,
    double populationShare,
    double populationMinChange,
    double dailyTolerance,
    double dailyShare,
    int dailyMinDays,
    Map<String, List<String>> campaignAlso,
    boolean reportProvisional) {

  /** Method names, as {@code gold.anomalies.method} holds them. */
  public static final String WARD_HISTORY = "ward_history";

  public static final String PEER = "peer";
  public static final String DROP_TO_ZERO = "drop_to_zero";
  public static final String CUMULATIVE_DECREASE = "cumulative_decrease";
  public static final String POPULATION_SHIFT = "population_shift";
  public static final String DAILY_MISMATCH = "daily_mismatch";

  /** The metric of daily-report rows. */
  public static final String DAILY_REPORT = "daily_report";

  public static final List<String> METHODS =
      List.of(
          WARD_HISTORY, PEER, DROP_TO_ZERO, CUMULATIVE_DECREASE, POPULATION_SHIFT, DAILY_MISMATCH);

  public static final AnomalyRules DEFAULT =
      new AnomalyRules(
          List.of(
              "eid_applications_l1",
              "eid_applications_l2",
              "eid_activations_l1",
              "eid_activations_l2",
              "dossiers_total",
              "dossiers_online",
              "dossiers_resolved"),
          12,
          6,
          3.5,
          1.0,
          20,
          2.0,
          5.0,
          5,
          0.1,
          6,
          10,
          0.20,
          50,
          3,
          0.20,
          5,
          Map.of(
              "eid_activations_l2",
              List.of("eid_applications_l2", "eid_applications_l1", "eid_activations_l1")),
          false);

  public AnomalyRules {
    metrics = List.copyOf(metrics);
    for (String metric : metrics) {
      Metric known = Metrics.require(metric);
      if (known.isRate()) {
        throw new IllegalArgumentException(
            "anomalies: metric " + metric + " is a rate; list monthly counts");
      }
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    campaignAlso.forEach((metric, also) -> copy.put(metric, List.copyOf(also)));
    campaignAlso = Map.copyOf(copy);
    if (historyMonths < 3 || minHistoryMonths < 1 || minHistoryMonths > historyMonths) {
      throw new IllegalArgumentException(
          "anomalies: history_months must be ≥ 3 and min_history_months between 1 and it");
    }
    if (dropMonths < 1 || dailyMinDays < 1 || peerMinWards < 3) {
      throw new IllegalArgumentException(
          "anomalies: drop_months and daily_min_days must be ≥ 1, peer_min_wards ≥ 3");
    }
    if (!(minRatio >= 1) || !(populationShare > 0) || !(madFloor > 0) || !(peerMadFloor > 0)) {
      throw new IllegalArgumentException(
          "anomalies: min_ratio must be ≥ 1, population_share and mad_floor > 0");
    }
  }

  /**
   * The monthly count a target on {@code targetMetric} expects to move, and those {@link
   * #campaignAlso} names with it: a cumulative count's monthly count, a rate's numerator's.
   */
  public Set<String> expectedBy(String targetMetric) {
    String flow = targetMetric;
    Metric metric = Metrics.byColumn(targetMetric).orElse(null);
    if (metric != null && metric.isRate()) {
      flow = metric.numerator();
    }
    if (flow.endsWith("_cum")) {
      flow = flow.substring(0, flow.length() - "_cum".length());
    }
    Set<String> expected = new java.util.TreeSet<>();
    expected.add(flow);
    expected.addAll(campaignAlso.getOrDefault(flow, List.of()));
    return expected;
  }

  /**
   * The headline indicator ({@link Headline}) an anomaly on {@code metric} puts in doubt: the
   * metric itself, or a headline rate whose numerator or denominator is it or its cumulative; empty
   * for none.
   */
  public static java.util.Optional<Metric> headlineOf(String metric) {
    for (Metric headline : Headline.metrics()) {
      if (headline.column().equals(metric)) {
        return java.util.Optional.of(headline);
      }
    }
    for (Metric headline : Headline.metrics()) {
      if (headline.isRate()) {
        for (String part : new String[] {headline.numerator(), headline.denominator()}) {
          if (part.equals(metric)
              || part.equals(metric + "_cum")
              || (part.equals("eid_activations_cum") && metric.startsWith("eid_activations_l"))
              || (part.equals("eid_applications_cum") && metric.startsWith("eid_applications_l"))) {
            return java.util.Optional.of(headline);
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The rules in effect: the file {@code DA06_ANOMALIES} names, else {@code config/anomalies.yaml}
   * when it exists, else {@link #DEFAULT}.
   */
  public static AnomalyRules resolve() {
    String named = System.getenv("DA06_ANOMALIES");
    if (named != null && !named.isBlank()) {
      return load(Path.of(named));
    }
    Path standard = Path.of("config", "anomalies.yaml");
    return Files.isRegularFile(standard) ? load(standard) : DEFAULT;
  }

  private static final List<String> KEYS =
      List.of(
          "metrics",
          "history_months",
          "min_history_months",
          "history_z",
          "mad_floor",
          "min_change",
          "min_ratio",
          "peer_z",
          "peer_min_wards",
          "peer_mad_floor",
          "drop_months",
          "drop_min_median",
          "population_share",
          "population_min_change",
          "daily_tolerance",
          "daily_share",
          "daily_min_days",
          "campaign_also",
          "report_provisional");

  /**
   * Reads the {@code anomalies:} section of a YAML file; absent entries keep their defaults; an
   * error naming the file and entry for anything wrong.
   */
  public static AnomalyRules load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read anomalies file " + file + ": " + e.getMessage() + " (fix the YAML syntax)",
          e);
    }
    JsonNode node = root == null ? null : root.path("anomalies");
    if (node == null || node.isMissingNode() || node.isNull()) {
      return DEFAULT;
    }
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "Cannot read anomalies file " + file + ": unknown entry anomalies." + key);
      }
    }
    AnomalyRules d = DEFAULT;
    List<String> metrics = d.metrics();
    if (node.has("metrics")) {
      metrics = new ArrayList<>();
      for (JsonNode metric : node.path("metrics")) {
        metrics.add(metric.asText());
      }
    }
    Map<String, List<String>> also = d.campaignAlso();
    if (node.has("campaign_also")) {
      also = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("campaign_also").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        List<String> list = new ArrayList<>();
        entry.getValue().forEach(value -> list.add(value.asText()));
        also.put(entry.getKey(), list);
      }
    }
    try {
      return new AnomalyRules(
          metrics,
          node.path("history_months").asInt(d.historyMonths()),
          node.path("min_history_months").asInt(d.minHistoryMonths()),
          node.path("history_z").asDouble(d.historyZ()),
          node.path("mad_floor").asDouble(d.madFloor()),
          node.path("min_change").asDouble(d.minChange()),
          node.path("min_ratio").asDouble(d.minRatio()),
          node.path("peer_z").asDouble(d.peerZ()),
          node.path("peer_min_wards").asInt(d.peerMinWards()),
          node.path("peer_mad_floor").asDouble(d.peerMadFloor()),
          node.path("drop_months").asInt(d.dropMonths()),
          node.path("drop_min_median").asDouble(d.dropMinMedian()),
          node.path("population_share").asDouble(d.populationShare()),
          node.path("population_min_change").asDouble(d.populationMinChange()),
          node.path("daily_tolerance").asDouble(d.dailyTolerance()),
          node.path("daily_share").asDouble(d.dailyShare()),
          node.path("daily_min_days").asInt(d.dailyMinDays()),
          also,
          node.path("report_provisional").asBoolean(d.reportProvisional()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read anomalies file " + file + ": " + e.getMessage(), e);
    }
  }
}
