package vn.da06.orchestration.report;

import static vn.da06.orchestration.report.ReportDocument.ColumnType.TEXT;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.da06.goldread.AnomalyRow;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.orchestration.report.ReportDocument.Block;
import vn.da06.orchestration.report.ReportDocument.Column;
import vn.da06.orchestration.report.ReportDocument.Paragraph;
import vn.da06.orchestration.report.ReportDocument.Table;
import vn.da06.warehouse.AnomalyRules;
import vn.da06.warehouse.Metric;

/**
 * The monthly report's anomalies (issue 24, {@code gold.anomalies}): the data-quality section's
 * list of the month's figures that look wrong, and the status note when one is on a headline figure
 * ({@link AnomalyRules#headlineOf}); whether that note keeps the report TẠM TÍNH is {@link
 * AnomalyRules#reportProvisional} (default no).
 */
final class AnomalySection {

  private AnomalySection() {}

  /**
   * The status reasons: one per headline indicator with an anomaly among the unit's wards in the
   * month, e.g. "số liệu bất thường ở chỉ tiêu Kích hoạt mức 2: Xã A (Kích hoạt mức 2 tháng
   * 10/2026: 1.240, gấp 9 lần trung vị 12 tháng (138))".
   */
  static List<String> headlineReasons(GoldData gold, UnitScope scope, YearMonth month) {
    List<String> reasons = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (AnomalyRow row : gold.anomalies(scope, month.toString())) {
      Metric headline = AnomalyRules.headlineOf(row.metric()).orElse(null);
      if (headline == null || !done.add(headline.column() + "|" + row.unitCode())) {
        continue;
      }
      reasons.add(
          "số liệu bất thường ở chỉ tiêu "
              + headline.labelVi()
              + " của "
              + wardName(gold, row)
              + " ("
              + row.reasonVi()
              + ")");
    }
    return reasons;
  }

  /** The data-quality section's list (a paragraph when there is none). */
  static List<Block> blocks(GoldData gold, UnitScope scope, YearMonth month, String tableNumber) {
    List<AnomalyRow> rows = gold.anomalies(scope, month.toString());
    List<Block> blocks = new ArrayList<>();
    if (rows.isEmpty()) {
      blocks.add(
          new Paragraph(
              "Không phát hiện số liệu bất thường nào trong " + Formats.month(month) + "."));
      return blocks;
    }
    // A ward's daily-report mismatches are one line (the first day's reason and the count).
    Set<String> dailyDone = new LinkedHashSet<>();
    List<List<Object>> lines = new ArrayList<>();
    for (AnomalyRow row : rows) {
      if (row.method().equals(AnomalyRules.DAILY_MISMATCH) && !dailyDone.add(row.unitCode())) {
        continue;
      }
      lines.add(
          Arrays.asList(
              wardName(gold, row) + " (" + row.unitCode() + ")",
              row.metric().equals(AnomalyRules.DAILY_REPORT)
                  ? "Báo cáo ngày"
                  : ReportContent.label(row.metric()),
              row.reasonVi()));
    }
    blocks.add(
        new Paragraph(
            "Số liệu bất thường "
                + Formats.month(month)
                + ": "
                + Formats.count((long) lines.size())
                + " trường hợp cần kiểm tra lại trước khi sử dụng (khác hẳn lịch sử 12 tháng của"
                + " xã/phường hoặc các xã/phường cùng tỉnh, giảm về 0, dân số biến động mạnh giữa"
                + " hai kỳ, báo cáo ngày lệch hệ thống)."));
    blocks.add(
        new Table(
            "Số liệu bất thường",
            "Bảng " + tableNumber + ". Số liệu bất thường " + Formats.month(month),
            List.of(
                new Column("Xã/phường", TEXT, 2f),
                new Column("Chỉ tiêu", TEXT, 1.6f),
                new Column("Lý do", TEXT, 4.4f)),
            lines));
    return blocks;
  }

  private static String wardName(GoldData gold, AnomalyRow row) {
    return gold.ward(WardView.CURRENT, row.unitCode(), row.month())
        .map(WardInfo::wardName)
        .orElse(row.unitCode());
  }
}
