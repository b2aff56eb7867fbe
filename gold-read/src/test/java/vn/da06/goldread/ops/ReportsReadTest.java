package vn.da06.goldread.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsReadTest {
  static final ObjectMapper JSON = OpsFiles.json();

  @TempDir Path warehouse;

  static ReportRecord report(String id, String status) {
    return new ReportRecord(
        id,
        ReportRecord.MONTHLY,
        "20",
        "Lạng Sơn",
        "2025-07",
        1,
        status,
        status.equals(ReportRecord.OFFICIAL) ? null : "thiếu dữ liệu",
        Map.of("gold.ward_month_kpis", 12L),
        List.of(new ReportRecord.FileDigest(id + ".pdf", "ab12")),
        "2025-08-03T01:00:00Z",
        new Letterhead(
            null,
            "UBND TỈNH LẠNG SƠN",
            "UBND",
            null,
            "Chủ tịch",
            "Nguyễn Văn A",
            "Ban Chỉ đạo Đề án 06",
            "Lạng Sơn",
            List.of("Như trên"),
            Map.of("dq_records", 0.05)));
  }

  static void write(Path file, String... lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void readsTheReportsMadeInTheOrderMadeWithSnakeCaseFields() throws Exception {
    ReportRecord official = report("BCT-20-2025-07-aaaa", ReportRecord.OFFICIAL);
    ReportRecord provisional = report("BCT-20-2025-06-bbbb", ReportRecord.PROVISIONAL);
    String line = JSON.writeValueAsString(official);
    assertThat(line).contains("\"report_id\":\"BCT-20-2025-07-aaaa\"", "\"table_versions\"");
    write(OpsFiles.reports(warehouse), line, "", JSON.writeValueAsString(provisional));

    List<ReportRecord> reports = new ReportsRead(warehouse).reports();

    assertThat(reports).containsExactly(official, provisional);
    assertThat(reports.get(0).official()).isTrue();
    assertThat(reports.get(1).official()).isFalse();
  }

  @Test
  void aDamagedReportLineSaysWhichLineAndWhatToDo() throws Exception {
    write(
        OpsFiles.reports(warehouse),
        JSON.writeValueAsString(report("BCT-20-2025-07-aaaa", ReportRecord.OFFICIAL)),
        "{\"report_id\": \"BCT-");

    assertThatThrownBy(() -> new ReportsRead(warehouse).reports())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot read " + OpsFiles.reports(warehouse) + " line 2: ")
        .hasMessageEndingWith(
            "(the line is damaged; restore the file from a backup or remove the line)");
  }

  @Test
  void theLatestLineOfAMessageIsItsStateAndATornLastLineIsSkipped() throws Exception {
    MailLedgerEntry pending =
        new MailLedgerEntry(
            "BCT-1", "a@x.vn", "REPORT", "<m1>", MailLedgerEntry.State.PENDING, "t1", null);
    MailLedgerEntry sent =
        new MailLedgerEntry(
            "BCT-1", "a@x.vn", "REPORT", "<m1>", MailLedgerEntry.State.SENT, "t2", null);
    MailLedgerEntry failed =
        new MailLedgerEntry(
            "BCT-1", "b@x.vn", "REPORT", "<m2>", MailLedgerEntry.State.FAILED, "t3", "refused");
    String line = JSON.writeValueAsString(pending);
    assertThat(line).contains("\"message_id\":\"<m1>\"").doesNotContain("key");
    write(
        OpsFiles.mailLedger(warehouse),
        line,
        JSON.writeValueAsString(sent),
        JSON.writeValueAsString(failed),
        "{\"report_id\":\"BCT-1\",\"recip");

    ReportsRead read = new ReportsRead(warehouse);

    assertThat(read.mailLedger()).containsExactly(pending, sent, failed);
    assertThat(read.deliveries().values()).containsExactly(sent, failed);
  }

  @Test
  void aDamagedLedgerLineBeforeTheLastIsAnError() throws Exception {
    write(
        OpsFiles.mailLedger(warehouse),
        "not json",
        JSON.writeValueAsString(
            new MailLedgerEntry(
                "BCT-1", "a@x.vn", "REPORT", "<m1>", MailLedgerEntry.State.SENT, "t2", null)));

    assertThatThrownBy(() -> new ReportsRead(warehouse).mailLedger())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot read " + OpsFiles.mailLedger(warehouse) + " line 1: ")
        .hasMessageEndingWith("(the ledger is damaged; restore it from a backup)");
  }

  @Test
  void nothingMadeOrSentBeforeTheFirstReport() {
    ReportsRead read = new ReportsRead(warehouse);
    assertThat(read.reports()).isEmpty();
    assertThat(read.deliveries()).isEmpty();
  }
}
