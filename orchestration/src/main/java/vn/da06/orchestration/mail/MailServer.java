package vn.da06.orchestration.mail;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.util.Optional;
import java.util.Properties;
import vn.da06.orchestration.report.ReportsConfig;

/**
 * The SMTP server (and the archive mailbox over IMAP) of config/reports.yaml, through Jakarta Mail
 * (Angus).
 */
public final class MailServer {
  private final ReportsConfig.Smtp smtp;
  private final Optional<ReportsConfig.Archive> archive;
  private final Session session;

  public MailServer(ReportsConfig.Smtp smtp, Optional<ReportsConfig.Archive> archive) {
    this.smtp = smtp;
    this.archive = archive;
    this.session = Session.getInstance(properties(smtp));
  }

  public Session session() {
    return session;
  }

  public Optional<ReportsConfig.Archive> archive() {
    return archive;
  }

  /**
   * Sends in one SMTP transaction to the envelope recipients given (the archive mailbox among
   * them).
   */
  public void send(MimeMessage message, Address[] envelope) throws MessagingException {
    message.saveChanges();
    String protocol = smtp.tls() == ReportsConfig.TlsMode.TLS ? "smtps" : "smtp";
    try (Transport transport = session.getTransport(protocol)) {
      if (smtp.user() != null) {
        transport.connect(
            smtp.host(),
            smtp.port(),
            smtp.user(),
            smtp.password()
                .orElseThrow(
                    () ->
                        new MessagingException(
                            "Cannot sign in to "
                                + smtp.host()
                                + ": environment variable "
                                + smtp.passwordEnv()
                                + " is not set (export it with the SMTP password)")));
      } else {
        transport.connect(smtp.host(), smtp.port(), null, null);
      }
      transport.sendMessage(message, envelope);
    }
  }

  /** Whether the archive mailbox holds a message with this Message-ID: the server accepted it. */
  public boolean archived(String messageId) throws MessagingException {
    ReportsConfig.Archive box = archive.orElseThrow();
    Properties properties = new Properties();
    String protocol = box.imapTls() ? "imaps" : "imap";
    properties.put("mail." + protocol + ".connectiontimeout", "10000");
    properties.put("mail." + protocol + ".timeout", "10000");
    Store store = Session.getInstance(properties).getStore(protocol);
    store.connect(box.imapHost(), box.imapPort(), box.user(), box.password());
    try {
      Folder folder = store.getFolder(box.folder());
      folder.open(Folder.READ_ONLY);
      try {
        Message[] found = folder.search(new HeaderTerm("Message-ID", messageId));
        for (Message message : found) {
          String[] ids = message.getHeader("Message-ID");
          if (ids != null && java.util.Arrays.asList(ids).contains(messageId)) {
            return true;
          }
        }
        return false;
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
  }

  private static Properties properties(ReportsConfig.Smtp smtp) {
    Properties properties = new Properties();
    String protocol = smtp.tls() == ReportsConfig.TlsMode.TLS ? "smtps" : "smtp";
    long timeout = smtp.timeoutSeconds() * 1000L;
    properties.put("mail." + protocol + ".host", smtp.host());
    properties.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
    properties.put("mail." + protocol + ".connectiontimeout", Long.toString(timeout));
    properties.put("mail." + protocol + ".timeout", Long.toString(timeout));
    properties.put("mail." + protocol + ".writetimeout", Long.toString(timeout));
    properties.put("mail." + protocol + ".auth", Boolean.toString(smtp.user() != null));
    if (smtp.tls() == ReportsConfig.TlsMode.STARTTLS) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.tls() == ReportsConfig.TlsMode.TLS) {
      properties.put("mail.smtps.ssl.checkserveridentity", "true");
    }
    properties.put("mail.from", smtp.from());
    return properties;
  }
}
