package vn.da06.orchestration.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.da06.goldread.ops.MailLedgerEntry;
import vn.da06.goldread.ops.ReportRecord;
import vn.da06.orchestration.report.Certifier;
import vn.da06.orchestration.report.ReportException;
import vn.da06.orchestration.report.ReportsConfig;

/**
 * Sends a report to its unit's recipients once and on time.
 *
 * <p>Once: every message (one per recipient) has a unique Message-ID, written to the {@link
 * MailLedger} as PENDING and forced to disk before the SMTP transaction, and marked SENT after the
 * server accepted it. The same transaction carries a blind copy to the archive mailbox, so after a
 * crash a PENDING message is resolved by searching the archive over IMAP for its Message-ID: found
 * means accepted (marked SENT, not sent again), absent means not accepted (sent again with the same
 * Message-ID). Without an archive mailbox a PENDING message is never sent again automatically: it
 * is reported as uncertain for the operator to check (at most once).
 *
 * <p>On time: failures are retried with exponential backoff until the deadline; when the deadline
 * is near and the server still refuses, and when a report would go out TẠM TÍNH, the unit's
 * operator gets a warning.
 *
 * <p>Over 400 lines on purpose: the exactly-once protocol (ledger, archive copy, retries, warnings)
 * must be read as one sequence.
 */
public final class ReportMailer {
  public static final String REPORT = "REPORT";
  public static final String WARNING_PROVISIONAL = "WARNING_PROVISIONAL";
  public static final String WARNING_SMTP = "WARNING_SMTP";

  /** Waits between attempts (a test passes a short one; the real one sleeps). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Called after the server accepted a message and before the ledger says SENT (a test simulates a
   * crash here).
   */
  public interface AfterAccept {
    void accepted(String recipient, String messageId);
  }

  /** What happened to each recipient of a report. */
  public record Outcome(
      List<String> sent,
      List<String> alreadySent,
      List<String> uncertain,
      List<String> failed,
      List<String> warnings) {
    public boolean delivered() {
      return failed.isEmpty() && uncertain.isEmpty();
    }
  }

  /** A report to send: its record and files. */
  public record Parcel(ReportRecord record, Path pdf, Path xlsx) {}

  private final ReportsConfig config;
  private final MailServer server;
  private final MailLedger ledger;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AfterAccept afterAccept;
  private final PrintStream log;

  public ReportMailer(
      ReportsConfig config,
      MailLedger ledger,
      Clock clock,
      Sleeper sleeper,
      AfterAccept afterAccept,
      PrintStream log) {
    this.config = config;
    this.server = new MailServer(config.smtp(), config.archive());
    this.ledger = ledger;
    this.clock = clock;
    this.sleeper = sleeper;
    this.afterAccept = afterAccept;
    this.log = log;
  }

  public static ReportMailer standard(
      ReportsConfig config, Path warehouse, Clock clock, PrintStream log) {
    return new ReportMailer(
        config,
        new MailLedger(warehouse),
        clock,
        duration -> Thread.sleep(duration.toMillis()),
        (recipient, id) -> {},
        log);
  }

  public Outcome deliver(Parcel parcel, ReportsConfig.Unit unit, Instant deadline) {
    // A unit's report goes to that unit's recipients only: never a report of A to B's list.
    if (!parcel.record().unitCode().equals(unit.code())) {
      throw new ReportException(
          "Cannot send "
              + parcel.record().reportId()
              + ": it is the report of unit "
              + parcel.record().unitCode()
              + ", and these are the recipients of unit "
              + unit.code()
              + " (nothing was sent)");
    }
    // A missing secret is a configuration mistake: retrying it until the deadline would only hide
    // it.
    if (config.smtp().user() != null && config.smtp().password().isEmpty()) {
      throw new ReportException(
          "Cannot send "
              + parcel.record().reportId()
              + ": environment variable "
              + config.smtp().passwordEnv()
              + " is not set (export it with the password of "
              + config.smtp().user()
              + " on "
              + config.smtp().host()
              + ")");
    }
    config.archive().ifPresent(ReportsConfig.Archive::password);
    Instant started = clock.instant();
    long startedNanos = System.nanoTime();
    ReportRecord record = parcel.record();
    Map<String, String> work = new LinkedHashMap<>(); // recipient → kind
    for (String recipient : unit.recipients()) {
      work.put(recipient, REPORT);
    }
    List<String> warnings = new ArrayList<>();
    String operator = unit.operator();
    if (!record.official() && operator != null) {
      work.put(operator + "#" + WARNING_PROVISIONAL, WARNING_PROVISIONAL);
    }
    List<String> sent = new ArrayList<>();
    List<String> alreadySent = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    double delay = config.retry().initialSeconds();
    String lastError = null;
    boolean smtpWarned = false;
    int attempt = 0;
    while (true) {
      attempt++;
      for (Map.Entry<String, String> item : new ArrayList<>(work.entrySet())) {
        String recipient = item.getKey().split("#")[0];
        String kind = item.getValue();
        try {
          Result result = deliverOne(parcel, recipient, kind, lastError, deadline);
          work.remove(item.getKey());
          switch (result) {
            case SENT -> (kind.equals(REPORT) ? sent : warnings).add(recipient);
            case ALREADY_SENT -> alreadySent.add(recipient);
            case UNCERTAIN -> uncertain.add(recipient);
          }
        } catch (MessagingException e) {
          lastError = e.getMessage();
        }
      }
      if (work.isEmpty()) {
        break;
      }
      Instant now = started.plusNanos(System.nanoTime() - startedNanos);
      log.printf(
          "Cannot send %s yet (attempt %d): %s (retrying until %s)%n",
          record.reportId(), attempt, lastError, LocalDateTime.ofInstant(deadline, Certifier.ZONE));
      if (!smtpWarned
          && operator != null
          && Duration.between(now, deadline).toMillis()
              <= config.retry().warnBeforeDeadlineHours() * 3_600_000) {
        smtpWarned = true;
        work.put(operator + "#" + WARNING_SMTP, WARNING_SMTP);
        log.printf(
            "Warning: %s is not delivered and its deadline %s is near; warning %s%n",
            record.reportId(), LocalDateTime.ofInstant(deadline, Certifier.ZONE), operator);
      }
      if (!now.isBefore(deadline)) {
        break;
      }
      Duration wait =
          Duration.ofMillis(
              Math.min((long) (delay * 1000), Duration.between(now, deadline).toMillis()));
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      delay = Math.min(delay * config.retry().factor(), config.retry().maxSeconds());
    }
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, String> item : work.entrySet()) {
      if (item.getValue().equals(REPORT)) {
        failed.add(item.getKey());
      }
    }
    return new Outcome(sent, alreadySent, uncertain, failed, warnings);
  }

  private enum Result {
    SENT,
    ALREADY_SENT,
    UNCERTAIN
  }

  private Result deliverOne(
      Parcel parcel, String recipient, String kind, String lastError, Instant deadline)
      throws MessagingException {
    String reportId = parcel.record().reportId();
    MailLedgerEntry entry = ledger.latest(reportId, recipient, kind).orElse(null);
    if (entry != null && entry.state() == MailLedgerEntry.State.SENT) {
      return Result.ALREADY_SENT;
    }
    String messageId =
        entry != null
            ? entry.messageId()
            : "<"
                + reportId
                + "."
                + kind.toLowerCase(java.util.Locale.ROOT)
                + "."
                + UUID.randomUUID()
                + "@da06>";
    if (entry != null && entry.state() == MailLedgerEntry.State.PENDING) {
      // The process stopped between handing the message over and recording the answer.
      if (server.archive().isEmpty()) {
        log.printf(
            "Not sending %s to %s again: an earlier attempt may have been accepted (message %s) and there"
                + " is no archive mailbox to check (configure archive: in config/reports.yaml)%n",
            reportId, recipient, messageId);
        return Result.UNCERTAIN;
      }
      if (server.archived(messageId)) {
        ledger.record(
            new MailLedgerEntry(
                reportId,
                recipient,
                kind,
                messageId,
                MailLedgerEntry.State.SENT,
                now(),
                "found in the archive mailbox after a restart"));
        return Result.ALREADY_SENT;
      }
    }
    ledger.record(
        new MailLedgerEntry(
            reportId, recipient, kind, messageId, MailLedgerEntry.State.PENDING, now(), null));
    MimeMessage message = message(parcel, recipient, kind, messageId, lastError, deadline);
    List<Address> envelope = new ArrayList<>();
    envelope.add(new InternetAddress(recipient));
    if (server.archive().isPresent()) {
      envelope.add(new InternetAddress(server.archive().get().address()));
    }
    try {
      server.send(message, envelope.toArray(new Address[0]));
    } catch (MessagingException e) {
      ledger.record(
          new MailLedgerEntry(
              reportId,
              recipient,
              kind,
              messageId,
              MailLedgerEntry.State.FAILED,
              now(),
              e.getMessage()));
      throw e;
    }
    afterAccept.accepted(recipient, messageId);
    ledger.record(
        new MailLedgerEntry(
            reportId, recipient, kind, messageId, MailLedgerEntry.State.SENT, now(), null));
    return Result.SENT;
  }

  private String now() {
    return clock.instant().toString();
  }

  private MimeMessage message(
      Parcel parcel,
      String recipient,
      String kind,
      String messageId,
      String lastError,
      Instant deadline)
      throws MessagingException {
    ReportRecord record = parcel.record();
    MimeMessage message = new FixedIdMessage(server.session(), messageId);
    message.setFrom(new InternetAddress(config.smtp().from()));
    message.setRecipients(jakarta.mail.Message.RecipientType.TO, recipient);
    message.setSentDate(Date.from(clock.instant()));
    String what =
        (ReportRecord.MONTHLY.equals(record.kind())
                ? "Báo cáo tháng " + monthText(record.period())
                : "Báo cáo nhanh ngày " + dayText(record.period()))
            + " — "
            + record.unitName();
    MimeMultipart parts = new MimeMultipart();
    MimeBodyPart text = new MimeBodyPart();
    switch (kind) {
      case REPORT -> {
        message.setSubject("[ĐA06] " + what + " (" + record.status() + ")", "UTF-8");
        text.setText(
            what
                + "\n\nTrạng thái: "
                + record.status()
                + (record.reason() == null ? "" : "\nLý do: " + record.reason())
                + "\nMã báo cáo: "
                + record.reportId()
                + "\nPhiên bản dữ liệu: "
                + record.tableVersions()
                + "\n\nKèm theo: báo cáo (PDF) và bảng số liệu (XLSX).\n",
            "UTF-8");
        parts.addBodyPart(text);
        parts.addBodyPart(attachment(parcel.pdf(), "application/pdf"));
        parts.addBodyPart(
            attachment(
                parcel.xlsx(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
      }
      case WARNING_PROVISIONAL -> {
        message.setSubject(
            "[ĐA06] Cảnh báo: " + what + " sẽ gửi đi ở trạng thái TẠM TÍNH", "UTF-8");
        text.setText(
            "Báo cáo "
                + record.reportId()
                + " được gửi ở trạng thái TẠM TÍNH.\nLý do: "
                + record.reason()
                + "\n\nKhi số liệu đầy đủ, lập lại báo cáo: ./da06 report "
                + (ReportRecord.MONTHLY.equals(record.kind())
                    ? "monthly --month "
                    : "daily --date ")
                + record.period()
                + " --unit "
                + record.unitCode()
                + " --send\n",
            "UTF-8");
        parts.addBodyPart(text);
      }
      default -> {
        message.setSubject(
            "[ĐA06] Cảnh báo: chưa gửi được " + what + " — máy chủ thư không phản hồi", "UTF-8");
        text.setText(
            "Báo cáo "
                + record.reportId()
                + " chưa gửi được tới người nhận.\nLỗi: "
                + lastError
                + "\nHạn gửi: "
                + LocalDateTime.ofInstant(deadline, Certifier.ZONE)
                + "\nHệ thống vẫn đang thử lại. Kiểm tra máy chủ thư (smtp trong config/reports.yaml).\n",
            "UTF-8");
        parts.addBodyPart(text);
      }
    }
    message.setContent(parts);
    return message;
  }

  private static MimeBodyPart attachment(Path file, String type) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    try {
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(file), type)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot attach " + file + ": " + e.getMessage(), e);
    }
    part.setFileName(file.getFileName().toString());
    return part;
  }

  private static String monthText(String period) {
    return period.substring(5, 7) + "/" + period.substring(0, 4);
  }

  private static String dayText(String period) {
    return period.substring(8, 10) + "/" + period.substring(5, 7) + "/" + period.substring(0, 4);
  }

  /**
   * A message whose Message-ID is the one recorded in the ledger (Jakarta Mail would make a new
   * one).
   */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
