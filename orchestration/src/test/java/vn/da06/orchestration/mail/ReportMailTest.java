package vn.da06.orchestration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.goldread.ops.MailLedgerEntry;
import vn.da06.orchestration.report.ReportService;
import vn.da06.orchestration.report.ReportsConfig;
import vn.da06.orchestration.report.TestReports;

/**
 * Email through a real SMTP and IMAP server (GreenMail): messages arrive once with the right
 * subject, recipients and attachments whose figures equal gold; a crash between the send and the
 * ledger write does not send twice; a server that is down is retried until it is up; the operator
 * is warned.
 */
class ReportMailTest {
  static final String ARCHIVE = "archive@da06.test";
  static final String PASSWORD_PROPERTY = "DA06_TEST_ARCHIVE_PASSWORD";
  static final String TINH = "tinh@langson.test";
  static final String VANPHONG = "vanphong@langson.test";
  static final String OPERATOR = "vanhanh@langson.test";

  @TempDir Path dir;

  GreenMail mail;
  Path warehouse;

  @BeforeAll
  static void archivePassword() {
    System.setProperty(PASSWORD_PROPERTY, "archive-secret");
  }

  @BeforeEach
  void start() {
    warehouse = TestReports.copyOfWarehouse(dir);
    mail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()
            });
    mail.start();
    mail.setUser(ARCHIVE, "archive", "archive-secret");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  private Path config(int smtpPort, int imapPort, String thresholds) {
    return TestReports.write(
        dir.resolve("reports-" + UUID.randomUUID() + ".yaml"),
        """
        smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Ban Chỉ đạo Đề án 06 <bcd06@langson.test>", timeout_seconds: 5}
        archive: {address: %s, imap_host: 127.0.0.1, imap_port: %d, imap_tls: false, user: archive, password_env: %s}
        retry: {initial_seconds: 0.2, factor: 2, max_seconds: 1, warn_before_deadline_hours: 48}
        %s
        units:
          - {code: "20", recipients: [%s, %s], operator: %s, monthly_due_day: 8}
        """
            .formatted(
                smtpPort,
                ARCHIVE,
                imapPort,
                PASSWORD_PROPERTY,
                thresholds,
                TINH,
                VANPHONG,
                OPERATOR));
  }

  private Path config() {
    return config(mail.getSmtp().getPort(), mail.getImap().getPort(), "");
  }

  private List<MimeMessage> inbox(String address) {
    return mail.findReceivedMessages(user -> user.getEmail().equals(address), message -> true)
        .toList();
  }

  private TestReports.Run sendMonthly(Path config, String clock) {
    return TestReports.run(
        TestReports.clock(clock),
        "monthly",
        "--unit",
        "20",
        "--month",
        "2026-10",
        "--warehouse",
        warehouse.toString(),
        "--out",
        dir.resolve("out").toString(),
        "--config",
        config.toString(),
        "--send");
  }

  @Test
  void reportArrivesOnceForEachRecipientWithBothAttachmentsWhoseFiguresEqualGold()
      throws Exception {
    Path config = config();
    TestReports.Run run = sendMonthly(config, "2026-11-05T02:00:00Z");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("sent to " + TINH, "sent to " + VANPHONG);
    for (String recipient : List.of(TINH, VANPHONG)) {
      List<MimeMessage> messages = inbox(recipient);
      assertThat(messages).hasSize(1);
      MimeMessage message = messages.get(0);
      assertThat(message.getSubject())
          .isEqualTo("[ĐA06] Báo cáo tháng 10/2026 — tỉnh Lạng Sơn (CHÍNH THỨC)");
      assertThat(message.getHeader("To", ",")).isEqualTo(recipient);
      assertThat(message.getHeader("Bcc")).isNull();
      Map<String, byte[]> attachments = attachments(message);
      assertThat(attachments.keySet())
          .containsExactlyInAnyOrder(run.reportId() + ".pdf", run.reportId() + ".xlsx");
      Map<String, Object> gold = TestReports.provinceFigures(warehouse, "20", "2026-10");
      Map<String, Object> sheet = TestReports.kpiSheet(attachments.get(run.reportId() + ".xlsx"));
      for (String count :
          List.of(
              "eid_applications_l2", "eid_activations_l2_cum", "dossiers_online", "dq_records")) {
        assertThat(((Double) sheet.get(count)).longValue()).as(count).isEqualTo(gold.get(count));
      }
      assertThat((Double) sheet.get("eid_l2_coverage_rate"))
          .isEqualTo((Double) gold.get("eid_l2_coverage_rate"));
      assertThat(TestReports.pdfText(attachments.get(run.reportId() + ".pdf")))
          .contains(
              "eid_activations_l2_cum " + gold.get("eid_activations_l2_cum"),
              "CHÍNH THỨC · Mã báo cáo");
    }
    assertThat(inbox(ARCHIVE)).hasSize(2);
    assertThat(inbox(OPERATOR)).isEmpty();

    TestReports.Run again = sendMonthly(config, "2026-11-05T03:00:00Z");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already sent to " + TINH, "already sent to " + VANPHONG);
    assertThat(inbox(TINH)).hasSize(1);
    assertThat(inbox(VANPHONG)).hasSize(1);
  }

  @Test
  void aCrashBetweenTheSendAndTheLedgerWriteDoesNotSendTwice() throws Exception {
    ReportsConfig config = ReportsConfig.load(config());
    ReportService.Made made =
        new ReportService(warehouse, dir.resolve("out"))
            .monthly(
                config,
                "20",
                java.time.YearMonth.of(2026, 10),
                Instant.parse("2026-11-05T02:00:00Z"));
    ReportMailer.Parcel parcel = new ReportMailer.Parcel(made.record(), made.pdf(), made.xlsx());
    ReportsConfig.Unit unit = config.unit("20").orElseThrow();
    Instant deadline = Instant.parse("2026-11-07T17:00:00Z");
    MailLedger ledger = new MailLedger(warehouse);
    ReportMailer crashing =
        new ReportMailer(
            config,
            ledger,
            Clock.systemUTC(),
            duration -> {},
            (recipient, messageId) -> {
              if (recipient.equals(VANPHONG)) {
                throw new IllegalStateException(
                    "simulated crash after the server accepted " + messageId);
              }
            },
            quiet());

    assertThatThrownBy(() -> crashing.deliver(parcel, unit, deadline))
        .hasMessageContaining("simulated crash");
    assertThat(inbox(VANPHONG)).hasSize(1);
    assertThat(
            ledger
                .latest(made.record().reportId(), VANPHONG, ReportMailer.REPORT)
                .orElseThrow()
                .state())
        .isEqualTo(MailLedgerEntry.State.PENDING);

    ReportMailer restarted =
        new ReportMailer(
            config,
            new MailLedger(warehouse),
            Clock.systemUTC(),
            duration -> {},
            (recipient, messageId) -> {},
            quiet());
    ReportMailer.Outcome outcome = restarted.deliver(parcel, unit, deadline);

    assertThat(outcome.alreadySent()).containsExactlyInAnyOrder(TINH, VANPHONG);
    assertThat(outcome.sent()).isEmpty();
    assertThat(inbox(VANPHONG)).hasSize(1);
    assertThat(inbox(TINH)).hasSize(1);
    MailLedgerEntry resolved =
        ledger.latest(made.record().reportId(), VANPHONG, ReportMailer.REPORT).orElseThrow();
    assertThat(resolved.state()).isEqualTo(MailLedgerEntry.State.SENT);
    assertThat(resolved.note()).isEqualTo("found in the archive mailbox after a restart");
    assertThat(inbox(VANPHONG).get(0).getMessageID()).isEqualTo(resolved.messageId());
  }

  @Test
  void aReportOfOneUnitIsNeverMailedToTheRecipientsOfAnother() throws Exception {
    ReportsConfig config = ReportsConfig.load(config());
    ReportService.Made made =
        new ReportService(warehouse, dir.resolve("out"))
            .monthly(
                config,
                "20",
                java.time.YearMonth.of(2026, 10),
                Instant.parse("2026-11-05T02:00:00Z"));
    ReportsConfig.Unit other =
        new ReportsConfig.Unit(
            "06325", List.of("xa.khac@langson.test"), null, 8, false, java.util.Optional.empty());
    assertThatThrownBy(
            () ->
                new ReportMailer(
                        config,
                        new MailLedger(warehouse),
                        Clock.systemUTC(),
                        duration -> {},
                        (recipient, id) -> {},
                        quiet())
                    .deliver(
                        new ReportMailer.Parcel(made.record(), made.pdf(), made.xlsx()),
                        other,
                        Instant.parse("2026-11-07T17:00:00Z")))
        .isInstanceOf(vn.da06.orchestration.report.ReportException.class)
        .hasMessageContaining(
            "it is the report of unit 20, and these are the recipients of unit 06325");
    assertThat(inbox("xa.khac@langson.test")).isEmpty();
  }

  @Test
  void aPendingMessageTheServerNeverAcceptedIsSentOnceWithItsRecordedId() throws Exception {
    ReportsConfig config = ReportsConfig.load(config());
    ReportService.Made made =
        new ReportService(warehouse, dir.resolve("out"))
            .monthly(
                config,
                "20",
                java.time.YearMonth.of(2026, 10),
                Instant.parse("2026-11-05T02:00:00Z"));
    MailLedger ledger = new MailLedger(warehouse);
    String messageId = "<" + made.record().reportId() + ".report.crashed-before-send@da06>";
    ledger.record(
        new MailLedgerEntry(
            made.record().reportId(),
            TINH,
            ReportMailer.REPORT,
            messageId,
            MailLedgerEntry.State.PENDING,
            "2026-11-05T02:00:01Z",
            null));

    ReportMailer.Outcome outcome =
        new ReportMailer(
                config, ledger, Clock.systemUTC(), duration -> {}, (recipient, id) -> {}, quiet())
            .deliver(
                new ReportMailer.Parcel(made.record(), made.pdf(), made.xlsx()),
                config.unit("20").orElseThrow(),
                Instant.parse("2026-11-07T17:00:00Z"));

    assertThat(outcome.sent()).containsExactlyInAnyOrder(TINH, VANPHONG);
    assertThat(inbox(TINH)).hasSize(1);
    assertThat(inbox(TINH).get(0).getMessageID()).isEqualTo(messageId);
  }

  @Test
  void aServerThatIsDownIsRetriedWithBackoffAndTheOperatorIsWarnedNearTheDeadline()
      throws Exception {
    int smtpPort = freePort();
    Path config = config(smtpPort, mail.getImap().getPort(), "");
    GreenMail late =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    MailLedger ledger = new MailLedger(warehouse);
    Thread starter =
        new Thread(
            () -> {
              // The server comes up only once an attempt has failed against it.
              long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
              while (ledger.entries().stream()
                  .noneMatch(entry -> entry.state() == MailLedgerEntry.State.FAILED)) {
                if (System.nanoTime() > until) {
                  return;
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
              late.start();
            });
    starter.start();
    try {
      // 2026-11-07 09:00 in Hà Nội: the report is due on the 8th, within the 48 h warning window.
      TestReports.Run run = sendMonthly(config, "2026-11-07T02:00:00Z");

      assertThat(run.code()).as(run.out() + run.err()).isZero();
      assertThat(run.err())
          .contains("Cannot send BCT-20-2026-10-", "(attempt 1)", "warning " + OPERATOR);
      List<MimeMessage> delivered =
          late.findReceivedMessages(user -> !user.getEmail().equals(ARCHIVE), m -> true).toList();
      assertThat(delivered)
          .extracting(message -> message.getHeader("To", ","))
          .containsExactlyInAnyOrder(TINH, VANPHONG, OPERATOR);
      MimeMessage warning =
          delivered.stream()
              .filter(message -> header(message).equals(OPERATOR))
              .findFirst()
              .orElseThrow();
      assertThat(warning.getSubject())
          .startsWith("[ĐA06] Cảnh báo: chưa gửi được Báo cáo tháng 10/2026");
      List<MailLedgerEntry.State> states =
          new MailLedger(warehouse)
              .entries().stream()
                  .filter(entry -> entry.recipient().equals(TINH))
                  .map(MailLedgerEntry::state)
                  .toList();
      assertThat(states)
          .startsWith(MailLedgerEntry.State.PENDING, MailLedgerEntry.State.FAILED)
          .endsWith(MailLedgerEntry.State.SENT);
    } finally {
      starter.join();
      late.stop();
    }
  }

  @Test
  void aProvisionalReportWarnsTheOperatorOnce() throws Exception {
    Path config =
        config(
            mail.getSmtp().getPort(),
            mail.getImap().getPort(),
            "data_quality_thresholds: {dq_unclean: 0.001}");
    TestReports.Run run = sendMonthly(config, "2026-11-05T02:00:00Z");
    TestReports.Run again = sendMonthly(config, "2026-11-05T03:00:00Z");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(again.code()).isZero();
    assertThat(inbox(TINH)).hasSize(1);
    assertThat(inbox(TINH).get(0).getSubject()).endsWith("(TẠM TÍNH)");
    List<MimeMessage> warnings = inbox(OPERATOR);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getSubject())
        .isEqualTo(
            "[ĐA06] Cảnh báo: Báo cáo tháng 10/2026 — tỉnh Lạng Sơn sẽ gửi đi ở trạng thái TẠM TÍNH");
    assertThat((String) ((Multipart) warnings.get(0).getContent()).getBodyPart(0).getContent())
        .contains("trùng (không sạch)", "vượt ngưỡng 0,1%");
  }

  @Test
  void aMissingPasswordIsAConfigurationErrorNotSomethingToRetry() {
    Path config =
        TestReports.write(
            dir.resolve("no-password.yaml"),
            """
        smtp: {host: 127.0.0.1, port: %d, tls: none, user: bcd06, password_env: DA06_TEST_UNSET_PASSWORD, from: a@b.vn}
        units:
          - {code: "20", recipients: [%s]}
        """
                .formatted(mail.getSmtp().getPort(), TINH));

    TestReports.Run run = sendMonthly(config, "2026-11-05T02:00:00Z");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "Cannot send BCT-20-2026-10-",
            "environment variable DA06_TEST_UNSET_PASSWORD is"
                + " not set (export it with the password of bcd06 on 127.0.0.1)");
    assertThat(inbox(TINH)).isEmpty();
  }

  private static String header(MimeMessage message) {
    try {
      return message.getHeader("To", ",");
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.getFileName() != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getInputStream().transferTo(bytes);
        files.put(part.getFileName(), bytes.toByteArray());
      }
    }
    return files;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
