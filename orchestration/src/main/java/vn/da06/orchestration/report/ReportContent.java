package vn.da06.orchestration.report;

import static vn.da06.orchestration.report.ReportDocument.ColumnType.COUNT;
import static vn.da06.orchestration.report.ReportDocument.ColumnType.METRIC;
import static vn.da06.orchestration.report.ReportDocument.ColumnType.RATE;
import static vn.da06.orchestration.report.ReportDocument.ColumnType.TEXT;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.da06.goldread.Aggregation;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.UnitScope;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.goldread.ops.Letterhead;
import vn.da06.orchestration.report.ReportDocument.Block;
import vn.da06.orchestration.report.ReportDocument.Chart;
import vn.da06.orchestration.report.ReportDocument.Column;
import vn.da06.orchestration.report.ReportDocument.Heading;
import vn.da06.orchestration.report.ReportDocument.Paragraph;
import vn.da06.orchestration.report.ReportDocument.Table;
import vn.da06.warehouse.DailyReportStatus;
import vn.da06.warehouse.DataQuality;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.UnitLevel;

/**
 * The content of the monthly and the daily report, from gold at pinned versions. Unit figures are
 * aggregates of the wards' rows ({@link Aggregation}: counts summed, rates recomputed); labels come
 * from {@link Metrics}.
 *
 * <p>Over 400 lines on purpose: the sections of the two reports in the order the committees'
 * documents have them, one method per report.
 */
public final class ReportContent {
  /** The target metric whose attainment ranks wards in the league table and the daily report. */
  static final String CAMPAIGN_METRIC = "eid_activations_l2_cum";

  private ReportContent() {}

  /**
   * Everything a report needs besides its tables: id, number, when, the letterhead, the
   * certification.
   */
  public record Frame(
      String reportId,
      int number,
      Instant createdAt,
      Letterhead letterhead,
      ReportDocument.Certification certification,
      java.util.Map<String, Long> versions) {}

  public static ReportDocument monthly(
      GoldSnapshot snapshot, UnitScope scope, YearMonth month, Frame frame) {
    GoldData gold = snapshot.gold();
    String key = month.toString();
    String previous = month.minusMonths(1).toString();
    Map<String, Object> now =
        Aggregation.aggregate(gold.kpis(WardView.AS_REPORTED, scope, key, key));
    Map<String, Object> before =
        Aggregation.aggregate(gold.kpis(WardView.AS_REPORTED, scope, previous, previous));
    List<Block> blocks = new ArrayList<>();
    ReportDocument.Certification certification = frame.certification();

    blocks.add(new Heading("I. TÌNH TRẠNG SỐ LIỆU"));
    blocks.add(
        new Paragraph(
            "Báo cáo "
                + certification.label()
                + ". "
                + (certification.official()
                    ? "Số liệu "
                        + Formats.month(month)
                        + " đã đầy đủ: mọi xã/phường đã gửi đủ dữ liệu, không tiêu chí chất"
                        + " lượng dữ liệu nào vượt ngưỡng."
                    : "Lý do: " + certification.reasonText() + ".")));
    // Issue 24: an anomaly on a headline figure is said here (TẠM TÍNH only if configured so).
    List<String> anomalyNotes = AnomalySection.headlineReasons(gold, scope, month);
    anomalyNotes.removeAll(certification.reasons());
    if (!anomalyNotes.isEmpty()) {
      blocks.add(new Paragraph("Lưu ý: " + String.join("; ", anomalyNotes) + "."));
    }

    blocks.add(new Heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
    List<List<Object>> kpiRows = new ArrayList<>();
    for (Metric metric : Metrics.ALL) {
      kpiRows.add(
          Arrays.asList(
              metric.labelVi(),
              metric.column(),
              now.get(metric.column()),
              before.get(metric.column())));
    }
    blocks.add(
        new Table(
            "Chỉ tiêu",
            "Bảng 1. Kết quả " + Formats.month(month) + " của " + displayName(scope),
            List.of(
                new Column("Chỉ tiêu", TEXT, 3.2f),
                new Column("Mã", TEXT, 2.6f),
                new Column(Formats.month(month), METRIC, 1.4f),
                new Column(Formats.month(month.minusMonths(1)), METRIC, 1.4f)),
            kpiRows));

    List<List<Object>> targetRows = new ArrayList<>();
    for (TargetRow target : gold.targets(scope)) {
      if (target.unitCode().equals(scope.code()) && key.equals(target.asOfMonth())) {
        boolean rate = Metrics.byColumn(target.metric()).map(Metric::isRate).orElse(false);
        targetRows.add(
            Arrays.asList(
                label(target.metric()),
                target.campaign() == null ? "" : target.campaign(),
                metricValue(target.targetValue(), rate),
                metricValue(target.actual(), rate),
                target.attainment(),
                target.deadline() == null ? "" : Formats.shortDate(target.deadline()),
                target.onTrack() == null
                    ? "–"
                    : target.onTrack() ? "Đạt tiến độ" : "Chậm tiến độ"));
      }
    }
    targetRows.sort(Comparator.comparing(row -> row.get(0) + "|" + row.get(1)));
    blocks.add(new Heading("III. CHỈ TIÊU ĐƯỢC GIAO VÀ MỨC ĐỘ HOÀN THÀNH"));
    if (targetRows.isEmpty()) {
      blocks.add(
          new Paragraph(
              "Không có chỉ tiêu được giao cho "
                  + displayName(scope)
                  + " tính đến "
                  + Formats.month(month)
                  + "."));
    }
    blocks.add(
        new Table(
            "Chỉ tiêu giao",
            "Bảng 2. Chỉ tiêu được giao",
            List.of(
                new Column("Chỉ tiêu", TEXT, 2.2f),
                new Column("Chiến dịch", TEXT, 2.6f),
                new Column("Giao", METRIC, 1.1f),
                new Column("Thực hiện", METRIC, 1.1f),
                new Column("Hoàn thành", RATE, 1.1f),
                new Column("Thời hạn", TEXT, 1.1f),
                new Column("Tiến độ", TEXT, 1.3f)),
            targetRows));

    UnitScope leagueScope =
        scope.level() == UnitLevel.WARD && scope.provinceCode() != null
            ? gold.unit(scope.provinceCode()).orElse(scope)
            : scope;
    List<List<Object>> league = league(gold, leagueScope, key);
    blocks.add(new Heading("IV. BẢNG XẾP HẠNG CÁC XÃ, PHƯỜNG"));
    blocks.add(
        new Paragraph(
            "Xếp theo tỷ lệ bao phủ định danh điện tử mức 2 trên dân số từ đủ 14 tuổi"
                + (leagueScope == scope ? "" : " (toàn tỉnh, để so sánh)")
                + "."));
    blocks.add(
        new Table(
            "Xếp hạng",
            "Bảng 3. Xếp hạng " + Formats.month(month),
            List.of(
                new Column("Hạng", COUNT, 0.6f),
                new Column("Xã/phường", TEXT, 2.2f),
                new Column("Mã", TEXT, 0.8f),
                new Column(label("eid_applications_l2"), COUNT, 1.2f),
                new Column(label("eid_activations_l2_cum"), COUNT, 1.3f),
                new Column(label("eid_l2_coverage_rate"), RATE, 1.2f),
                new Column(label("online_rate"), RATE, 1.1f),
                new Column(label("dq_clean_rate"), RATE, 1.2f),
                new Column("Hoàn thành chỉ tiêu", RATE, 1.2f)),
            league));
    List<String> categories = new ArrayList<>();
    List<Double> coverage = new ArrayList<>();
    for (List<Object> row : league.subList(0, Math.min(15, league.size()))) {
      categories.add((String) row.get(1));
      coverage.add((Double) row.get(5));
    }
    blocks.add(
        new Chart(
            "Biểu đồ 1. " + label("eid_l2_coverage_rate") + " (15 xã/phường dẫn đầu)",
            false,
            categories,
            Map.of(label("eid_l2_coverage_rate"), coverage),
            true));

    List<String> months = new ArrayList<>();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String column : List.of("eid_l2_coverage_rate", "online_rate", "dq_clean_rate")) {
      series.put(label(column), new ArrayList<>());
    }
    for (int back = 11; back >= 0; back--) {
      String m = month.minusMonths(back).toString();
      List<KpiRow> rows = gold.kpis(WardView.AS_REPORTED, scope, m, m);
      if (rows.isEmpty()) {
        continue;
      }
      months.add(m.substring(5) + "/" + m.substring(2, 4));
      Map<String, Object> values = Aggregation.aggregate(rows);
      for (String column : List.of("eid_l2_coverage_rate", "online_rate", "dq_clean_rate")) {
        series.get(label(column)).add((Double) values.get(column));
      }
    }
    blocks.add(
        new Chart(
            "Biểu đồ 2. Diễn biến 12 tháng của " + displayName(scope), true, months, series, true));

    blocks.add(new Heading("V. CHẤT LƯỢNG DỮ LIỆU DÂN CƯ (ĐÚNG, ĐỦ, SẠCH, SỐNG)"));
    Long records = (Long) now.get("dq_records");
    List<List<Object>> dqRows = new ArrayList<>();
    for (DataQuality.Verdict verdict : DataQuality.evaluate(now, frame.letterhead().thresholds())) {
      dqRows.add(
          Arrays.asList(
              label(verdict.rule()),
              verdict.failing(),
              verdict.share(),
              verdict.limit(),
              !verdict.known()
                  ? "Chưa có số liệu"
                  : verdict.overLimit() ? "Vượt ngưỡng" : "Trong ngưỡng"));
    }
    blocks.add(
        new Paragraph(
            "Tổng số bản ghi dân cư trong kỳ: "
                + Formats.count(records)
                + "; "
                + label("dq_clean_rate").toLowerCase(java.util.Locale.forLanguageTag("vi"))
                + ": "
                + Formats.percent((Double) now.get("dq_clean_rate"))
                + "."));
    blocks.add(
        new Table(
            "Chất lượng dữ liệu",
            "Bảng 4. Phát hiện về chất lượng dữ liệu",
            List.of(
                new Column("Tiêu chí", TEXT, 2.6f),
                new Column("Số bản ghi", COUNT, 1.2f),
                new Column("Tỷ lệ", RATE, 1f),
                new Column("Ngưỡng", RATE, 1f),
                new Column("Đánh giá", TEXT, 1.4f)),
            dqRows));
    long onTime = 0;
    long late = 0;
    long missing = 0;
    for (DailyReportRow row : gold.dailyReports(scope, key)) {
      switch (DailyReportStatus.of(row.status())) {
        case ON_TIME -> onTime++;
        case LATE -> late++;
        case MISSING -> missing++;
      }
    }
    if (onTime + late + missing > 0) {
      blocks.add(
          new Paragraph(
              "Báo cáo ngày của Công an xã/phường trong tháng: "
                  + Formats.count(onTime)
                  + " báo cáo đúng hạn (trước 17:00), "
                  + Formats.count(late)
                  + " báo cáo muộn, "
                  + Formats.count(missing)
                  + " lượt không báo cáo."));
    }
    blocks.addAll(AnomalySection.blocks(gold, scope, month, "5")); // issue 24
    blocks.add(new Heading("VI. ĐỀ XUẤT, KIẾN NGHỊ"));
    blocks.add(
        new Paragraph(
            "Đề nghị các xã, phường có tỷ lệ bao phủ thấp và các xã, phường có tiêu chí chất lượng"
                + " dữ liệu vượt ngưỡng rà soát, làm sạch dữ liệu và đẩy mạnh thu nhận hồ sơ định danh điện tử mức 2."));

    String title = "BÁO CÁO";
    String subtitle =
        "Kết quả thực hiện Đề án 06 " + Formats.month(month) + " — " + displayName(scope);
    return document(frame, title, subtitle, blocks);
  }

  public static ReportDocument daily(
      GoldSnapshot snapshot,
      UnitScope scope,
      LocalDate date,
      List<DailyReportRow> day,
      Frame frame) {
    GoldData gold = snapshot.gold();
    YearMonth month = YearMonth.from(date);
    String key = month.toString();
    String previous = month.minusMonths(1).toString();
    Map<String, Long> cumulativeBefore = new LinkedHashMap<>();
    for (KpiRow row : gold.kpis(WardView.AS_REPORTED, scope, previous, previous)) {
      Long value = row.count(CAMPAIGN_METRIC);
      if (value != null) {
        cumulativeBefore.put(row.wardCode(), value);
      }
    }
    Map<String, Long> activationsThisMonth = new LinkedHashMap<>();
    for (DailyReportRow row : gold.dailyReports(scope, key)) {
      if (!row.reportDate().isAfter(date)) {
        activationsThisMonth.merge(row.wardCode(), nz(row.systemL2Activations()), Long::sum);
      }
    }
    Map<String, TargetRow> targets = new LinkedHashMap<>();
    for (TargetRow target : gold.targets(scope)) {
      if (CAMPAIGN_METRIC.equals(target.metric())
          && target.asOfMonth() != null
          && target.asOfMonth().compareTo(key) <= 0) {
        TargetRow known = targets.get(target.unitCode());
        if (known == null || known.asOfMonth().compareTo(target.asOfMonth()) < 0) {
          targets.put(target.unitCode(), target);
        }
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    long applications = 0;
    long activations = 0;
    long cumulativeTotal = 0;
    double targetTotal = 0;
    List<String> notReported = new ArrayList<>();
    List<DailyReportRow> sorted = new ArrayList<>(day);
    sorted.sort(Comparator.comparing(DailyReportRow::wardCode));
    for (DailyReportRow row : sorted) {
      String name =
          gold.ward(WardView.AS_REPORTED, row.wardCode(), key)
              .map(WardInfo::wardName)
              .orElse(row.wardCode());
      long cumulative =
          cumulativeBefore.getOrDefault(row.wardCode(), 0L)
              + activationsThisMonth.getOrDefault(row.wardCode(), 0L);
      TargetRow target = targets.get(row.wardCode());
      Double targetValue = target == null ? null : target.targetValue();
      DailyReportStatus dailyStatus = DailyReportStatus.of(row.status());
      String status =
          dailyStatus == DailyReportStatus.MISSING ? "Không báo cáo" : dailyStatus.label(true);
      if (dailyStatus != DailyReportStatus.ON_TIME) {
        notReported.add(
            name + " (" + status.toLowerCase(java.util.Locale.forLanguageTag("vi")) + ")");
      }
      rows.add(
          Arrays.asList(
              name,
              row.wardCode(),
              nz(row.systemL2Applications()),
              nz(row.systemL2Activations()),
              row.reportedL2Applications(),
              row.reportedL2Activations(),
              status,
              cumulative,
              targetValue == null ? null : Math.round(targetValue),
              targetValue == null || targetValue == 0 ? null : cumulative / targetValue));
      applications += nz(row.systemL2Applications());
      activations += nz(row.systemL2Activations());
      cumulativeTotal += cumulative;
      targetTotal += targetValue == null ? 0 : targetValue;
    }
    rows.add(
        Arrays.asList(
            "Tổng cộng",
            "",
            applications,
            activations,
            null,
            null,
            "",
            cumulativeTotal,
            targetTotal == 0 ? null : Math.round(targetTotal),
            targetTotal == 0 ? null : cumulativeTotal / targetTotal));

    List<Block> blocks = new ArrayList<>();
    ReportDocument.Certification certification = frame.certification();
    blocks.add(new Heading("I. TÌNH TRẠNG SỐ LIỆU"));
    blocks.add(
        new Paragraph(
            "Báo cáo "
                + certification.label()
                + (certification.official()
                    ? "."
                    : ". Lý do: " + certification.reasonText() + ".")));
    blocks.add(new Heading("II. KẾT QUẢ TRONG NGÀY VÀ LŨY KẾ"));
    blocks.add(
        new Paragraph(
            "Trong ngày "
                + Formats.shortDate(date)
                + ", toàn đơn vị thu nhận "
                + Formats.count(applications)
                + " hồ sơ định danh điện tử mức 2 và kích hoạt "
                + Formats.count(activations)
                + " tài khoản mức 2 (số liệu hệ"
                + " thống); lũy kế kích hoạt mức 2 đạt "
                + Formats.count(cumulativeTotal)
                + "."));
    blocks.add(
        new Table(
            "Báo cáo ngày",
            "Bảng 1. Kết quả ngày " + Formats.shortDate(date) + " theo xã/phường",
            List.of(
                new Column("Xã/phường", TEXT, 2f),
                new Column("Mã", TEXT, 0.8f),
                new Column("Hồ sơ mức 2 trong ngày", COUNT, 1.1f),
                new Column("Kích hoạt mức 2 trong ngày", COUNT, 1.1f),
                new Column("Hồ sơ mức 2 (xã báo cáo)", COUNT, 1.1f),
                new Column("Kích hoạt mức 2 (xã báo cáo)", COUNT, 1.1f),
                new Column("Báo cáo trước 17:00", TEXT, 1.1f),
                new Column("Lũy kế kích hoạt mức 2", COUNT, 1.1f),
                new Column("Chỉ tiêu", COUNT, 1f),
                new Column("Đạt", RATE, 0.9f)),
            rows));
    blocks.add(new Heading("III. XÃ, PHƯỜNG CHƯA BÁO CÁO TRƯỚC 17:00"));
    blocks.add(
        new Paragraph(
            notReported.isEmpty()
                ? "Tất cả xã, phường đã báo cáo đúng hạn."
                : notReported.size() + " xã/phường: " + String.join(", ", notReported) + "."));
    return document(
        frame,
        "BÁO CÁO NHANH",
        "Kết quả chiến dịch định danh điện tử mức 2 ngày "
            + Formats.shortDate(date)
            + " — "
            + displayName(scope),
        blocks);
  }

  private static List<List<Object>> league(GoldData gold, UnitScope scope, String month) {
    Map<String, Double> attainment = new LinkedHashMap<>();
    for (TargetRow target : gold.targets(scope)) {
      if (CAMPAIGN_METRIC.equals(target.metric()) && month.equals(target.asOfMonth())) {
        attainment.put(target.unitCode(), target.attainment());
      }
    }
    List<KpiRow> rows = new ArrayList<>(gold.kpis(WardView.AS_REPORTED, scope, month, month));
    rows.sort(
        Comparator.comparing(
                (KpiRow row) -> (Double) row.value("eid_l2_coverage_rate"),
                Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(KpiRow::wardCode));
    List<List<Object>> league = new ArrayList<>();
    int rank = 0;
    for (KpiRow row : rows) {
      rank++;
      String name =
          gold.ward(WardView.AS_REPORTED, row.wardCode(), month)
              .map(WardInfo::wardName)
              .orElse(row.wardCode());
      league.add(
          Arrays.asList(
              (long) rank,
              name,
              row.wardCode(),
              row.count("eid_applications_l2"),
              row.count("eid_activations_l2_cum"),
              row.value("eid_l2_coverage_rate"),
              row.value("online_rate"),
              row.value("dq_clean_rate"),
              attainment.get(row.wardCode())));
    }
    return league;
  }

  private static ReportDocument document(
      Frame frame, String title, String subtitle, List<Block> blocks) {
    Letterhead head = frame.letterhead();
    LocalDate created = LocalDate.ofInstant(frame.createdAt(), Certifier.ZONE);
    return new ReportDocument(
        frame.reportId(),
        head.parent(),
        head.body(),
        "Số: " + frame.number() + "/BC-" + head.abbreviation(),
        head.place() + ", " + Formats.longDate(created),
        title,
        subtitle,
        head.addressee(),
        blocks,
        head.distribution(),
        head.signerCapacity(),
        head.signerTitle(),
        head.signerName(),
        frame.certification(),
        frame.versions(),
        frame.createdAt().toString());
  }

  /**
   * The unit as running text names it: "tỉnh Lạng Sơn", "Xã Quý Hòa" (gold keeps a province's bare
   * name).
   */
  static String displayName(UnitScope scope) {
    String name = scope.name();
    if (scope.level() == UnitLevel.PROVINCE
        && !name.startsWith("Tỉnh")
        && !name.startsWith("Thành phố")) {
      return "tỉnh " + name;
    }
    return name;
  }

  static String label(String column) {
    return Metrics.byColumn(column).map(Metric::labelVi).orElse(column);
  }

  private static Object metricValue(Double value, boolean rate) {
    return value == null ? null : rate ? (Object) value : (Object) Math.round(value);
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }
}
