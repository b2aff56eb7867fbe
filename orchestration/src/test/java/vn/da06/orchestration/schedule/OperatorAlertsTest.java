package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails after its last retry is mailed to the operators of config/reports.yaml through a
 * real SMTP server (GreenMail), once; and the scheduler refuses to start when a unit is due on a
 * day no task serves.
 */
class OperatorAlertsTest {
  @TempDir Path dir;

  GreenMail mail;

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  Path config(int dueDay) throws Exception {
    return Files.writeString(
        dir.resolve("reports-" + dueDay + ".yaml"),
        """
        smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Ban Chỉ đạo Đề án 06 <bcd06@langson.test>", timeout_seconds: 5}
        units:
          - {code: "20", recipients: [tinh@langson.test], operator: vanhanh@langson.test, monthly_due_day: %d}
          - {code: "06325", recipients: [xa@langson.test], operator: vanhanh@langson.test, monthly_due_day: 8}
        """
            .formatted(mail.getSmtp().getPort(), dueDay));
  }

  @Test
  void aRunThatFailsAfterItsLastRetryIsMailedToTheOperatorsOnce() throws Exception {
    Path reports = config(15);
    MutableClock clock = new MutableClock(SchedulerTest.vn("2025-08-03T09:00"), SchedulerTest.VN);
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          new Scheduler(
              PipelineDefinition.builtIn(),
              SchedulerTest.SETTINGS,
              (task, args) -> 1,
              run -> {},
              state,
              clock,
              new OperatorAlerts(reports, SchedulerTest.VN));
      clock.set(SchedulerTest.vn("2025-08-03T17:30"));
      for (int i = 0; i < 8; i++) {
        scheduler.tick();
        clock.advance(Duration.ofMinutes(20));
      }
    }
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getHeader("To", ",")).isEqualTo("vanhanh@langson.test");
    assertThat(received[0].getSubject()).isEqualTo("[ĐA06] Lịch chạy cần xử lý: daily");
    assertThat((String) received[0].getContent())
        .contains("2025-08-03T17:30", "task ingest failed after 4 attempt(s): exit code 1");
  }

  @Test
  void theSchedulerRefusesAUnitDueOnADayNoTaskServes() throws Exception {
    SchedulerCli.checkDueDays(PipelineDefinition.builtIn(), config(15));
    assertThatThrownBy(() -> SchedulerCli.checkDueDays(PipelineDefinition.builtIn(), config(10)))
        .hasMessageStartingWith("Cannot start the scheduler: unit 20 of ")
        .hasMessageContaining(
            "is due on day 10, but no task of the pipeline definition sends reports with --due-day 10 (give the unit a due day of [8, 15]");
  }
}
