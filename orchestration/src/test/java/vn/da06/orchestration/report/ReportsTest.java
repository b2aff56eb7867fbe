package vn.da06.orchestration.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.DeltaTableReader;
import vn.da06.goldread.ops.ReportRecord;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;

/**
 * Monthly and daily reports made by the CLI from a real warehouse (written by the pipeline),
 * checked against gold read independently: the administrative layout in Vietnamese, the figures,
 * byte-identical regeneration from the recorded versions, and CHÍNH THỨC vs TẠM TÍNH with reasons.
 */
class ReportsTest {
  @TempDir static Path dir;

  static Path warehouse;
  static Path lenient;
  static Path strict;

  /** The province's October report, made once on 5 November with lenient thresholds. */
  static TestReports.Run base;

  @BeforeAll
  static void copyWarehouse() {
    warehouse = TestReports.copyOfWarehouse(dir);
    lenient =
        TestReports.write(
            dir.resolve("lenient.yaml"),
            """
        smtp: {host: 127.0.0.1, port: 2525, tls: none, from: "bcd06@langson.test"}
        units:
          - {code: "20", recipients: [tinh@langson.test], monthly_due_day: 8}
          - {code: "06076", recipients: [quyhoa@langson.test], monthly_due_day: 15, daily: true}
        """);
    strict =
        TestReports.write(
            dir.resolve("strict.yaml"),
            """
        smtp: {host: 127.0.0.1, port: 2525, tls: none, from: "bcd06@langson.test"}
        data_quality_thresholds: {dq_unclean: 0.001}
        units:
          - {code: "20", recipients: [tinh@langson.test]}
        """);
    base = monthly("2026-11-05T02:00:00Z", lenient);
  }

  private static TestReports.Run monthly(String clock, Path config, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "monthly",
                "--month",
                "2026-10",
                "--warehouse",
                warehouse.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--config",
                config.toString()));
    if (more.length == 0) {
      args.addAll(List.of("--unit", "20"));
    }
    args.addAll(List.of(more));
    return TestReports.run(TestReports.clock(clock), args.toArray(new String[0]));
  }

  @Test
  void monthlyReportIsAVietnameseAdministrativeReportWithEveryDiacritic() {
    TestReports.Run run = base;

    assertThat(run.code()).as(run.err()).isZero();
    String text =
        TestReports.pdfText(TestReports.read(dir.resolve("out").resolve(run.reportId() + ".pdf")));
    assertThat(text)
        .contains(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND TỈNH LẠNG SƠN",
            "BAN CHỈ ĐẠO ĐỀ ÁN 06",
            "/BC-BCĐ06",
            "Lạng Sơn, ngày 05 tháng 11 năm 2026",
            "Kính gửi:",
            "Nơi nhận:",
            "TM. BAN CHỈ ĐẠO",
            "Kết quả thực hiện Đề án 06 tháng 10/2026 — tỉnh Lạng Sơn",
            "BẢNG XẾP HẠNG CÁC XÃ, PHƯỜNG",
            "CHẤT LƯỢNG DỮ LIỆU DÂN CƯ (ĐÚNG, ĐỦ, SẠCH, SỐNG)",
            "Biểu đồ 1.",
            "Tỷ lệ đúng, đủ, sạch, sống",
            "Chưa rà soát (không sống)",
            "Trang 1/");
    assertThat(text).contains("CHÍNH THỨC · Mã báo cáo " + run.reportId());
    assertThat(text).contains("gold.ward_month_kpis v0", "ops.ingested_files v0");
  }

  @Test
  void figuresInThePdfAndTheWorkbookEqualGoldReadIndependently() {
    TestReports.Run run = base;
    byte[] xlsx = TestReports.read(dir.resolve("out").resolve(run.reportId() + ".xlsx"));
    String pdf =
        TestReports.pdfText(TestReports.read(dir.resolve("out").resolve(run.reportId() + ".pdf")));

    Map<String, Object> gold = TestReports.provinceFigures(warehouse, "20", "2026-10");
    Map<String, Object> sheet = TestReports.kpiSheet(xlsx);
    assertThat(((Number) gold.get("eid_activations_l2_cum")).longValue()).isPositive();
    for (Metric metric : Metrics.ALL) {
      Object expected = gold.get(metric.column());
      Object actual = sheet.get(metric.column());
      if (expected == null) {
        assertThat(actual).as(metric.column()).isNull();
      } else if (metric.isRate()) {
        assertThat((Double) actual).as(metric.column()).isCloseTo((Double) expected, within(1e-12));
        assertThat(pdf)
            .as(metric.column())
            .contains(metric.column() + " " + Formats.percent((Double) expected));
      } else {
        assertThat(((Double) actual).longValue()).as(metric.column()).isEqualTo(expected);
        assertThat(pdf)
            .as(metric.column())
            .contains(metric.column() + " " + Formats.count((Long) expected));
      }
    }
    List<List<Object>> status = TestReports.sheet(xlsx, XlsxRenderer.STATUS_SHEET);
    assertThat(status)
        .anySatisfy(row -> assertThat(row).containsExactly("Trạng thái", "CHÍNH THỨC"));
    assertThat(status)
        .anySatisfy(row -> assertThat(row).containsExactly("gold.ward_month_kpis", 0.0));
  }

  @Test
  void leagueTableRanksEveryWardOfTheProvinceByCoverage() {
    TestReports.Run run = base;
    List<List<Object>> league =
        TestReports.sheet(
            TestReports.read(dir.resolve("out").resolve(run.reportId() + ".xlsx")), "Xếp hạng");
    DeltaTableReader.TableData kpis =
        new DeltaTableReader().read(warehouse.resolve("gold/ward_month_kpis"));
    long wards =
        kpis.rows().stream()
            .filter(
                row -> "20".equals(row.get("province_code")) && "2026-10".equals(row.get("month")))
            .count();
    List<List<Object>> ranked = league.subList(2, league.size());
    assertThat(ranked).hasSize((int) wards);
    for (int i = 1; i < ranked.size(); i++) {
      Double before = (Double) ranked.get(i - 1).get(5);
      Double after = (Double) ranked.get(i).get(5);
      if (before != null && after != null) {
        assertThat(before).isGreaterThanOrEqualTo(after);
      }
    }
  }

  @Test
  void regenerateRebuildsTheSameBytesFromTheRecordedVersionsAfterGoldMoved() throws Exception {
    TestReports.Run first = base;
    Path out = dir.resolve("out");
    byte[] pdf = TestReports.read(out.resolve(first.reportId() + ".pdf"));
    byte[] xlsx = TestReports.read(out.resolve(first.reportId() + ".xlsx"));
    Path elsewhere = dir.resolve("regenerated");

    // Gold moves on: a new version of gold.target_progress without any row.
    Path copy = TestReports.copyOfWarehouse(dir.resolve("moved"));
    Files.copy(warehouse.resolve("ops/reports.jsonl"), copy.resolve("ops/reports.jsonl"));
    TestReports.emptyTable(copy.resolve("gold/target_progress"));
    TestReports.Run regenerated =
        TestReports.run(
            TestReports.clock("2027-03-01T00:00:00Z"),
            "regenerate",
            first.reportId(),
            "--warehouse",
            copy.toString(),
            "--out",
            elsewhere.toString());

    assertThat(regenerated.code()).as(regenerated.err()).isZero();
    assertThat(TestReports.read(elsewhere.resolve(first.reportId() + ".pdf"))).isEqualTo(pdf);
    assertThat(TestReports.read(elsewhere.resolve(first.reportId() + ".xlsx"))).isEqualTo(xlsx);
    TestReports.Run remade =
        TestReports.run(
            TestReports.clock("2026-11-05T02:00:00Z"),
            "monthly",
            "--unit",
            "20",
            "--month",
            "2026-10",
            "--warehouse",
            copy.toString(),
            "--out",
            elsewhere.toString(),
            "--config",
            lenient.toString());
    assertThat(remade.reportId()).isNotEqualTo(first.reportId());
    assertThat(remade.out()).contains("CHÍNH THỨC");
    assertThat(TestReports.pdfText(TestReports.read(elsewhere.resolve(remade.reportId() + ".pdf"))))
        .contains("gold.target_progress v1", "Không có chỉ tiêu được giao");
  }

  @Test
  void makingTheSameReportTwiceIsOneReport() {
    TestReports.Run first = base;
    TestReports.Run again = monthly("2026-11-06T09:00:00Z", lenient);

    assertThat(again.reportId()).isEqualTo(first.reportId());
    assertThat(new ReportRegistry(warehouse).all())
        .filteredOn(r -> r.reportId().equals(first.reportId()))
        .hasSize(1);
  }

  @Test
  void provisionalWithTheReasonWhenADataQualityRuleIsOverItsThreshold() {
    TestReports.Run run = monthly("2026-11-05T02:00:00Z", strict);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("TẠM TÍNH");
    String text =
        TestReports.pdfText(TestReports.read(dir.resolve("out").resolve(run.reportId() + ".pdf")))
            .replaceAll("\\s+", " ");
    assertThat(text).contains("TẠM TÍNH · Mã báo cáo", "trùng (không sạch)", "vượt ngưỡng 0,1%");
    ReportRecord record = new ReportRegistry(warehouse).find(run.reportId()).orElseThrow();
    assertThat(record.status()).isEqualTo("TẠM TÍNH");
    assertThat(record.reason()).contains("trùng (không sạch)").contains("vượt ngưỡng 0,1%");
  }

  @Test
  void provisionalWhileTheMonthIsNotOverAndWhenItsFeedsHaveNotArrived() {
    TestReports.Run early = monthly("2026-10-25T02:00:00Z", lenient);
    assertThat(early.out()).contains("TẠM TÍNH", "Tháng 10/2026 chưa kết thúc");

    TestReports.Run november =
        TestReports.run(
            TestReports.clock("2026-12-05T02:00:00Z"),
            "monthly",
            "--unit",
            "20",
            "--warehouse",
            warehouse.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--config",
            lenient.toString());
    assertThat(november.code()).as(november.err()).isZero();
    assertThat(november.out())
        .contains(
            "BCT-20-2026-11-",
            "TẠM TÍNH",
            "chưa nhận tệp eid_applications của tháng 11/2026",
            "xã/phường chưa có số liệu tháng 11/2026");
  }

  @Test
  void dueDayMakesTheReportsOfTheUnitsDueThatDay() {
    TestReports.Run run = monthly("2026-11-10T02:00:00Z", lenient, "--due-day", "15");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("report BCT-06076-2026-10-").doesNotContain("BCT-20-");
    String text =
        TestReports.pdfText(TestReports.read(dir.resolve("out").resolve(run.reportId() + ".pdf")))
            .replaceAll("\\s+", " ");
    assertThat(text)
        .contains(
            "UBND XÃ QUÝ HÒA", "TỔ CÔNG TÁC ĐỀ ÁN 06", "/BC-TCT06", "(toàn tỉnh, để so sánh)");
    assertThat(ReportsConfig.load(lenient).units())
        .extracting(ReportsConfig.Unit::monthlyDueDay)
        .containsExactly(8, 15);
  }

  @Test
  void dailyReportGivesEachWardsLevelTwoFiguresOfTheDayAndWhoDidNotReportBy17() {
    TestReports.Run run =
        TestReports.run(
            TestReports.clock("2026-10-20T11:00:00Z"),
            "daily",
            "--unit",
            "20",
            "--date",
            "2026-10-20",
            "--warehouse",
            warehouse.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--config",
            lenient.toString());

    assertThat(run.code()).as(run.err()).isZero();
    long applications = 0;
    long activations = 0;
    long notOnTime = 0;
    for (Map<String, Object> row :
        new DeltaTableReader().read(warehouse.resolve("gold/daily_report_check")).rows()) {
      if (java.time.LocalDate.of(2026, 10, 20).equals(row.get("report_date"))) {
        applications += (Long) row.get("system_l2_applications");
        activations += (Long) row.get("system_l2_activations");
        notOnTime += "ON_TIME".equals(row.get("status")) ? 0 : 1;
      }
    }
    List<List<Object>> table =
        TestReports.sheet(
            TestReports.read(dir.resolve("out").resolve(run.reportId() + ".xlsx")), "Báo cáo ngày");
    List<Object> total = table.get(table.size() - 1);
    assertThat(total.get(0)).isEqualTo("Tổng cộng");
    assertThat(((Double) total.get(2)).longValue()).isEqualTo(applications);
    assertThat(((Double) total.get(3)).longValue()).isEqualTo(activations);
    assertThat(notOnTime).isPositive();
    String text =
        TestReports.pdfText(TestReports.read(dir.resolve("out").resolve(run.reportId() + ".pdf")));
    assertThat(text)
        .contains(
            "BÁO CÁO NHANH", "XÃ, PHƯỜNG CHƯA BÁO CÁO TRƯỚC 17:00", notOnTime + " xã/phường:");
    assertThat(run.out()).contains("TẠM TÍNH", notOnTime + " xã/phường chưa báo cáo trước 17:00");
  }

  @Test
  void badInputIsACleanErrorThatSaysWhatToDo() {
    TestReports.Run unknown =
        TestReports.run(
            TestReports.clock("2026-11-05T02:00:00Z"),
            "monthly",
            "--unit",
            "99",
            "--warehouse",
            warehouse.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--config",
            lenient.toString());
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("Cannot make a report for unit 99: no ward of gold.dim_ward belongs to it");

    TestReports.Run month =
        TestReports.run(
            TestReports.clock("2026-11-05T02:00:00Z"),
            "monthly",
            "--unit",
            "20",
            "--month",
            "10/2026",
            "--warehouse",
            warehouse.toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(month.code()).isEqualTo(1);
    assertThat(month.err()).contains("Cannot read --month '10/2026': it is not yyyy-MM");

    Path broken =
        TestReports.write(dir.resolve("broken.yaml"), "smtp: {host: x, from: a@b.vn, tls: ssl}\n");
    TestReports.Run config = monthly("2026-11-05T02:00:00Z", broken);
    assertThat(config.code()).isEqualTo(1);
    assertThat(config.err())
        .contains(
            "Cannot read " + broken + " line 1: smtp.tls must be none, starttls or tls, not 'ssl'");

    TestReports.Run missing =
        TestReports.run(
            TestReports.clock("2026-11-05T02:00:00Z"),
            "regenerate",
            "BCT-20-2026-10-nothing",
            "--warehouse",
            warehouse.toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .contains("Cannot regenerate BCT-20-2026-10-nothing: there is no such report");
  }
}
