package vn.da06.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.DailyReportRow;
import vn.da06.goldread.DataVersion;
import vn.da06.goldread.FakeKpiStore;
import vn.da06.goldread.GoldData;
import vn.da06.goldread.InMemoryGold;
import vn.da06.goldread.KpiRow;
import vn.da06.goldread.TargetRow;
import vn.da06.goldread.WardInfo;
import vn.da06.goldread.WardView;
import vn.da06.goldread.ops.Letterhead;
import vn.da06.goldread.ops.MailLedgerEntry;
import vn.da06.goldread.ops.OpsFiles;
import vn.da06.goldread.ops.ReportRecord;
import vn.da06.warehouse.Goals;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.access.Passwords;
import vn.da06.warehouse.access.Role;
import vn.da06.warehouse.access.User;

/**
 * The targets page, the KPI card's target line, the to-do list, the daily page and the freshness
 * line over a small hand-written gold, with today pinned by a fixed clock in Vietnam's time zone.
 */
class TodoListTest {
  @TempDir Path dir;

  static final LocalDate END_2025 = LocalDate.of(2025, 12, 31);

  /** A target's row; attainment and projection as gold computes them (actual + pace × days). */
  static TargetRow target(
      String unit,
      String metric,
      String campaign,
      double value,
      LocalDate start,
      LocalDate deadline,
      String month,
      double actual,
      double pacePerDay) {
    LocalDate asOf = java.time.YearMonth.parse(month).atEndOfMonth();
    if (asOf.isAfter(deadline)) {
      asOf = deadline;
    }
    long daysLeft = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(asOf, deadline));
    double projected = actual + pacePerDay * daysLeft;
    return new TargetRow(
        unit,
        metric,
        campaign,
        value,
        start,
        deadline,
        month,
        actual,
        actual / value,
        projected,
        projected >= value,
        daysLeft,
        daysLeft == 0 ? null : Math.max(value - actual, 0) / daysLeft);
  }

  /**
   * Province 20: ward 06325 (today's, from the former 06325 and 06328) and 06400; figures of June
   * and July 2025; live targets of 2025, ended ones of 2024 (one met, one not) that sort before the
   * live ones by attainment; daily reports in June (former wards) and on 9 August 2025.
   */
  static GoldData gold() {
    List<WardInfo> wards =
        List.of(
            FakeKpiStore.preMergedInto("06325", "Xã Bắc Sơn (cũ)", "201", "06325"),
            FakeKpiStore.preMergedInto("06328", "Xã Hữu Vĩnh", "201", "06325"),
            FakeKpiStore.preMergedInto("06400", "Xã Khác", "202", "06400"),
            FakeKpiStore.now("06325", "Phường Hoàng Văn Thụ", "20"),
            FakeKpiStore.now("06400", "Xã Khác", "20"));
    List<KpiRow> rows = new ArrayList<>();
    for (String month : List.of("2025-06", "2025-07")) {
      long online = month.equals("2025-06") ? 10 : 12;
      rows.add(
          FakeKpiStore.row(
              "06325",
              month,
              Map.of(
                  "eid_activations_l2_cum",
                  month.equals("2025-06") ? 10L : 20L,
                  "dossiers_total",
                  100L,
                  "dossiers_online",
                  online)));
      rows.add(
          FakeKpiStore.row("06400", month, Map.of("dossiers_total", 10L, "dossiers_online", 5L)));
    }
    LocalDate june = LocalDate.of(2025, 6, 1);
    String count = "eid_activations_l2_cum";
    List<TargetRow> targets =
        List.of(
            // live, furthest behind: 20 of 100, +10 in July (10/31 a day)
            target("06325", count, "Chiến dịch 2025", 100, june, END_2025, "2025-06", 10, 0),
            target(
                "06325", count, "Chiến dịch 2025", 100, june, END_2025, "2025-07", 20, 10 / 31.0),
            // live, 90 of 100
            target("06400", count, "Chiến dịch 2025", 100, june, END_2025, "2025-07", 90, 0.1),
            // live rate: 10 % → 12 % online, target 80 %
            target(
                "06325", "online_rate", "Trực tuyến 2025", 0.8, june, END_2025, "2025-06", 0.10, 0),
            target(
                "06325",
                "online_rate",
                "Trực tuyến 2025",
                0.8,
                june,
                END_2025,
                "2025-07",
                0.12,
                0.02 / 31),
            // ended 2024, not met: 300 of 500 (attainment 0.6, below the live 06400's 0.9)
            target(
                "06325",
                count,
                "Chiến dịch 2024",
                500,
                LocalDate.of(2024, 7, 1),
                LocalDate.of(2024, 12, 31),
                "2024-12",
                300,
                5),
            // ended 2024, met: 120 of 100
            target(
                "06400",
                count,
                "Chiến dịch 2024",
                100,
                LocalDate.of(2024, 7, 1),
                LocalDate.of(2024, 12, 31),
                "2024-12",
                120,
                1));
    List<DailyReportRow> daily =
        List.of(
            // June: the former wards 06325 and 06328 report separately; one late day
            daily("06325", LocalDate.of(2025, 6, 2), "ON_TIME", 9),
            daily("06328", LocalDate.of(2025, 6, 2), "ON_TIME", 10),
            daily("06325", LocalDate.of(2025, 6, 3), "ON_TIME", 9),
            daily("06328", LocalDate.of(2025, 6, 3), "LATE", 18),
            daily("06400", LocalDate.of(2025, 6, 3), "ON_TIME", 8),
            // 9 August: 06325 on time, 06400 did not report
            daily("06325", LocalDate.of(2025, 8, 9), "ON_TIME", 11),
            daily("06400", LocalDate.of(2025, 8, 9), "MISSING", -1));
    return new InMemoryGold(
        new DataVersion(7, Instant.parse("2025-08-01T00:05:00Z"), Map.of()),
        wards,
        rows,
        rows,
        List.of(),
        List.of(),
        targets,
        daily);
  }

  static DailyReportRow daily(String ward, LocalDate day, String status, int hour) {
    Instant sent = hour < 0 ? null : day.atTime(hour, 15).atZone(PageContext.VIETNAM).toInstant();
    return new DailyReportRow(
        ward,
        day,
        day.toString().substring(0, 7),
        sent,
        hour < 0 ? null : "ON_TIME".equals(status),
        status,
        1L,
        1L,
        1L,
        1L,
        0L,
        0L);
  }

  static ReportRecord report(String id, String unit, String period, String status) {
    return new ReportRecord(
        id,
        ReportRecord.MONTHLY,
        unit,
        "Lạng Sơn",
        period,
        1,
        status,
        status.equals(ReportRecord.OFFICIAL) ? null : "thiếu dữ liệu",
        Map.of("gold.ward_month_kpis", 7L),
        List.of(new ReportRecord.FileDigest(id + ".pdf", "ab12")),
        period + "-28T01:00:00Z",
        new Letterhead(
            null,
            "UBND TỈNH LẠNG SƠN",
            "UBND",
            null,
            "Chủ tịch",
            null,
            "Ban Chỉ đạo Đề án 06",
            "Lạng Sơn",
            List.of("Như trên"),
            Map.of()));
  }

  static final User USER =
      new User("tinh", "20", Role.ANALYST, Passwords.hash("mật khẩu".toCharArray()), null);

  static Clock at(int year, int month, int day) {
    return Clock.fixed(
        LocalDateTime.of(year, month, day, 9, 0).atZone(PageContext.VIETNAM).toInstant(),
        PageContext.VIETNAM);
  }

  static PageContext page(
      GoldData gold, String unit, String page, String month, Clock clock, MonthlyReports reports) {
    PageState state =
        new PageState(unit, page, month, WardView.AS_REPORTED, null, null, false, Lang.VI);
    return new PageContext(
        null,
        USER,
        gold,
        gold.unit("20").orElseThrow(),
        gold.unit(unit).orElseThrow(),
        state,
        Goals.DEFAULT,
        clock,
        reports);
  }

  static PageContext page(String unit, String page, Clock clock) {
    return page(gold(), unit, page, "2025-07", clock, MonthlyReports.NONE);
  }

  static String html(PageContext page) {
    return Layout.page(page, Pages.build(page), "csrf");
  }

  // ------------------------------------------------------------------ targets

  @Test
  void noLiveTargetIsHiddenBehindAnEndedOneAndEndedOnesAreFolded() {
    String html = html(page("20", "targets", at(2025, 8, 10)));
    int details = html.indexOf("data-testid=\"ended-targets\"");
    assertThat(details).isPositive();
    // the live targets' campaigns come before the fold, the ended ones only inside it
    assertThat(html.lastIndexOf("Chiến dịch 2025")).isLessThan(details);
    assertThat(html.indexOf("Chiến dịch 2024")).isGreaterThan(details);
    assertThat(html.substring(details, html.indexOf("</details>", details)))
        .contains("Đạt", "Không đạt", "60,0 %", "120,0 %")
        .doesNotContain("Có nguy cơ", "Đúng tiến độ");
  }

  @Test
  void aTargetIsLiveOrEndedByTodaysDateNotByTheMonthOfData() {
    // On 1 January 2026 the 2025 campaign has ended, though the latest data is still July's.
    List<TargetStanding> standings = TargetStanding.of(page("20", "targets", at(2026, 1, 1)));
    assertThat(standings).isNotEmpty().allMatch(TargetStanding::ended);
    List<TargetStanding> august = TargetStanding.of(page("20", "targets", at(2025, 8, 10)));
    assertThat(august.stream().filter(TargetStanding::live).map(t -> t.row().campaign()))
        .containsOnly("Chiến dịch 2025", "Trực tuyến 2025");
  }

  @Test
  void paceIsInTheTargetsOwnUnitAndNeverAMeaninglessZero() {
    PageContext page = page("20", "targets", at(2025, 8, 10));
    TableView table = TargetsPage.build(page).table("targets").orElseThrow();
    List<String> labels = table.columns().stream().map(TableView.Column::key).toList();
    int needed = labels.indexOf("pace_needed");
    int recent = labels.indexOf("pace_recent");
    int projected = labels.indexOf("projected_at_deadline");
    for (List<TableView.Cell> row : table.rows()) {
      String metric = (String) row.get(labels.indexOf("metric")).value();
      String neededText = row.get(needed).text();
      String recentText = row.get(recent).text();
      if (metric.equals("online_rate")) {
        assertThat(neededText).endsWith("điểm %/tháng");
        assertThat(recentText).endsWith("điểm %/tháng").doesNotStartWith("0 ");
      } else {
        assertThat(neededText).endsWith("kích hoạt/ngày");
        assertThat(recentText).endsWith("kích hoạt/ngày").doesNotStartWith("0 ");
        // projections of people are whole numbers
        Double value = (Double) row.get(projected).value();
        assertThat(value).isEqualTo(Math.rint(value));
        assertThat(row.get(projected).text()).doesNotContain(",");
      }
      assertThat(neededText).doesNotStartWith("0 ");
    }
  }

  @Test
  void smallPacesReadAsLessThanATenthNotZero() {
    assertThat(TargetsPage.small(Lang.VI, 0.01)).isEqualTo("< 0,1");
    assertThat(TargetsPage.small(Lang.VI, 0.26)).isEqualTo("0,3");
    assertThat(TargetsPage.small(Lang.VI, 47.8)).isEqualTo("48");
    assertThat(TargetsPage.small(Lang.VI, 0)).isEqualTo("0");
  }

  @Test
  void theTargetsChartKeepsTheHundredPercentLineOnItsAxisAndNamesWardsInFull() {
    PageContent content = TargetsPage.build(page("20", "targets", at(2025, 8, 10)));
    Chart chart =
        content.blocks().stream()
            .filter(Chart.class::isInstance)
            .map(Chart.class::cast)
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> x = (Map<String, Object>) chart.option().get("xAxis");
    assertThat(((Number) x.get("max")).doubleValue()).isGreaterThanOrEqualTo(100);
    @SuppressWarnings("unchecked")
    Map<String, Object> y = (Map<String, Object>) chart.option().get("yAxis");
    @SuppressWarnings("unchecked")
    List<String> labels = (List<String>) y.get("data");
    assertThat(labels).doesNotHaveDuplicates();
    assertThat(labels).anyMatch(label -> label.startsWith("Phường Hoàng Văn Thụ (06325)"));
  }

  @Test
  void aCardSaysItsLiveTargetWithDeadlineAndProjectionElseItsGoal() {
    PageContext page = page("20", "overview", at(2025, 8, 10));
    String line = TargetsPage.cardLine(page, Metrics.require("online_rate"), "06325");
    // 12 % in July, +2 points a month, 153 days to 31/12/2025
    double projected = 0.12 + 0.02 / 31 * 153;
    assertThat(line).isEqualTo("12,0 % / 80 % đến 31/12/2025 · dự kiến " + Lang.VI.rate(projected));
    assertThat(TargetsPage.cardLine(page, Metrics.require("online_rate"), "06400"))
        .isEqualTo("50,0 % / mục tiêu 70 %");
    String count = TargetsPage.cardLine(page, Metrics.require("eid_activations_l2_cum"), "06325");
    assertThat(count).startsWith("20 / 100 đến 31/12/2025 · dự kiến ");
    assertThat(count.substring(count.lastIndexOf(' ') + 1)).matches("\\d+");
  }

  // ------------------------------------------------------------------ to-do

  @Test
  void theToDoListsTheFurthestBehindLiveTargetWithItsGapAndPaces() {
    PageContext page = page("20", "overview", at(2025, 8, 10));
    List<TargetStanding> behind = TodoList.behind(page);
    // 12 % of 80 % online (15 % attained) is further behind than 20 of 100 activations (20 %)
    assertThat(behind)
        .extracting(t -> t.row().unitCode() + " " + t.row().metric())
        .startsWith("06325 online_rate", "06325 eid_activations_l2_cum");
    assertThat(behind).noneMatch(TargetStanding::ended);
    String html = TodoList.html(page);
    String[] items = html.split("<li ");
    long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2025, 8, 10), END_2025);
    assertThat(items[1])
        .contains("Phường Hoàng Văn Thụ (06325)", "href=\"/units/06325")
        .contains("còn thiếu 68 điểm %")
        .contains("cần ", "điểm %/tháng", "4 tuần gần nhất ")
        .contains("còn " + daysLeft + " ngày (hạn 31/12/2025)");
    assertThat(items[2]).contains("còn thiếu 80 kích hoạt", "kích hoạt/tuần");
    assertThat(html).doesNotContain("Chiến dịch 2024");
  }

  @Test
  void theToDoNamesYesterdaysWardsWithoutADailyReportBy17() {
    String html = TodoList.html(page("20", "overview", at(2025, 8, 10)));
    String daily = html.substring(html.indexOf("data-testid=\"todo-daily\""));
    daily = daily.substring(0, daily.indexOf("</div>"));
    assertThat(daily).contains("09/08/2025", "Xã Khác (06400)", "Thiếu").doesNotContain("06325");
  }

  @Test
  void whenTheDailyReportsDoNotReachYesterdayTheToDoSaysUpToWhen() {
    String html = TodoList.html(page("20", "overview", at(2025, 8, 20)));
    assertThat(html)
        .contains("Số liệu báo cáo ngày mới đến 09/08/2025")
        .doesNotContain("data-ward=\"06400\"");
  }

  @Test
  void theMonthlyReportsDueSayMadeProvisionalSentOrLate() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Files.createDirectories(OpsFiles.reports(warehouse).getParent());
    Files.writeString(
        OpsFiles.reports(warehouse),
        OpsFiles.json().writeValueAsString(report("BCT-20-2025-07", "20", "2025-07", "TẠM TÍNH"))
            + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        OpsFiles.mailLedger(warehouse),
        OpsFiles.json()
                .writeValueAsString(
                    new MailLedgerEntry(
                        "BCT-20-2025-07",
                        "tinh@langson.test",
                        "REPORT",
                        "<m1>",
                        MailLedgerEntry.State.SENT,
                        "2025-08-05T01:00:00Z",
                        null))
            + "\n",
        StandardCharsets.UTF_8);
    Path config = dir.resolve("reports.yaml");
    Files.writeString(
        config,
        "units:\n  - {code: \"20\", monthly_due_day: 8}\n  - {code: \"06400\", monthly_due_day: 15}\n",
        StandardCharsets.UTF_8);
    MonthlyReports reports = MonthlyReports.load(warehouse, config);

    String onTenth =
        TodoList.html(page(gold(), "20", "overview", "2025-07", at(2025, 8, 10), reports));
    assertThat(onTenth)
        .contains("Báo cáo tháng 07/2025")
        .contains("data-report-unit=\"20\" data-state=\"Đã lập, Tạm tính, Đã gửi 1/1\"")
        .contains("data-report-unit=\"06400\" data-state=\"Chưa lập\"")
        .contains("hạn 08/08/2025", "hạn 15/08/2025");
    String onSixteenth =
        TodoList.html(page(gold(), "20", "overview", "2025-07", at(2025, 8, 16), reports));
    assertThat(onSixteenth).contains("data-report-unit=\"06400\" data-state=\"Chưa lập, Quá hạn\"");
    // a ward sees only its own report
    String ward =
        TodoList.html(page(gold(), "06400", "overview", "2025-07", at(2025, 8, 10), reports));
    assertThat(ward)
        .contains("data-report-unit=\"06400\"")
        .doesNotContain("data-report-unit=\"20\"");
  }

  @Test
  void withoutAReportsConfigurationTheToDoSaysSo() {
    assertThat(TodoList.html(page("20", "overview", at(2025, 8, 10))))
        .contains("Chưa cấu hình báo cáo tháng (config/reports.yaml).");
  }

  // ------------------------------------------------------------------ daily reports

  @Test
  void aWardWhoseFormerWardsAreSummedCountsEachDayOnce() {
    PageContext page =
        page(gold(), "06325", "overview", "2025-07", at(2025, 8, 10), MonthlyReports.NONE);
    TableView table = DailyPage.dailyByMonthTable(page, List.of("2025-06", "2025-07"));
    List<TableView.Cell> june =
        table.rows().stream()
            .filter(row -> "2025-06".equals(row.get(0).value()))
            .findFirst()
            .orElseThrow();
    // 2 June: both former wards on time; 3 June: one late → 1 day on time, 1 late, not 3 and 1
    assertThat(june.get(1).value()).isEqualTo(1L);
    assertThat(june.get(2).value()).isEqualTo(1L);
    assertThat(june.get(3).value()).isEqualTo(0L);
  }

  @Test
  void theDailyPageSaysTodayAndYesterdayWithLinksAndTheGapsOfTheRecord() {
    String html =
        html(page(gold(), "20", "daily", "2025-08", at(2025, 8, 10), MonthlyReports.NONE));
    String days = html.substring(html.indexOf("data-testid=\"daily-days\""));
    days = days.substring(0, days.indexOf("</section>"));
    assertThat(days)
        .contains("Hôm nay 10/08/2025", "Chưa có số liệu (số liệu báo cáo ngày đến 09/08/2025).")
        .contains("Hôm qua 09/08/2025", "1 đúng giờ, 0 muộn, 1 không gửi")
        .contains("href=\"/units/06400?month=2025-08&amp;wards=reported\"");
    assertThat(html)
        .contains("Không có bản ghi báo cáo ngày nào cho 8 ngày của tháng: 01/08–08/08/2025.");
  }

  // ------------------------------------------------------------------ freshness

  @Test
  void everyPageSaysWhatTheDataCoversAndWarnsWhenItIsOlderThanItsCadence() {
    String fresh = html(page("20", "quality", at(2025, 8, 10)));
    assertThat(fresh)
        .contains(
            "<p class=\"freshness\" data-testid=\"freshness\">Số liệu đến 31/07/2025, cập nhật 07:05 01/08/2025</p>");
    // before the 8th, the month before last is still on time
    assertThat(html(page("20", "quality", at(2025, 9, 7)))).doesNotContain("data-testid=\"stale\"");
    String stale = html(page("20", "targets", at(2025, 9, 8)));
    assertThat(stale)
        .contains("Số liệu đã cũ: chưa có số liệu tháng 08/2025 (phải có từ 08/09/2025).")
        .contains("data-testid=\"pace-basis\"");
  }
}
