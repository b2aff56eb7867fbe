package vn.da06.goldread.ops;

/**
 * One line of the send ledger ({@link OpsFiles#MAIL_LEDGER}): a message to one recipient of one
 * report (or a warning, kind WARNING) and its state. The orchestration's mailer writes it, {@link
 * ReportsRead} reads it.
 */
public record MailLedgerEntry(
    String reportId,
    String recipient,
    String kind,
    String messageId,
    State state,
    String at,
    String note) {

  /**
   * PENDING: about to be handed to the SMTP server (outcome unknown if the process died); FAILED:
   * the server refused or could not be reached, not accepted, may be retried; SENT: accepted.
   */
  public enum State {
    PENDING,
    FAILED,
    SENT
  }

  /** What a state belongs to: (report id, recipient, kind). */
  public String key() {
    return key(reportId, recipient, kind);
  }

  public static String key(String reportId, String recipient, String kind) {
    return reportId + "\u0000" + recipient + "\u0000" + kind;
  }
}
