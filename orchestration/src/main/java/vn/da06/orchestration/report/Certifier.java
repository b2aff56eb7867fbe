package vn.da06.orchestration.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.da06.goldread.Aggregation;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.warehouse.DailyReportStatus;
import vn.da06.warehouse.DataQuality;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Metrics;

/**
 * Whether a report is CHÍNH THỨC (the period is over, every ward's feeds arrived, no data-quality
 * rule over its threshold) or TẠM TÍNH, and why, in words a committee reads.
 */
public final class Certifier {
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** The monthly feeds a month needs: each must have a file of that month ingested. */
  static final List<Feed> MONTHLY_FEEDS =
      List.of(Feed.EID_APPLICATIONS, Feed.SERVICE_DOSSIERS, Feed.POPULATION);

  /** The four rules and their labels, in the order of the "đúng, đủ, sạch, sống" campaign. */
  private Certifier() {}

  public static ReportDocument.Certification monthly(
      GoldSnapshot snapshot,
      UnitScope scope,
      YearMonth month,
      Instant now,
      Map<String, Double> thresholds) {
    List<String> reasons = new ArrayList<>();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
    if (now.isBefore(monthEnd)) {
      reasons.add(
          capitalise(Formats.month(month))
              + " chưa kết thúc (báo cáo lập lúc "
              + LocalDateTime.ofInstant(now, ZONE).toString().replace('T', ' ').substring(0, 16)
              + ")");
    }
    for (Feed feed : MONTHLY_FEEDS) {
      if (!fileArrived(snapshot, feed, month.toString())) {
        reasons.add("chưa nhận tệp " + feed.folder() + " của " + Formats.month(month));
      }
    }
    GoldData gold = snapshot.gold();
    String key = month.toString();
    List<KpiRow> rows = gold.kpis(WardView.AS_REPORTED, scope, key, key);
    Set<String> withRows = new TreeSet<>();
    Set<String> withoutPopulation = new TreeSet<>();
    for (KpiRow row : rows) {
      withRows.add(row.wardCode());
      if (row.count("dq_records") == null || row.count("dq_records") == 0) {
        withoutPopulation.add(row.wardCode());
      }
    }
    Set<String> missing = new TreeSet<>(scope.wards(WardView.AS_REPORTED, key));
    missing.removeAll(withRows);
    if (!missing.isEmpty()) {
      reasons.add(
          missing.size()
              + " xã/phường chưa có số liệu "
              + Formats.month(month)
              + ": "
              + names(gold, missing, key));
    }
    if (!withoutPopulation.isEmpty()) {
      reasons.add(
          withoutPopulation.size()
              + " xã/phường chưa có dữ liệu dân cư của "
              + Formats.month(month)
              + ": "
              + names(gold, withoutPopulation, key));
    }
    Map<String, Object> totals = Aggregation.aggregate(rows);
    for (DataQuality.Verdict verdict : DataQuality.evaluate(totals, thresholds)) {
      if (verdict.overLimit()) {
        reasons.add(
            "tỷ lệ bản ghi "
                + verdict.metric().labelVi().toLowerCase(Locale.forLanguageTag("vi"))
                + " "
                + Formats.percent(verdict.share())
                + " vượt ngưỡng "
                + Formats.percent(verdict.limit()));
      }
    }
    if (vn.da06.warehouse.AnomalyRules.resolve().reportProvisional()) {
      reasons.addAll(AnomalySection.headlineReasons(gold, scope, month));
    }
    return new ReportDocument.Certification(reasons.isEmpty(), reasons);
  }

  public static ReportDocument.Certification daily(
      GoldSnapshot snapshot,
      UnitScope scope,
      LocalDate date,
      Instant now,
      List<DailyReportRow> rows) {
    List<String> reasons = new ArrayList<>();
    Instant cutOff = date.atTime(Metrics.DAILY_REPORT_DEADLINE_HOUR, 0).atZone(ZONE).toInstant();
    if (now.isBefore(cutOff)) {
      reasons.add(
          "chưa đến " + Metrics.DAILY_REPORT_DEADLINE_HOUR + ":00 ngày " + Formats.shortDate(date));
    }
    if (rows.isEmpty()) {
      reasons.add(
          "không có báo cáo ngày nào của ngày " + Formats.shortDate(date) + " trong kho dữ liệu");
    }
    Set<String> notOnTime = new TreeSet<>();
    for (DailyReportRow row : rows) {
      if (DailyReportStatus.of(row.status()) != DailyReportStatus.ON_TIME) {
        notOnTime.add(row.wardCode());
      }
    }
    if (!notOnTime.isEmpty()) {
      reasons.add(
          notOnTime.size()
              + " xã/phường chưa báo cáo trước "
              + Metrics.DAILY_REPORT_DEADLINE_HOUR
              + ":00");
    }
    if (!fileArrived(snapshot, Feed.EID_APPLICATIONS, YearMonth.from(date).toString())) {
      reasons.add(
          "chưa nhận tệp "
              + Feed.EID_APPLICATIONS.folder()
              + " của "
              + Formats.month(YearMonth.from(date)));
    }
    return new ReportDocument.Certification(reasons.isEmpty(), reasons);
  }

  /**
   * A file of the feed whose name carries the period (the exporters' {@code <feed>_<yyyy-MM[-dd]>}
   * naming).
   */
  static boolean fileArrived(GoldSnapshot snapshot, Feed feed, String period) {
    for (Map<String, Object> file : snapshot.ingestedFiles()) {
      if (feed.folder().equals(file.get("feed"))
          && "INGESTED".equals(file.get("status"))
          && String.valueOf(file.get("file")).contains(period)) {
        return true;
      }
    }
    return false;
  }

  static String names(GoldData gold, Collection<String> wardCodes, String month) {
    List<String> names = new ArrayList<>();
    for (String code : wardCodes) {
      if (names.size() == 5) {
        names.add("…");
        break;
      }
      names.add(gold.ward(WardView.AS_REPORTED, code, month).map(WardInfo::wardName).orElse(code));
    }
    return String.join(", ", names);
  }

  static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
