package vn.da06.orchestration.schedule;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.orchestration.mail.MailServer;
import vn.da06.orchestration.report.ReportsConfig;

/**
 * Tells the operators of config/reports.yaml (each unit's {@code operator}) by email, through the
 * reports' SMTP server, when a scheduled run fails after its last retry, misses its deadline or
 * ends late. The log and stderr always get the same line; without a reports config or an operator,
 * that is all.
 */
public final class OperatorAlerts implements Scheduler.FailureReporter {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorAlerts.class);
  private final Path reportsConfig;
  private final ZoneId zone;

  public OperatorAlerts(Path reportsConfig, ZoneId zone) {
    this.reportsConfig = reportsConfig;
    this.zone = zone;
  }

  @Override
  public void report(String dag, Instant scheduled, String problem) {
    System.err.println("da06 scheduler: dag " + dag + ": " + problem);
    if (reportsConfig == null || !Files.exists(reportsConfig)) {
      return;
    }
    ReportsConfig config = ReportsConfig.load(reportsConfig);
    Set<String> operators = new TreeSet<>();
    config.units().stream()
        .map(ReportsConfig.Unit::operator)
        .filter(Objects::nonNull)
        .forEach(operators::add);
    if (operators.isEmpty()) {
      return;
    }
    try {
      MailServer server = new MailServer(config.smtp(), Optional.empty());
      MimeMessage message = new MimeMessage(server.session());
      message.setFrom(new InternetAddress(config.smtp().from()));
      Address[] to = new Address[operators.size()];
      int i = 0;
      for (String operator : operators) {
        to[i++] = new InternetAddress(operator);
      }
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject("[ĐA06] Lịch chạy cần xử lý: " + dag, "UTF-8");
      message.setText(
          "Lượt chạy "
              + dag
              + " theo lịch lúc "
              + scheduled.atZone(zone).toLocalDateTime()
              + " (giờ Việt Nam) cần người vận hành xử lý.\n\n"
              + problem
              + "\n\nChi tiết: bảng ops.job_runs và nhật ký của ./da06 scheduler.\n",
          "UTF-8");
      server.send(message, to);
    } catch (MessagingException | RuntimeException e) {
      LOG.error("Cannot warn the operators {} about dag {}: {}", operators, dag, e.getMessage());
    }
  }
}
